// The confidence interval Gwet (2014, Handbook of Inter-Rater Reliability) gives the chance-corrected
// coefficients, as irrCAC computes it: the estimate ± Student's t(n − 1) quantile × its standard error, the
// upper bound capped at 1 (no coefficient exceeds it).

import fQuantile from '@stdlib/stats-base-dists-f-quantile';
import type { Reason } from './outcome.ts';

export interface AgreementEstimate {
  value: number;
  /** Bounds of the 95 % interval; null (with intervalReason) when there are too few subjects for one. */
  lower: number | null;
  upper: number | null;
  intervalReason?: Reason;
}

/** The t(df) value with `tail` of the distribution above it, from F(1, df): T² follows it. */
const tAbove = (tail: number, df: number): number => Math.sqrt(fQuantile(1 - 2 * tail, 1, df));

export function tInterval(value: number, variance: number, subjects: number, what: string, confidence = 0.95): AgreementEstimate {
  if (subjects < 2) {
    return {
      value,
      lower: null,
      upper: null,
      intervalReason: { kind: 'too-few', why: `the 95 % interval needs at least 2 ${what}, and there is ${subjects}` },
    };
  }
  const half = tAbove((1 - confidence) / 2, subjects - 1) * Math.sqrt(Math.max(variance, 0));
  return { value, lower: value - half, upper: Math.min(1, value + half) };
}
