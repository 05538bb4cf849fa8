// A trainee's coding checked against a reference (gold) coding of the same recording: how far they agree
// segment by segment and code by code, and each disagreement with the times of the marks involved, so the
// trainee can go straight to those moments.
//
// Agreement is on presence, as in the reliability report: a cell agrees when both codings have the code in
// the segment or both have not, with check-minus marks counted as the setting says. Most cells of a session
// are empty in both codings, so agreement over all cells stays near 100 % whatever the trainee did; a
// trainer reads the cells either coding marked, and how many of the reference's the trainee found.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getRatings } from '../coding/index.ts';
import type { CheckMinus } from '../reliability/selection.ts';
import type { Category } from '../scheme/index.ts';
import { cohenKappa } from '../stats/kappa.ts';
import { defined, notDefined, type Reason, type Terms } from '../stats/outcome.ts';
import { isPresent, pairCodings, type CellMark, type CellPair } from './cells.ts';
import { differenceKind, differingCells, type DifferenceKind } from './compare-codings.ts';

export interface TrainingOptions {
  recording: string;
  trainee: string;
  reference: string;
  /** Whether a check-minus mark counts as the code being present. Default 'present'. */
  checkMinus?: CheckMinus;
}

/** `count` out of `of`, and the share it makes, 0–1; null, with a reason, when `of` is 0. */
export type CellShare = { count: number; of: number; share: number } | { count: number; of: number; share: null; reason: Reason };

/** The figures over marked cells, under the check-minus setting. */
export interface MarkedCells {
  /** Of the cells where either coding has a code, those where both have it. */
  markedAgreement: CellShare;
  /** Of the cells where the reference has a code, those where the trainee has it too. */
  referenceFound: CellShare;
  /**
   * Of the cells where the trainee has a code, those the reference has too: the other side of referenceFound.
   * Low when the trainee over-codes, the beginner's error the manual warns of (l. 172–173).
   */
  traineeConfirmed: CellShare;
}

export interface SegmentTraining extends MarkedCells {
  index: number;
  startMs: number;
  endMs: number;
  /** Codes on which the two agree in this segment, out of all the scheme's codes. */
  agreed: number;
  codes: number;
  percentAgreement: number;
}

export interface CodeTraining {
  code: string;
  category: Category;
  /** Segments with the code present in the trainee's coding, and in the reference. */
  trainee: number;
  reference: number;
  /** Segments in which the trainee and the reference agree on this code. */
  agreed: number;
  segments: number;
  percentAgreement: number;
  /** Cohen's kappa over the recording's segments; null, with a reason, when it is not defined. */
  cohenKappa: number | null;
  reason?: Reason;
  /** Set when the kappa rests on fewer than FEW_SEGMENTS segments: a rough guide only. */
  caution?: string;
}

/** Below this many segments a per-code kappa swings with a single cell, so it is flagged as based on few. */
const FEW_SEGMENTS = 10;

export interface TrainingCell {
  segmentIndex: number;
  startMs: number;
  code: string;
  category: Category;
  trainee: CellMark;
  reference: CellMark;
  traineeTimesMs: number[];
  referenceTimesMs: number[];
}

export interface RatingTraining {
  item: string;
  trainee: number | null;
  reference: number | null;
}

export interface TrainingComparison extends MarkedCells {
  recording: string;
  trainee: string;
  reference: string;
  checkMinus: CheckMinus;
  segmentSeconds: number;
  /** Agreeing cells (segment × code) out of all cells, empty ones included, 0–1. */
  percentAgreement: number;
  cells: number;
  perSegment: SegmentTraining[];
  perCode: CodeTraining[];
  /** One has the code in the segment and the other not: the cells to review. */
  disagreements: TrainingCell[];
  /** Both have the code but marked it with a different clarity. */
  clarityDifferences: TrainingCell[];
  /** One has only a check-minus mark and the other nothing, with a check-minus counted absent: no disagreement. */
  checkMinusNotCounted: TrainingCell[];
  /** Rating items the two rated differently, or only one of them rated. */
  ratingDifferences: RatingTraining[];
}

const TERMS: Terms = { subjects: 'segments', raters: 'coders' };

const trainingCell = (p: CellPair): TrainingCell => ({
  segmentIndex: p.segment.index,
  startMs: p.segment.startMs,
  code: p.code,
  category: p.category,
  trainee: p.first.mark,
  reference: p.second.mark,
  traineeTimesMs: p.first.timesMs,
  referenceTimesMs: p.second.timesMs,
});

