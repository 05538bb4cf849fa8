// Krippendorff's alpha: 1 − observed / expected disagreement over all pairable values, for any number of
// raters and missing ratings. Nominal with identity weights; interval with quadratic weights (the squared
// difference, rescaled, which cancels in the ratio). The estimate is Krippendorff's ("Computing
// Krippendorff's Alpha-Reliability", 2011), written as Gwet (2014, ch. 2) writes it with agreement weights;
// its interval is not Krippendorff's bootstrap but Gwet's linearised (analytic) variance, the one
// irrCAC::krippen.alpha.raw reports: deterministic, so a report gives the same interval every time.

import { agreeingPairs, checkCounts } from './gwet.ts';
import type { CountTable, GroupedCountTable } from './counts.ts';
import { tInterval, type AgreementEstimate } from './interval.ts';
import { defined, GENERIC_TERMS, notDefined, tooFew, type Outcome, type Terms } from './outcome.ts';
import type { Weights } from './weights.ts';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function krippendorffAlpha(table: CountTable | GroupedCountTable, weights: Weights, terms: Terms = GENERIC_TERMS): Outcome<AgreementEstimate> {
  // Only subjects with two or more ratings hold pairable values.
  const rows = checkCounts(table, weights).filter(({ row }) => sum(row) >= 2);
  const q = weights.length;
  const n = sum(rows.map((r) => r.subjects));
  if (n === 0) return tooFew(`it needs ${terms.subjects} rated by at least two ${terms.raters}, and there are none`);
  const values = sum(rows.map(({ row, subjects }) => subjects * sum(row)));
  const rMean = values / n;
  const epsilon = 1 / values;

  const paPrime = sum(rows.map(({ row, subjects }) => (subjects * agreeingPairs(row, weights)) / (rMean * (sum(row) - 1)))) / n;
  const pa = (1 - epsilon) * paPrime + epsilon;
  const pi = new Array<number>(q).fill(0);
  for (const { row, subjects } of rows) row.forEach((x, k) => (pi[k]! += (subjects * x) / rMean / n));
  const weightedPi = weights.map((w) => sum(w.map((x, l) => x * pi[l]!)));
  const pe = sum(pi.map((p, k) => p * weightedPi[k]!));
  if (pe >= 1 - 1e-12) {
    return notDefined(
      `every rating of the ${terms.subjects} is the same (or, on a scale, equally distant), so there is no disagreement to expect by chance and alpha divides by zero; it needs ratings that differ somewhere`,
    );
  }
  const alpha = (pa - pe) / (1 - pe);
  const alphaPrime = (paPrime - pe) / (1 - pe);

  let squares = 0;
  for (const { row, subjects } of rows) {
    const r = sum(row);
    const paI = agreeingPairs(row, weights) / (rMean * (r - 1)) - (pa * (r - rMean)) / rMean;
    const peI = sum(row.map((x, k) => x * weightedPi[k]!)) / rMean - (pe * (r - rMean)) / rMean;
    const corrected = (paI - pe) / (1 - pe) - (2 * (1 - alphaPrime) * (peI - pe)) / (1 - pe);
    squares += subjects * (corrected - alphaPrime) ** 2;
  }
  return defined(tInterval(alpha, n > 1 ? squares / (n * (n - 1)) : 0, n, terms.subjects));
}
