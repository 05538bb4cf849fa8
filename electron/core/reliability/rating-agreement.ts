// Agreement on one global rating item across recordings: the six Shrout & Fleiss ICCs with 95 % intervals,
// Gwet's AC2 with quadratic weights and Krippendorff's interval alpha over the item's whole scale (any
// number of coders), and for exactly two coders the quadratic-weighted kappa over the same scale.

import { countsOf } from '../stats/counts.ts';
import { gwetAC } from '../stats/gwet.ts';
import { ICC_FORMS, intraclassCorrelations, type IccForm } from '../stats/icc.ts';
import { quadraticWeightedKappa } from '../stats/kappa.ts';
import { krippendorffAlpha } from '../stats/krippendorff.ts';
import { doesNotApply, tooFew, type Outcome, type Reason, type Terms } from '../stats/outcome.ts';
import { quadraticWeights } from '../stats/weights.ts';
import { intervalField, type IntervalValue } from './segment-agreement.ts';

export type RatingStatistic = IccForm | 'weightedKappa' | 'gwetAC2' | 'krippendorffAlpha';

/** An ICC with its 95 % confidence interval; null bounds come with a reason. */
export type IccValue = IntervalValue;

/** The six ICCs of a recordings × coders matrix, each null with its reason when undefined. */
export type IccFields = Record<IccForm, IccValue | null>;

export type RatingReliability = {
  /** Recordings that every chosen coder rated on the item. */
  n: number;
  weightedKappa: number | null;
  gwetAC2: IntervalValue | null;
  krippendorffAlpha: IntervalValue | null;
  reasons?: Partial<Record<RatingStatistic, Reason>>;
} & IccFields;

const TERMS: Terms = { subjects: 'recordings', raters: 'coders' };

/** The six ICCs over `matrix` (recordings in rows, coders in columns), their reasons put in `reasons`. */
export function iccFields(matrix: number[][], reasons: Partial<Record<IccForm, Reason>>): IccFields {
  const iccs = intraclassCorrelations(matrix, TERMS);
  return Object.fromEntries(ICC_FORMS.map((form) => [form, intervalField(iccs[form], form, reasons)])) as IccFields;
}

/** Counts of (coder A's rating, coder B's rating) over the scale min…max. */
function confusion(ratings: number[][], min: number, max: number): number[][] {
  const table = Array.from({ length: max - min + 1 }, () => new Array<number>(max - min + 1).fill(0));
  for (const [a, b] of ratings) table[a! - min]![b! - min]!++;
  return table;
}

function weightedKappa(ratings: number[][], coders: number, scale: { min: number; max: number }): Outcome<number> {
  if (coders !== 2) return doesNotApply(`weighted kappa compares exactly two coders; with ${coders} coders see the ICCs`);
  if (ratings.length < 2) {
    return tooFew(
      `weighted kappa needs at least 2 recordings rated by both coders, and there ${ratings.length === 1 ? 'is 1' : `are ${ratings.length}`}`,
    );
  }
  return quadraticWeightedKappa(confusion(ratings, scale.min, scale.max), TERMS);
}

/** `ratings`: recordings in rows, coders in columns, every cell rated. */
export function ratingReliability(ratings: number[][], coders: number, scale: { min: number; max: number }): RatingReliability {
  const reasons: Partial<Record<RatingStatistic, Reason>> = {};
  const forms = iccFields(ratings, reasons);
  const kappa = weightedKappa(ratings, coders, scale);
  if (!kappa.ok) reasons.weightedKappa = kappa.reason;
  // The whole scale counts (as psych::cohen.kappa(levels = 1:5)): a value no coder used still spaces the others.
  const values = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const weights = quadraticWeights(values);
  const counts = countsOf(ratings, values);
  const result: RatingReliability = {
    n: ratings.length,
    ...forms,
    weightedKappa: kappa.ok ? kappa.value : null,
    gwetAC2: intervalField(gwetAC(counts, weights, TERMS), 'gwetAC2', reasons),
    krippendorffAlpha: intervalField(krippendorffAlpha(counts, weights, TERMS), 'krippendorffAlpha', reasons),
  };
  return Object.keys(reasons).length > 0 ? { ...result, reasons } : result;
}
