import { describe, expect, it } from 'vitest';
import { ICC_FORMS, intraclassCorrelations, type IccEstimate, type IccForm, type IccResults } from '../../electron/core/stats/icc.ts';
import { reasonText } from '../../electron/core/stats/outcome.ts';

// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

function estimate(results: IccResults, form: IccForm): IccEstimate {
  const outcome = results[form];
  if (!outcome.ok) throw new Error(`${form}: ${outcome.reason.why}`);
  return outcome.value;
}

describe('intraclass correlations on Shrout & Fleiss (1979)', () => {
  const results = intraclassCorrelations(SHROUT_FLEISS);

  it('match R (DescToolsX::icc, method "anova") to the 7 digits it prints, bounds included', () => {
    // AndriSignorell/DescToolsX docs/reference/icc.md, example "from Shrout and Fleiss (1979)":
    //   est        lci          uci        (same formulas as psych::ICC and irr::icc)
    const r: Record<IccForm, [number, number, number]> = {
      ICC2: [0.2897638, 0.01878651, 0.7610844],
      ICC1: [0.1657418, -0.13293232, 0.7225601],
      ICC3: [0.7148407, 0.34246477, 0.9458583],
      ICC2k: [0.6200505, 0.07113682, 0.927232],
      ICC1k: [0.4427971, -0.88444216, 0.9124154],
      ICC3k: [0.9093155, 0.67567471, 0.9858917],
    };
    for (const form of ICC_FORMS) {
      const { value, lower, upper } = estimate(results, form);
      const [est, lci, uci] = r[form];
      expect(Math.abs(value - est), `${form} estimate`).toBeLessThan(1e-6);
      expect(Math.abs(lower! - lci), `${form} lower bound`).toBeLessThan(1e-6);
      expect(Math.abs(upper! - uci), `${form} upper bound`).toBeLessThan(1e-6);
    }
  });

  it('round to the values psych::ICC prints for the same table (as tested in pingouin)', () => {
    // raphaelvallat/pingouin tests/test_reliability.py, test_intraclass_corr, "Example from the R package psych".
    const icc = [0.17, 0.29, 0.71, 0.44, 0.62, 0.91];
    const lower = [-0.13, 0.02, 0.34, -0.88, 0.07, 0.68];
    const upper = [0.72, 0.76, 0.95, 0.91, 0.93, 0.99];
    ICC_FORMS.forEach((form, i) => {
      const e = estimate(results, form);
      expect(e.value).toBeCloseTo(icc[i]!, 2);
      expect(e.lower!).toBeCloseTo(lower[i]!, 2);
      expect(e.upper!).toBeCloseTo(upper[i]!, 2);
    });
  });

  it('equal the exact fractions from the table’s mean squares (MSB 1349/120, MSJ 2339/72, MSE 367/360, MSW 451/72)', () => {
    // E.g. ICC(1,1) = (MSB − MSW)/(MSB + 3·MSW) = 448/2703; worked by hand from the sums of squares.
    const exact: Record<IccForm, number> = {
      ICC1: 448 / 2703,
      ICC2: 184 / 635,
      ICC3: 920 / 1287,
      ICC1k: 1792 / 4047,
      ICC2k: 736 / 1187,
      ICC3k: 3680 / 4047,
    };
    for (const form of ICC_FORMS) expect(Math.abs(estimate(results, form).value - exact[form]), form).toBeLessThan(1e-12);
  });
});

