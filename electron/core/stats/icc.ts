// Intraclass correlations after Shrout & Fleiss (1979) and McGraw & Wong (1996), with the F-based
// confidence intervals that R's psych::ICC and irr::icc report. Input: a complete matrix, subjects in rows,
// raters in columns.
//
// ICC1  one-way random, single rater      ICC1k  the same, mean of the k raters
// ICC2  two-way random, absolute agreement ICC2k
// ICC3  two-way mixed, consistency         ICC3k

import fQuantile from '@stdlib/stats-base-dists-f-quantile';
import { AppError } from '../errors.ts';
import { defined, GENERIC_TERMS, notDefined, tooFew, type Outcome, type Reason, type Terms } from './outcome.ts';

export const ICC_FORMS = ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const;
export type IccForm = (typeof ICC_FORMS)[number];

export interface IccEstimate {
  value: number;
  /** Bounds of the confidence interval; null (with intervalReason) when the data leave it undefined. */
  lower: number | null;
  upper: number | null;
  intervalReason?: Reason;
}

export type IccResults = Record<IccForm, Outcome<IccEstimate>>;

/**
 * The two-way ANOVA of the matrix. Sums of squares are kept multiplied by n·k (e.g. n·ΣRᵢ² − T²), and the
 * mean squares by n²·k·(n − 1)·(k − 1) (every ICC and F is a ratio of them, so a common factor changes
 * nothing): integer ratings give exact integers throughout, so "no variance" and a zero denominator are
 * detected exactly rather than as 1e-17, which would turn an undefined ICC into 1.8e16.
 */
interface Anova {
  n: number;
  k: number;
  between: number;
  raters: number;
  error: number;
  within: number;
  msb: number;
  msj: number;
  mse: number;
  msw: number;
}

function anova(ratings: readonly (readonly number[])[]): Anova {
  const n = ratings.length;
  const k = ratings[0]!.length;
  let total = 0;
  let squares = 0;
  let rowSquares = 0;
  const colTotals = new Array<number>(k).fill(0);
  // Plain loops: the report runs this over a thousand recordings for each of 56 keys and items.
  for (const row of ratings) {
    let rowTotal = 0;
    for (let j = 0; j < k; j++) {
      const x = row[j]!;
      rowTotal += x;
      squares += x * x;
      colTotals[j]! += x;
    }
    total += rowTotal;
    rowSquares += rowTotal * rowTotal;
  }
  const t2 = total * total;
  const all = n * k * squares - t2;
  const between = n * rowSquares - t2;
  const raters = k * colTotals.reduce((a, c) => a + c * c, 0) - t2;
  const error = all - between - raters;
  const within = all - between;
  return {
    n,
    k,
    between,
    raters,
    error,
    within,
    msb: between * n * (k - 1),
    msj: raters * n * (n - 1),
    mse: error * n,
    msw: within * (n - 1),
  };
}

function checkMatrix(ratings: readonly (readonly number[])[]): void {
  const k = ratings[0]?.length ?? 0;
  ratings.forEach((row, i) => {
    if (row.length !== k)
      throw new AppError('INVALID_INPUT', `Subject ${i + 1} has ${row.length} ratings; every subject needs one from each of the ${k} raters.`);
    row.forEach((x, j) => {
      if (!Number.isFinite(x)) throw new AppError('INVALID_INPUT', `The rating of subject ${i + 1} by rater ${j + 1} is not a number (${x}).`);
    });
  });
}

/** numerator / denominator, or `why` when the denominator is zero. */
function ratio(numerator: number, denominator: number, why: string): Outcome<number> {
  return denominator === 0 ? notDefined(why) : defined(numerator / denominator);
}

const allForms = (outcome: Outcome<IccEstimate>): IccResults => Object.fromEntries(ICC_FORMS.map((form) => [form, outcome])) as IccResults;

/** Lower and upper bounds, or why there is no interval. */
type Interval = { ok: true; lower: number; upper: number } | { ok: false; reason: Reason };

