// A trainee's coding checked against a reference (gold) coding of the same recording: how far they agree
// segment by segment and code by code, and each disagreement with the times of the marks involved, so the
// trainee can go straight to those moments.
//
// Agreement is on presence, as in the reliability report: a cell agrees when both codings have the code in
// the segment or both have not, with check-minus marks counted as the setting says.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getRatings } from '../coding/index.ts';
import type { CheckMinus } from '../reliability/selection.ts';
import type { Category } from '../scheme/index.ts';
import { cohenKappa } from '../stats/kappa.ts';
import type { Terms } from '../stats/outcome.ts';
import { isPresent, pairCodings, type CellMark, type CellPair } from './cells.ts';
import { differingCells } from './compare-codings.ts';

export interface TrainingOptions {
  recording: string;
  trainee: string;
  reference: string;
  /** Whether a check-minus mark counts as the code being present. Default 'present'. */
  checkMinus?: CheckMinus;
}

export interface SegmentTraining {
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
  reason?: string;
}

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

export interface TrainingComparison {
  recording: string;
  trainee: string;
  reference: string;
  checkMinus: CheckMinus;
  segmentSeconds: number;
  /** Agreeing cells (segment × code) out of all cells, 0–1. */
  percentAgreement: number;
  cells: number;
  perSegment: SegmentTraining[];
  perCode: CodeTraining[];
  /** One has the code in the segment and the other not: the cells to review. */
  disagreements: TrainingCell[];
  /** Both agree on presence but marked the code with a different clarity. */
  clarityDifferences: TrainingCell[];
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
  const base = {
    code,
    category,
    trainee: table[1]![0]! + table[1]![1]!,
    reference: table[0]![1]! + table[1]![1]!,
    agreed,
    segments: pairs.length,
    percentAgreement: agreed / pairs.length,
  };
  return kappa.ok ? { ...base, cohenKappa: kappa.value } : { ...base, cohenKappa: null, reason: kappaReason(base, kappa.reason) };
}

/** Kappa is undefined only when both codings agree on the code in every segment; say so in those terms. */
function kappaReason(c: { trainee: number; reference: number; segments: number }, fallback: string): string {
  const chance = 'so agreement by chance alone is already 100 % and kappa divides by zero';
  if (c.trainee === 0 && c.reference === 0) return `not defined: neither coding has this code in any of the ${c.segments} segments, ${chance}`;
  if (c.trainee === c.segments && c.reference === c.segments) return `not defined: both codings have this code in every one of the ${c.segments} segments, ${chance}`;
  return fallback;
}

export function compareToReference(db: Database, options: TrainingOptions): TrainingComparison {
  return db.transaction(() => {
    const paired = pairCodings(db, options.recording, options.trainee, options.reference, options.checkMinus);
    const { pairs, scheme, checkMinus } = paired;
    const [trainee, reference] = paired.coders;
    const width = scheme.codes.length;
    const perSegment = paired.segments.map((segment): SegmentTraining => {
      const agreed = pairs.slice(segment.index * width, (segment.index + 1) * width).filter((p) => p.agree).length;
      return { index: segment.index, startMs: segment.startMs, endMs: segment.endMs, agreed, codes: width, percentAgreement: agreed / width };
    });
    const differing = differingCells(pairs);
    const ratings = { trainee: getRatings(db, paired.recording, trainee), reference: getRatings(db, paired.recording, reference) };
    return {
      recording: paired.recording,
      trainee,
      reference,
      checkMinus,
      segmentSeconds: paired.segmentSeconds,
      percentAgreement: pairs.filter((p) => p.agree).length / pairs.length,
      cells: pairs.length,
      perSegment,
      perCode: scheme.codes.map((c) => perCode(c.id, c.category, pairs.filter((p) => p.code === c.id), checkMinus)),
      disagreements: differing.filter((p) => !p.agree).map(trainingCell),
      clarityDifferences: differing.filter((p) => p.agree).map(trainingCell),
      ratingDifferences: scheme.ratingItems
        .map((item) => ({ item: item.id, trainee: ratings.trainee[item.id] ?? null, reference: ratings.reference[item.id] ?? null }))
        .filter((r) => r.trainee !== r.reference),
    };
  })();
}