describe('intraclass correlations that the data leave undefined', () => {
  const reasons = (results: IccResults) =>
    ICC_FORMS.map((form) => {
      const r = results[form];
      return r.ok ? null : reasonText(r.reason);
    });

  it('need at least two subjects', () => {
    for (const reason of reasons(intraclassCorrelations([[3, 4]])))
      expect(reason).toMatch(/^too few: an ICC needs at least 2 subjects .* there is 1$/);
    for (const reason of reasons(intraclassCorrelations([]))) expect(reason).toMatch(/there are 0$/);
  });

  it('need some variance: identical ratings everywhere give a reason, never NaN', () => {
    for (const reason of reasons(
      intraclassCorrelations([
        [3, 3],
        [3, 3],
        [3, 3],
      ]),
    )) {
      expect(reason).toMatch(/^not defined: every rating is 3, so there is no variance between subjects/);
    }
  });

  it('perfect agreement gives ICC 1 with the interval [1, 1], not "not defined"', () => {
    const results = intraclassCorrelations([
      [1, 1],
      [2, 2],
      [4, 4],
    ]);
    for (const form of ICC_FORMS) {
      const e = estimate(results, form);
      expect(e, form).toEqual({ value: 1, lower: 1, upper: 1 });
    }
  });

  it('a pure constant offset between coders has the ICC(2,1) interval psych::ICC and irr::icc give: [0.0755, 0.9546]', () => {
    // 8 recordings, 3 coders; the third rates every recording one point higher than the other two. R's
    // residual is a rounding error away from 0, so its Satterthwaite df is k − 1 = 2 (to 1e-15); psych prints
    // ICC2 0.76 [0.08, 0.95]. The bounds below are psych's formula evaluated with scipy in double precision.
    const base = [1, 1, 1, 1, 1, 3, 3, 3];
    const results = intraclassCorrelations(base.map((x) => [x, x, x + 1]));
    const icc2 = estimate(results, 'ICC2');
    expect(icc2.value).toBeCloseTo(45 / 59, 12);
    expect(Math.abs(icc2.lower! - 0.0755067922657813)).toBeLessThan(1e-6);
    expect(Math.abs(icc2.upper! - 0.9545997599201786)).toBeLessThan(1e-6);
    expect(icc2.lower!.toFixed(4)).toBe('0.0755');
    expect(icc2.upper!.toFixed(4)).toBe('0.9546');
    // ICC(2,k) is the same interval through k·x / (1 + (k − 1)·x).
    const icc2k = estimate(results, 'ICC2k');
    const average = (x: number) => (3 * x) / (1 + 2 * x);
    expect(icc2k.lower!).toBeCloseTo(average(0.0755067922657813), 6);
    expect(icc2k.upper!).toBeCloseTo(average(0.9545997599201786), 6);
    // Consistency is perfect: ICC(3,1) is 1, its interval [1, 1].
    expect(estimate(results, 'ICC3')).toEqual({ value: 1, lower: 1, upper: 1 });
  });

  it('a constant offset between raters keeps consistency (ICC3 = 1) but lowers absolute agreement', () => {
    const results = intraclassCorrelations([
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(estimate(results, 'ICC3').value).toBe(1);
    expect(estimate(results, 'ICC2').value).toBeLessThan(1);
    expect(estimate(results, 'ICC1').lower).not.toBeNull();
  });

  it('subjects with the same mean leave the mean-of-raters forms undefined (they divide by zero)', () => {
    const results = intraclassCorrelations([
      [1, 3],
      [3, 1],
    ]);
    for (const form of ['ICC1k', 'ICC3k'] as const) {
      expect(results[form]).toEqual({
        ok: false,
        reason: { kind: 'not-defined', why: expect.stringMatching(/^the subjects all have the same mean rating/) },
      });
    }
    expect(estimate(results, 'ICC1').value).toBe(-1);
  });

  it('a mean-of-raters interval never has its lower bound above its upper one: where ICC(2,1)’s interval reaches below −1/(k−1), ICC(2,k)’s is not defined', () => {
    // psych::ICC maps ICC(2,1)'s lower bound −1.189 through k·x/(1+(k−1)·x) to 12.59, above the upper bound 0.873.
    const results = intraclassCorrelations([
      [3, 2],
      [2, 3],
      [3, 3],
      [2, 2],
      [3, 2],
    ]);
    expect(estimate(results, 'ICC2').lower).toBeLessThan(-1);
    expect(estimate(results, 'ICC2k').value).toBeCloseTo(-0.5, 12);
    expect(estimate(results, 'ICC2k')).toMatchObject({
      lower: null,
      upper: null,
      intervalReason: { kind: 'not-defined', why: expect.stringMatching(/^the 95 % interval of ICC\(2,1\) reaches down to -1\.189, below -1\.000/) },
    });
    // Above that floor the transformed interval stands, as psych prints it.
    const fine = estimate(
      intraclassCorrelations([
        [1, 2],
        [2, 1],
        [3, 3],
        [2, 2],
        [3, 2],
      ]),
      'ICC2k',
    );
    expect(fine.lower!).toBeLessThan(fine.upper!);
  });

  it('a denominator that is zero is found exactly: ICC(2,k) of these ratings is −1/0, not defined (not 1.8e16)', () => {
    for (const ratings of [
      [
        [1, 2],
        [1, 3],
        [2, 1],
      ],
      [
        [2, 4],
        [1, 5],
        [3, 1],
      ],
    ]) {
      expect(intraclassCorrelations(ratings).ICC2k).toEqual({
        ok: false,
        reason: { kind: 'not-defined', why: expect.stringMatching(/^this ICC divides by zero/) },
      });
    }
  });

  it('an interval with fractional degrees of freedom below 0.2 still has the finite bounds R gives', () => {
    // Satterthwaite's v is 0.092 here, where F(0.975; 3, v) is about 1e30. Reference: psych::ICC's formulas with scipy's F quantiles.
    const results = intraclassCorrelations([
      [1, 3],
      [1, 4],
      [2, 2],
      [2, 3],
    ]);
    const icc2 = estimate(results, 'ICC2');
    expect(icc2.value).toBeCloseTo(-0.23529411764705888, 12);
    expect(icc2.lower).toBeCloseTo(-0.3125, 9);
    expect(icc2.upper).toBeCloseTo(0.424398079128212, 9);
    const icc2k = estimate(results, 'ICC2k');
    expect(icc2k.lower).toBeCloseTo(-0.9090909090909091, 9);
    expect(icc2k.upper).toBeCloseTo(0.5958981345832204, 9);
  });

  it('no result anywhere is NaN or infinite', () => {
    const cases = [
      [
        [1, 2],
        [1, 2],
      ],
      [
        [5, 5, 5],
        [5, 5, 5],
      ],
      [
        [1, 1],
        [1, 1],
        [2, 2],
      ],
      [
        [1, 5],
        [5, 1],
        [3, 3],
      ],
      SHROUT_FLEISS,
    ];
    for (const ratings of cases) {
      const text = JSON.stringify(intraclassCorrelations(ratings), (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? 'BAD' : v));
      expect(text).not.toContain('BAD');
    }
  });

  it('refuses a ragged matrix', () => {
    expect(() => intraclassCorrelations([[1, 2], [3]])).toThrow(/needs one from each of the 2 raters/);
  });
});
