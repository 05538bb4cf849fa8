import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, meanPairwiseAgreement, quadraticWeightedKappa } from '../../electron/core/stats/kappa.ts';
import { reasonText, type Outcome } from '../../electron/core/stats/outcome.ts';

/** The number, failing the test with the reason when the statistic came out undefined. */
function value(outcome: Outcome<number>): number {
  if (!outcome.ok) throw new Error(`expected a value, got: ${reasonText(outcome.reason)}`);
  return outcome.value;
}

/** The reason as the CLI prints it: its kind's label, then why. */
function reason(outcome: Outcome<number>): string {
  if (outcome.ok) throw new Error(`expected no value, got ${outcome.value}`);
  return reasonText(outcome.reason);
}

/** Two raters' category labels (1-based) → their square confusion table over `size` categories. */
function confusion(a: number[], b: number[], size: number): number[][] {
  const table = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  a.forEach((x, i) => table[x - 1]![b[i]! - 1]!++);
  return table;
}

/** One row per subject of raters' labels (1-based) → Fleiss' subjects × categories count table. */
function counts(labels: number[][], size: number): number[][] {
  return labels.map((row) => {
    const out = new Array<number>(size).fill(0);
    for (const x of row) out[x - 1]!++;
    return out;
  });
}

// Fleiss (1971), 30 patients × 6 psychiatrists, 5 diagnoses; the raw table as printed in statsmodels'
// statsmodels/stats/tests/test_inter_rater.py (`diagnoses`, the same data as R irr's `diagnoses`).
const DIAGNOSES = [
  [4, 4, 4, 4, 4, 4],
  [2, 2, 2, 5, 5, 5],
  [2, 3, 3, 3, 3, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3],
  [3, 3, 3, 3, 5, 5],
  [1, 1, 3, 3, 3, 4],
  [1, 1, 4, 4, 4, 4],
  [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4],
  [1, 2, 4, 4, 4, 4],
  [2, 2, 2, 3, 3, 3],
  [1, 4, 4, 4, 4, 4],
  [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5],
  [1, 1, 1, 4, 5, 5],
  [1, 1, 1, 1, 1, 2],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 4, 4, 4, 4, 4],
  [2, 2, 4, 5, 5, 5],
  [1, 1, 4, 4, 4, 4],
  [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4],
  [1, 1, 1, 1, 5, 5],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 3, 3, 3],
  [5, 5, 5, 5, 5, 5],
];

// R irr's `anxiety` data (20 subjects × 3 raters, ratings 1–6), column-major as in statsmodels'
// test_inter_rater.py. Raters 2 and 3 use the levels 1, 2, 3, 4, 6 only.
const ANXIETY = [
  3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3, 3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4, 2, 1, 4, 4, 3, 2, 1, 6, 1,
  1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2,
];