function perCode(code: string, category: Category, pairs: CellPair[], checkMinus: CheckMinus): CodeTraining {
  // 2 × 2 table over segments: [trainee present?][reference present?].
  const table = [
    [0, 0],
    [0, 0],
  ];
  for (const p of pairs) table[isPresent(p.first.mark, checkMinus) ? 1 : 0]![isPresent(p.second.mark, checkMinus) ? 1 : 0]!++;
  const agreed = table[0]![0]! + table[1]![1]!;
  const kappa = cohenKappa(table, TERMS);
  const few =
    pairs.length < FEW_SEGMENTS
      ? {
          caution: `based on only ${pairs.length} segment${pairs.length === 1 ? '' : 's'}: one segment more or less moves it a lot, so read it as a rough guide`,
        }
      : {};
  const base = {
    code,
    category,
    trainee: table[1]![0]! + table[1]![1]!,
    reference: table[0]![1]! + table[1]![1]!,
    agreed,
    segments: pairs.length,
    percentAgreement: agreed / pairs.length,
  };
  return kappa.ok ? { ...base, cohenKappa: kappa.value, ...few } : { ...base, cohenKappa: null, reason: kappaReason(base, kappa.reason) };
}

/** Kappa is undefined only when both codings agree on the code in every segment; say so in those terms. */
function kappaReason(c: { trainee: number; reference: number; segments: number }, fallback: Reason): Reason {
  const chance = 'so agreement by chance alone is already 100 % and kappa divides by zero';
  if (c.trainee === 0 && c.reference === 0)
    return { kind: 'not-defined', why: `neither coding has this code in any of the ${c.segments} segments, ${chance}` };
  if (c.trainee === c.segments && c.reference === c.segments)
    return { kind: 'not-defined', why: `both codings have this code in every one of the ${c.segments} segments, ${chance}` };
  return fallback;
}

/** `why` says what is missing when there is nothing to take a share of. */
function share(count: number, of: number, why: string): CellShare {
  const ratio = of === 0 ? notDefined(why) : defined(count / of);
  return ratio.ok ? { count, of, share: ratio.value } : { count, of, share: null, reason: ratio.reason };
}

/** `where` narrows the reasons to a segment ('' for the whole recording). */
function markedCells(pairs: CellPair[], checkMinus: CheckMinus, where: string): MarkedCells {
  let either = 0;
  let both = 0;
  let reference = 0;
  let trainee = 0;
  for (const p of pairs) {
    const t = isPresent(p.first.mark, checkMinus);
    const r = isPresent(p.second.mark, checkMinus);
    if (t || r) either++;
    if (t && r) both++;
    if (r) reference++;
    if (t) trainee++;
  }
  // With check-minus counted absent, a coding with only check-minus marks has marked nothing that counts.
  const [neither, none, traineeNone, aside] =
    checkMinus === 'absent'
      ? [
          'neither coding marked any code with a check',
          'the reference marked no code with a check',
          'the trainee marked no code with a check',
          ' (a check-minus counts as absent)',
        ]
      : ['neither coding marked anything', 'the reference marked nothing', 'the trainee marked nothing', ''];
  return {
    markedAgreement: share(both, either, `${neither}${where}${aside}`),
    referenceFound: share(both, reference, `${none}${where}${aside}, so there is nothing to find`),
    traineeConfirmed: share(both, trainee, `${traineeNone}${where}${aside}, so nothing is over-coded`),
  };
}

export function compareToReference(db: Database, options: TrainingOptions): TrainingComparison {
  return db.transaction(() => {
    const paired = pairCodings(db, options.recording, options.trainee, options.reference, options.checkMinus);
    const { pairs, scheme, checkMinus } = paired;
    const [trainee, reference] = paired.coders;
    const width = scheme.codes.length;
    const perSegment = paired.segments.map((segment): SegmentTraining => {
      const cells = pairs.slice(segment.index * width, (segment.index + 1) * width);
      const agreed = cells.filter((p) => p.agree).length;
      return {
        index: segment.index,
        startMs: segment.startMs,
        endMs: segment.endMs,
        agreed,
        codes: width,
        percentAgreement: agreed / width,
        ...markedCells(cells, checkMinus, ' in this segment'),
      };
    });
    const differing = differingCells(pairs);
    const ofKind = (kind: DifferenceKind) => differing.filter((p) => differenceKind(p) === kind).map(trainingCell);
    const ratings = { trainee: getRatings(db, paired.recording, trainee), reference: getRatings(db, paired.recording, reference) };
    return {
      recording: paired.recording,
      trainee,
      reference,
      checkMinus,
      segmentSeconds: paired.segmentSeconds,
      percentAgreement: pairs.filter((p) => p.agree).length / pairs.length,
      cells: pairs.length,
      ...markedCells(pairs, checkMinus, ''),
      perSegment,
      perCode: scheme.codes.map((c) =>
        perCode(
          c.id,
          c.category,
          pairs.filter((p) => p.code === c.id),
          checkMinus,
        ),
      ),
      disagreements: ofKind('presence'),
      clarityDifferences: ofKind('clarity'),
      checkMinusNotCounted: ofKind('uncounted'),
      ratingDifferences: scheme.ratingItems
        .map((item) => ({ item: item.id, trainee: ratings.trainee[item.id] ?? null, reference: ratings.reference[item.id] ?? null }))
        .filter((r) => r.trainee !== r.reference),
    };
  })();
}
