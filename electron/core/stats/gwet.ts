// Gwet's agreement coefficient: AC1 with identity weights (nominal categories), AC2 with other weights (here
// quadratic, for a rating scale). Chance agreement is the chance that a rater classifies a subject at
// random, which stays small when one category dominates, so it does not collapse, as kappa does, when a
// marker is absent from most segments. Formulas as Gwet (2014), Handbook of Inter-Rater Reliability,
// ch. 2–3, for any number of raters per subject; the variance is his linearised (analytic) estimator, the
// same as irrCAC::gwet.ac1.raw.

import { AppError } from '../errors.ts';
import { grouped, type CountTable, type GroupedCountTable } from './counts.ts';
import { tInterval, type AgreementEstimate } from './interval.ts';
import { defined, GENERIC_TERMS, notDefined, tooFew, type Outcome, type Terms } from './outcome.ts';
import type { Weights } from './weights.ts';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Checks a count table against its weights; gives its rows with any rating, identical rows merged. */
export function checkCounts(table: CountTable | GroupedCountTable, weights: Weights): GroupedCountTable {
  const rows = grouped(table);
  const q = weights.length;
  weights.forEach((w, k) => {
    if (w.length !== q) throw new AppError('INVALID_INPUT', `The weights must be a square table: row ${k + 1} has ${w.length} cells, not ${q}.`);
  });
  rows.forEach(({ row, subjects }, i) => {
    if (row.length !== q) throw new AppError('INVALID_INPUT', `Subject ${i + 1} has ${row.length} categories; the weights have ${q}.`);
    if (!Number.isInteger(subjects) || subjects < 0)
      throw new AppError('INVALID_INPUT', `Row ${i + 1} stands for ${subjects} subjects; give a whole number of zero or more.`);
    row.forEach((cell, j) => {
      if (!Number.isInteger(cell) || cell < 0)
        throw new AppError('INVALID_INPUT', `Subject ${i + 1}, category ${j + 1} must be a count of zero or more (got ${cell}).`);
    });
  });
  // A subject nobody rated takes no part (irrCAC drops such rows too). Identical rows are merged: a thousand
  // recordings rated 1–5 by two coders have at most 25 distinct rows.
  const merged = new Map<string, { row: readonly number[]; subjects: number }>();
  for (const { row, subjects } of rows) {
    if (subjects === 0 || sum(row) === 0) continue;
    const key = row.join(',');
    const seen = merged.get(key);
    if (seen) seen.subjects += subjects;
    else merged.set(key, { row, subjects });
  }
  return [...merged.values()];
}

/** Σ_k r_k (r*_k − 1), r*_k = Σ_l w_kl r_l: the weighted count of agreeing ordered pairs of ratings of a subject. */
export function agreeingPairs(row: readonly number[], weights: Weights): number {
  let total = 0;
  for (let k = 0; k < row.length; k++) {
    if (row[k] === 0) continue;
    let weighted = 0;
    for (let l = 0; l < row.length; l++) weighted += weights[k]![l]! * row[l]!;
    total += row[k]! * (weighted - 1);
  }
  return total;
}

/** Gwet's AC1 (identity weights) or AC2 (any other weights) with its 95 % interval. */
export function gwetAC(table: CountTable | GroupedCountTable, weights: Weights, terms: Terms = GENERIC_TERMS): Outcome<AgreementEstimate> {
  const rows = checkCounts(table, weights);
  const q = weights.length;
  const n = sum(rows.map((r) => r.subjects));
  const paired = rows.filter(({ row }) => sum(row) >= 2);
  const n2 = sum(paired.map((r) => r.subjects));
  if (n2 === 0) return tooFew(`it needs ${terms.subjects} rated by at least two ${terms.raters}, and there are none`);
  if (q < 2) return notDefined(`it needs at least two categories to choose from`);

  const pa = sum(paired.map(({ row, subjects }) => (subjects * agreeingPairs(row, weights)) / (sum(row) * (sum(row) - 1)))) / n2;
  // π_k: the mean share of a subject's ratings in category k.
  const pi = new Array<number>(q).fill(0);
  for (const { row, subjects } of rows) {
    const r = sum(row);
    row.forEach((x, k) => (pi[k]! += (subjects * x) / r / n));
  }
  const tw = sum(weights.map(sum));
  const scale = tw / (q * (q - 1));
  const pe = scale * sum(pi.map((p) => p * (1 - p)));
  if (pe >= 1) return notDefined(`chance agreement is already 100 %, so the coefficient divides by zero`);
  const ac = (pa - pe) / (1 - pe);

  // Each subject's contribution, corrected for the estimated chance agreement (Gwet 2014, eq. 5.11).
  let squares = 0;
  for (const { row, subjects } of rows) {
    const r = sum(row);
    const paI = r >= 2 ? agreeingPairs(row, weights) / (r * (r - 1)) : 0;
    const acI = ((n / n2) * (paI - (r >= 2 ? pe : 0))) / (1 - pe);
    const peI = (scale * sum(row.map((x, k) => x * (1 - pi[k]!)))) / r;
    const corrected = acI - (2 * (1 - ac) * (peI - pe)) / (1 - pe);
    squares += subjects * (corrected - ac) ** 2;
  }
  return defined(tInterval(ac, n > 1 ? squares / (n * (n - 1)) : 0, n, terms.subjects));
}
