// The lead's side-by-side view of two codings of one recording: both scoresheets, and every cell and rating
// on which they differ, as the starting point for a consensus coding.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { buildScoresheet, type Scoresheet } from '../coding/index.ts';
import type { CheckMinus } from '../reliability/selection.ts';
import type { Category } from '../scheme/index.ts';
import { pairCodings, type CellMark, type CellPair } from './cells.ts';

export interface CellDifference {
  segmentIndex: number;
  startMs: number;
  code: string;
  category: Category;
  /**
   * presence: one coder has the code in the segment and the other not (a disagreement, as reliability
   * counts it); clarity: both agree under the check-minus setting but marked it differently.
   */
  kind: 'presence' | 'clarity';
  a: CellMark;
  b: CellMark;
  aTimesMs: number[];
  bTimesMs: number[];
}

export interface RatingDifference {
  item: string;
  /** null when that coder has not rated the item. */
  a: number | null;
  b: number | null;
}

export interface CodingComparison {
  recording: string;
  /** The two coders, as a and b below. */
  coders: { a: string; b: string };
  checkMinus: CheckMinus;
  sheets: { a: Scoresheet; b: Scoresheet };
  /** Cells whose marks differ, segment by segment, codes in scheme order. */
  differences: CellDifference[];
  /** Rating items on which the two differ, including an item only one of them rated. */
  ratingDifferences: RatingDifference[];
}

/** Cells whose marks differ, in order; a presence difference is a disagreement, a clarity one is not. */
export function differingCells(pairs: CellPair[]): CellPair[] {
  return pairs.filter((p) => p.first.mark !== p.second.mark);
}

export function compareCodings(db: Database, recording: string, coderA: string, coderB: string, options: { checkMinus?: CheckMinus } = {}): CodingComparison {
  return db.transaction(() => {
    const paired = pairCodings(db, recording, coderA, coderB, options.checkMinus);
    const [a, b] = paired.coders;
    const sheets = { a: buildScoresheet(db, paired.recording, a), b: buildScoresheet(db, paired.recording, b) };
    const differences = differingCells(paired.pairs).map(
      (p): CellDifference => ({
        segmentIndex: p.segment.index,
        startMs: p.segment.startMs,
        code: p.code,
        category: p.category,
        kind: p.agree ? 'clarity' : 'presence',
        a: p.first.mark,
        b: p.second.mark,
        aTimesMs: p.first.timesMs,
        bTimesMs: p.second.timesMs,
      }),
    );
    const ratingDifferences = paired.scheme.ratingItems
      .map((item) => ({ item: item.id, a: sheets.a.ratings[item.id] ?? null, b: sheets.b.ratings[item.id] ?? null }))
      .filter((r) => r.a !== r.b);
    return { recording: paired.recording, coders: { a, b }, checkMinus: paired.checkMinus, sheets, differences, ratingDifferences };
  })();
}