function estimate(value: number, interval: Interval): Outcome<IccEstimate> {
  if (!interval.ok) return defined({ value, lower: null, upper: null, intervalReason: interval.reason });
  const { lower, upper } = interval;
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) {
    return defined({
      value,
      lower: null,
      upper: null,
      intervalReason: { kind: 'not-defined', why: 'the F-based 95 % interval has no finite bounds for these ratings' },
    });
  }
  return defined({ value, lower, upper });
}

/**
 * The F(df1, df2) value with `tail` of the distribution above it, as 1 / the value with `tail` below it in
 * F(df2, df1): the same number, but found in the lower tail, where the inverse incomplete beta keeps its
 * precision. Asked directly, the library gives Infinity once the value passes about 1e16 (fractional
 * Satterthwaite degrees of freedom below 0.2), where R and scipy still give the finite value.
 */
const fAbove = (tail: number, df1: number, df2: number): number => 1 / fQuantile(tail, df2, df1);

/** F-test interval for the one-way (ICC1) and consistency (ICC3) forms; `single` picks the one-rater form. */
function fInterval(f: number, df1: number, df2: number, k: number, alpha: number, single: boolean): Interval {
  const fl = f / fAbove(alpha / 2, df1, df2);
  const fu = f * fAbove(alpha / 2, df2, df1);
  return single ? { ok: true, lower: (fl - 1) / (fl + k - 1), upper: (fu - 1) / (fu + k - 1) } : { ok: true, lower: 1 - 1 / fl, upper: 1 - 1 / fu };
}

/** Satterthwaite's degrees of freedom for the absolute-agreement interval, with F_J = MSJ / MSE. */
function satterthwaite(n: number, k: number, icc2: number, fj: number): number {
  const vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const vd = (n - 1) * k * k * icc2 * icc2 * fj * fj + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  return vn / vd;
}

/** McGraw & Wong's interval for absolute agreement, with Satterthwaite's degrees of freedom (as in psych::ICC). */
function agreementInterval(a: Anova, icc2: number, alpha: number, raters: string): { single: Interval; average: Interval } {
  const { n, k, msb, msj, mse } = a;
  // Raters who differ only by a constant offset leave no residual (MSE = 0, F_J = MSJ/MSE infinite): the
  // degrees of freedom are then their limit as F_J grows, k − 1. R reaches the same numbers, as its residual
  // is a rounding error away from 0 (psych::ICC and irr::icc give [0.0755, 0.9546] on such data).
  const v = mse === 0 ? k - 1 : satterthwaite(n, k, icc2, msj / mse);
  if (!(v > 0) || !Number.isFinite(v)) {
    const reason: Interval = {
      ok: false,
      reason: { kind: 'not-defined', why: 'the 95 % interval needs positive degrees of freedom, which these ratings do not give' },
    };
    return { single: reason, average: reason };
  }
  const fUpper = fAbove(alpha / 2, n - 1, v);
  const fLower = fAbove(alpha / 2, v, n - 1);
  const lower = (n * (msb - fUpper * mse)) / (fUpper * (k * msj + (k * n - k - n) * mse) + n * msb);
  const upper = (n * (fLower * msb - mse)) / (k * msj + (k * n - k - n) * mse + n * fLower * msb);
  // The mean-of-raters bound is k·x / (1 + (k − 1)·x), which climbs to +∞ as x nears −1/(k − 1), the lowest
  // value a k-rater ICC can take, and turns negative again past it. A single-rater bound at or below that
  // floor (small samples) would turn into a "lower" bound above the upper one, as psych::ICC prints it:
  // here the mean-of-raters interval is said to be undefined instead.
  const floor = -1 / (k - 1);
  const average = (x: number) => (x * k) / (1 + x * (k - 1));
  const averageInterval: Interval =
    lower <= floor
      ? {
          ok: false,
          reason: {
            kind: 'not-defined',
            why: `the 95 % interval of ICC(2,1) reaches down to ${lower.toFixed(3)}, below ${floor.toFixed(3)}, the lowest value an ICC of ${k} ${raters} can take, so the interval for their mean has no lower bound`,
          },
        }
      : { ok: true, lower: average(lower), upper: average(upper) };
  return { single: { ok: true, lower, upper }, average: averageInterval };
}

