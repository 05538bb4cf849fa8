// The lead's side-by-side view of two codings of one recording: both scoresheets, and every cell and rating
// on which they differ, as the starting point for a consensus coding.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { buildScoresheet, type Scoresheet } from '../coding/index.ts';
import type { CheckMinus } from '../reliability/selection.ts';
import type { Category } from '../scheme/index.ts';
import { pairCodings, type CellMark, type CellPair } from './cells.ts';

/**
 * presence: one coder has the code in the segment and the other not (a disagreement, as reliability counts
 * it); clarity: both have the code, marked with another clarity; uncounted: one has only a check-minus mark
 * and the other nothing, with a check-minus counted absent — no disagreement, yet the other never marked it.
 */
export type DifferenceKind = 'presence' | 'clarity' | 'uncounted';

export interface CellDifference {
  segmentIndex: number;
  startMs: number;
  code: string;
  category: Category;
  kind: DifferenceKind;
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

/** Cells whose marks differ, in order; only a presence difference is a disagreement. */
export function differingCells(pairs: CellPair[]): CellPair[] {
  return pairs.filter((p) => p.first.mark !== p.second.mark);
}

/** How a differing cell's marks differ: agreeing marks with one side empty can only be an uncounted check-minus. */
export function differenceKind(p: CellPair): DifferenceKind {
  if (!p.agree) return 'presence';
  return p.first.mark === 'none' || p.second.mark === 'none' ? 'uncounted' : 'clarity';
}

export function compareCodings(
  db: Database,
  recording: string,
  coderA: string,
  coderB: string,
  options: { checkMinus?: CheckMinus } = {},
): CodingComparison {
  return db.transaction(() => {
    const paired = pairCodings(db, recording, coderA, coderB, options.checkMinus);
    const [a, b] = paired.coders;
    const sheets = { a: buildScoresheet(db, paired.recording, a), b: buildScoresheet(db, paired.recording, b) };
    const differences = differingCells(paired.pairs).map((p): CellDifference => ({
      segmentIndex: p.segment.index,
      startMs: p.segment.startMs,
      code: p.code,
      category: p.category,
      kind: differenceKind(p),
      a: p.first.mark,
      b: p.second.mark,
      aTimesMs: p.first.timesMs,
      bTimesMs: p.second.timesMs,
    }));
    const ratingDifferences = paired.scheme.ratingItems
      .map((item) => ({ item: item.id, a: sheets.a.ratings[item.id] ?? null, b: sheets.b.ratings[item.id] ?? null }))
      .filter((r) => r.a !== r.b);
    return { recording: paired.recording, coders: { a, b }, checkMinus: paired.checkMinus, sheets, differences, ratingDifferences };
  })();
}