describe("Cohen's kappa", () => {
  it('matches R DescToolsX::cohenKappa on Bortz et al. (1990, p. 459): 0.4285714, exactly 3/7', () => {
    // AndriSignorell/DescToolsX docs/reference/cohenKappa.html, example "from Bortz et al. (1990), p. 459".
    const kappa = value(
      cohenKappa([
        [53, 5, 2],
        [11, 14, 5],
        [1, 6, 3],
      ]),
    );
    expect(kappa).toBeCloseTo(0.4285714, 7);
    expect(Math.abs(kappa - 3 / 7)).toBeLessThan(1e-12);
  });

  it('matches the SAS printout in statsmodels’ tests: 0.4842, exactly 107/221', () => {
    // statsmodels/stats/tests/test_inter_rater.py, UnweightedCohens (table10).
    const kappa = value(
      cohenKappa([
        [0, 4, 1],
        [0, 8, 0],
        [0, 1, 5],
      ]),
    );
    expect(kappa).toBeCloseTo(0.4842, 4);
    expect(Math.abs(kappa - 107 / 221)).toBeLessThan(1e-12);
  });

  it('matches R irr::kappa2 on anxiety raters 2 and 3: −0.006289308', () => {
    // statsmodels/stats/tests/test_inter_rater.py, test_cohens_kappa_irr (ck_w1).
    const kappa = value(cohenKappa(confusion(ANXIETY.slice(20, 40), ANXIETY.slice(40, 60), 6)));
    expect(Math.abs(kappa - -0.006289308)).toBeLessThan(1e-9);
  });

  it('is 1 for perfect agreement and can fall below 0 for systematic disagreement', () => {
    expect(
      value(
        cohenKappa([
          [3, 0],
          [0, 7],
        ]),
      ),
    ).toBe(1);
    // po = 0, pe = (5·5 + 5·5) / 100 = 0.5 → κ = −1.
    expect(
      value(
        cohenKappa([
          [0, 5],
          [5, 0],
        ]),
      ),
    ).toBe(-1);
  });

  it('is not defined when both raters put every subject in the same category, and says so', () => {
    expect(
      reason(
        cohenKappa([
          [0, 0],
          [0, 12],
        ]),
      ),
    ).toMatch(/^not defined: .*same category.*chance agreement is already 100 %/);
    expect(
      reason(
        cohenKappa([
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toMatch(/^too few: there are no subjects that both raters rated/);
  });

  it('refuses a table that is not square', () => {
    expect(() => cohenKappa([[1, 2], [3]])).toThrow(/square/);
  });
});

describe('quadratic-weighted kappa', () => {
  it('matches scikit-learn’s test (Artstein & Poesio weighting example): 0.9541, exactly 104/109', () => {
    // sklearn/metrics/tests/test_classification.py, test_cohen_kappa: y1 = 46×0, 44×1, 10×2;
    // y2 = 50×0, 40×1, 10×2; weights="quadratic" → 0.9541 (4 decimals).
    const y1 = [...new Array<number>(46).fill(1), ...new Array<number>(44).fill(2), ...new Array<number>(10).fill(3)];
    const y2 = [...new Array<number>(50).fill(1), ...new Array<number>(40).fill(2), ...new Array<number>(10).fill(3)];
    const kappa = value(quadraticWeightedKappa(confusion(y1, y2, 3)));
    expect(kappa).toBeCloseTo(0.9541, 4);
    // Σw·O = 4·1 = 4; Σw·rc = 46·80 + 44·60 + 10·240 = 8720; κ = 1 − 100·4/8720 = 104/109.
    expect(Math.abs(kappa - 104 / 109)).toBeLessThan(1e-12);
  });

  it('matches R irr::kappa2(anxiety[, 2:3], "squared"): 0.2520325', () => {
    // statsmodels/stats/tests/test_inter_rater.py, ck_w3. irr weights by factor level, and these raters use
    // the levels 1, 2, 3, 4, 6, so the rating 6 is the fifth level of a five-level scale.
    const level = (x: number) => (x === 6 ? 5 : x);
    const kappa = value(quadraticWeightedKappa(confusion(ANXIETY.slice(20, 40).map(level), ANXIETY.slice(40, 60).map(level), 5)));
    expect(Math.abs(kappa - 0.2520325)).toBeLessThan(1e-7);
  });

  it('is not affected by unused categories at either end of the scale', () => {
    const a = [1, 2, 2, 3, 3];
    const b = [1, 2, 3, 3, 2];
    const three = value(quadraticWeightedKappa(confusion(a, b, 3)));
    const five = value(quadraticWeightedKappa(confusion(a, b, 5)));
    expect(Math.abs(three - five)).toBeLessThan(1e-12);
  });

  it('is not defined when both raters used one and the same rating throughout', () => {
    expect(reason(quadraticWeightedKappa(confusion([3, 3, 3], [3, 3, 3], 5)))).toMatch(/^not defined: .*one and the same category/);
  });
});

describe("Fleiss' kappa", () => {
  it('matches Fleiss (1971) as computed by JASP and R irr::kappam.fleiss: 0.430244520060141', () => {
    // jasp-stats/jaspReliability tests/testthat (raterAgreement, Fleiss1971.csv): 0.430244520060141;
    // statsmodels' test_fleiss_kappa_irr: irr gives 0.4302445. Fleiss (1971) printed 0.430.
    const kappa = value(fleissKappa(counts(DIAGNOSES, 5)));
    expect(Math.abs(kappa - 0.430244520060141)).toBeLessThan(1e-12);
    expect(kappa).toBeCloseTo(0.43, 3);
  });

  it('matches the 14-rater example in statsmodels’ tests (Wikipedia’s table): 0.210', () => {
    // statsmodels/stats/tests/test_inter_rater.py, table0 without its first and last columns.
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(value(fleissKappa(table))).toBeCloseTo(0.21, 3);
  });

  it('gives a hand-computed value on a tiny case: 3 raters, 4 subjects, exactly 1/3', () => {
    // Present counts 3, 2, 1, 0 of 3: P_i = 1, 1/3, 1/3, 1 → P̄ = 2/3; p = 6/12 → P̄e = 1/2; κ = (2/3 − 1/2)/(1/2) = 1/3.
    const table = [
      [0, 3],
      [1, 2],
      [2, 1],
      [3, 0],
    ];
    expect(Math.abs(value(fleissKappa(table)) - 1 / 3)).toBeLessThan(1e-12);
    expect(Math.abs(value(meanPairwiseAgreement(table)) - 2 / 3)).toBeLessThan(1e-12);
  });

  it('with two raters pools both raters’ margins (Scott’s pi), so it differs from Cohen’s kappa when the margins differ', () => {
    // Two raters, margins 4/10 and 3/10 present: pooled p = 7/20 → P̄e = 0.4225 + 0.1225 = 0.545; P̄ = 0.7 → κ = 0.155/0.455.
    const pairs = [
      [1, 1],
      [1, 1],
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    const table = pairs.map(([a, b]) => [2 - a! - b!, a! + b!]);
    expect(Math.abs(value(fleissKappa(table)) - 0.155 / 0.455)).toBeLessThan(1e-12);
    expect(
      Math.abs(
        value(
          cohenKappa([
            [5, 1],
            [2, 2],
          ]),
        ) -
          8 / 23,
      ),
    ).toBeLessThan(1e-12);
  });

  it('gives the same value when identical subjects are given once with their number', () => {
    const table = [
      [0, 3],
      [0, 3],
      [1, 2],
      [2, 1],
      [2, 1],
      [2, 1],
      [3, 0],
    ];
    const groupedRows = [
      { row: [0, 3], subjects: 2 },
      { row: [1, 2], subjects: 1 },
      { row: [2, 1], subjects: 3 },
      { row: [3, 0], subjects: 1 },
      { row: [1, 2], subjects: 0 },
    ];
    expect(value(fleissKappa(groupedRows))).toBe(value(fleissKappa(table)));
    expect(value(meanPairwiseAgreement(groupedRows))).toBe(value(meanPairwiseAgreement(table)));
    expect(reason(fleissKappa([{ row: [0, 3], subjects: 0 }]))).toMatch(/^too few: there are no subjects to compare/);
    expect(() => fleissKappa([{ row: [0, 3], subjects: 1.5 }])).toThrow(/whole number/);
  });

  it('is not defined when every rating falls in one category, nor with no subjects', () => {
    expect(
      reason(
        fleissKappa([
          [0, 3],
          [0, 3],
        ]),
      ),
    ).toMatch(/^not defined: every rating .* one and the same category/);
    expect(reason(fleissKappa([]))).toMatch(/^too few: there are no subjects to compare/);
  });

  it('refuses subjects with different numbers of ratings', () => {
    expect(() =>
      fleissKappa([
        [1, 2],
        [2, 2],
      ]),
    ).toThrow(/same number \(3\)/);
  });
});

describe('percent agreement (mean pairwise agreement)', () => {
  it('is the share of agreeing subjects for two raters', () => {
    // Agree on subjects 1, 2 and 4 of 5.
    const table = [
      [2, 0],
      [0, 2],
      [1, 1],
      [2, 0],
      [1, 1],
    ];
    expect(value(meanPairwiseAgreement(table))).toBe(0.6);
  });

  it('is defined even where kappa is not: all raters agree that nothing is there', () => {
    const table = [
      [3, 0],
      [3, 0],
      [3, 0],
    ];
    expect(value(meanPairwiseAgreement(table))).toBe(1);
    expect(fleissKappa(table).ok).toBe(false);
  });

  it('averages the agreeing pairs per subject for three raters', () => {
    // 2 of 3 agree: 1 of the 3 pairs agrees → 1/3; all agree → 1. Mean = 2/3.
    expect(
      Math.abs(
        value(
          meanPairwiseAgreement([
            [2, 1],
            [0, 3],
          ]),
        ) -
          2 / 3,
      ),
    ).toBeLessThan(1e-12);
  });
});