/** The six Shrout & Fleiss ICCs with `confidence` intervals (0.95 unless given). */
export function intraclassCorrelations(ratings: readonly (readonly number[])[], terms: Terms = GENERIC_TERMS, confidence = 0.95): IccResults {
  checkMatrix(ratings);
  const n = ratings.length;
  const k = ratings[0]?.length ?? 0;
  const { subjects, raters } = terms;
  if (n < 2)
    return allForms(tooFew(`an ICC needs at least 2 ${subjects} rated by every one of the ${raters}, and there ${n === 1 ? 'is 1' : `are ${n}`}`));
  if (k < 2) return allForms(tooFew(`an ICC needs ratings from at least 2 ${raters}`));
  const a = anova(ratings);
  if (a.between === 0 && a.within === 0) {
    return allForms(
      notDefined(
        `every rating is ${ratings[0]![0]}, so there is no variance between ${subjects} to compare with; it needs ${subjects} that were rated differently`,
      ),
    );
  }
  const alpha = 1 - confidence;
  const { msb, msj, mse, msw } = a;
  const flatMeans = `the ${subjects} all have the same mean rating, so the mean-of-${raters} ICC divides by zero; it needs ${subjects} whose mean ratings differ`;
  // Without any disagreement (within subjects for the one-way forms, beyond a constant offset for the
  // consistency forms) F is infinite and the interval closes on the estimate, 1: [1, 1].
  const exact: Interval = { ok: true, lower: 1, upper: 1 };
  const oneWay: Interval | null = a.within === 0 ? exact : null;
  const twoWay: Interval | null = a.error === 0 ? exact : null;

  const f1 = (df: [number, number], single: boolean) => oneWay ?? fInterval(msb / msw, df[0], df[1], k, alpha, single);
  const f3 = (df: [number, number], single: boolean) => twoWay ?? fInterval(msb / mse, df[0], df[1], k, alpha, single);
  const oneWayDf: [number, number] = [n - 1, n * (k - 1)];
  const twoWayDf: [number, number] = [n - 1, (n - 1) * (k - 1)];
  const zeroOverZero = `once the ${raters}' own offsets are allowed for, the ${subjects} neither differ nor disagree, so this ICC is 0/0; it needs ${subjects} that were rated differently`;

  const dividesByZero = `this ICC divides by zero for these ratings; it needs more varied ratings`;
  const icc2 = ratio(msb - mse, msb + (k - 1) * mse + (k * (msj - mse)) / n, dividesByZero);
  const noIcc2: Interval = {
    ok: false,
    reason: { kind: 'not-defined', why: 'the 95 % interval for absolute agreement is built on ICC(2,1), which these ratings leave undefined' },
  };
  const agreement = icc2.ok ? agreementInterval(a, icc2.value, alpha, raters) : { single: noIcc2, average: noIcc2 };
  const withInterval = (value: Outcome<number>, interval: () => Interval): Outcome<IccEstimate> =>
    value.ok ? estimate(value.value, interval()) : value;

  return {
    ICC1: withInterval(ratio(msb - msw, msb + (k - 1) * msw, flatMeans), () => f1(oneWayDf, true)),
    ICC2: withInterval(icc2, () => agreement.single),
    ICC3: withInterval(ratio(msb - mse, msb + (k - 1) * mse, zeroOverZero), () => f3(twoWayDf, true)),
    ICC1k: withInterval(ratio(msb - msw, msb, flatMeans), () => f1(oneWayDf, false)),
    ICC2k: withInterval(ratio(msb - mse, msb + (msj - mse) / n, dividesByZero), () => agreement.average),
    ICC3k: withInterval(ratio(msb - mse, msb, flatMeans), () => f3(twoWayDf, false)),
  };
}
