// Agreement on one global rating item across recordings: the six Shrout & Fleiss ICCs with 95 % intervals,
// and for exactly two coders the quadratic-weighted kappa over the item's scale.

import { ICC_FORMS, intraclassCorrelations, type IccForm } from '../stats/icc.ts';
import { quadraticWeightedKappa } from '../stats/kappa.ts';
import type { Outcome, Terms } from '../stats/outcome.ts';

export type RatingStatistic = IccForm | 'weightedKappa';

export interface IccValue {
  value: number;
  /** 95 % confidence interval; null bounds come with a reason. */
  lower: number | null;
  upper: number | null;
}

export type RatingReliability = {
  /** Recordings that every chosen coder rated on the item. */
  n: number;
  weightedKappa: number | null;
  reasons?: Partial<Record<RatingStatistic, string>>;
} & Record<IccForm, IccValue | null>;

const TERMS: Terms = { subjects: 'recordings', raters: 'coders' };

/** Counts of (coder A's rating, coder B's rating) over the scale min…max. */
function confusion(ratings: number[][], min: number, max: number): number[][] {
  const table = Array.from({ length: max - min + 1 }, () => new Array<number>(max - min + 1).fill(0));
  for (const [a, b] of ratings) table[a! - min]![b! - min]!++;
  return table;
}

function weightedKappa(ratings: number[][], coders: number, scale: { min: number; max: number }): Outcome<number> {
  if (coders !== 2) return { ok: false, reason: `does not apply: weighted kappa compares exactly two coders; with ${coders} coders see the ICCs` };
  if (ratings.length < 2) {
    return { ok: false, reason: `not defined: weighted kappa needs at least 2 recordings rated by both coders, and there ${ratings.length === 1 ? 'is 1' : `are ${ratings.length}`}` };
  }
  return quadraticWeightedKappa(confusion(ratings, scale.min, scale.max), TERMS);
}

/** `ratings`: recordings in rows, coders in columns, every cell rated. */
export function ratingReliability(ratings: number[][], coders: number, scale: { min: number; max: number }): RatingReliability {
  const reasons: Partial<Record<RatingStatistic, string>> = {};
  const iccs = intraclassCorrelations(ratings, TERMS);
  const forms = Object.fromEntries(
    ICC_FORMS.map((form) => {
      const outcome = iccs[form];
      if (!outcome.ok) {
        reasons[form] = outcome.reason;
        return [form, null];
      }
      const { value, lower, upper, intervalReason } = outcome.value;
      if (intervalReason) reasons[form] = intervalReason;
      return [form, { value, lower, upper }];
    }),
  ) as Record<IccForm, IccValue | null>;
  const kappa = weightedKappa(ratings, coders, scale);
  if (!kappa.ok) reasons.weightedKappa = kappa.reason;
  const result: RatingReliability = { n: ratings.length, ...forms, weightedKappa: kappa.ok ? kappa.value : null };
  return Object.keys(reasons).length > 0 ? { ...result, reasons } : result;
}
