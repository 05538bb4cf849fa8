// Agreement weights between categories for the chance-corrected coefficients (Gwet's AC, Krippendorff's
// alpha): w[k][l] is how far a rating k agrees with a rating l, 1 for the same category.

export type Weights = readonly (readonly number[])[];

/** Agreement only on the same category (nominal data: AC1, nominal alpha). */
export function identityWeights(categories: number): Weights {
  return Array.from({ length: categories }, (_, k) => Array.from({ length: categories }, (_, l) => (k === l ? 1 : 0)));
}

/**
 * 1 − (k − l)² / (max − min)² over the scale's values, Gwet's quadratic weights (irrCAC's "quadratic"). With
 * them Gwet's coefficient is AC2 and Krippendorff's alpha is his interval alpha (its squared-difference
 * metric, rescaled, cancels in the ratio).
 */
export function quadraticWeights(values: readonly number[]): Weights {
  const span = Math.max(...values) - Math.min(...values);
  return values.map((a) => values.map((b) => (span === 0 ? 1 : 1 - (a - b) ** 2 / span ** 2)));
}
