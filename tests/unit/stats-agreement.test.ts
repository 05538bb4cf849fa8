import { describe, expect, it } from 'vitest';
import { countsOf } from '../../electron/core/stats/counts.ts';
import { gwetAC } from '../../electron/core/stats/gwet.ts';
import type { AgreementEstimate } from '../../electron/core/stats/interval.ts';
import { krippendorffAlpha } from '../../electron/core/stats/krippendorff.ts';
import type { Outcome } from '../../electron/core/stats/outcome.ts';
import { identityWeights, quadraticWeights } from '../../electron/core/stats/weights.ts';

const N = null;
// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), the reliability data matrix of his
// section C: 4 observers, 12 units, values 1–5, missing values. It is also Gwet's (2014) handbook example
// (p. 120) and irrCAC's cac.raw4raters.
const KRIPPENDORFF = [
  [1, 1, N, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [N, 5, 5, 5],
  [N, N, 1, 1],
  [N, N, 3, N],
];
const SCALE = [1, 2, 3, 4, 5];
// Gwet (2014), 5 observers scoring 15 units on 0–3 (irrCAC's cac.raw5obs).
const FIVE_OBSERVERS = [
  [1, 1, 2, N, 2],
  [1, 1, 0, 1, N],
  [2, 3, 3, 3, N],
  [N, 0, 0, N, 0],
  [0, 0, 0, N, 0],
  [0, 0, 0, N, 0],
  [1, 0, 2, N, 1],
  [1, N, 2, 0, N],
  [2, 2, 2, N, 2],
  [2, 1, 1, 1, N],
  [N, 1, 0, 0, N],
  [0, 0, 0, 0, N],
  [1, 2, 2, 2, N],
  [3, 3, 2, 2, 3],
  [1, 1, 1, N, 1],
];

function estimate(outcome: Outcome<AgreementEstimate>): AgreementEstimate {
  if (!outcome.ok) throw new Error(outcome.reason.why);
  return outcome.value;
}

function expectClose(actual: AgreementEstimate, [value, lower, upper]: [number, number, number]): void {
  expect(Math.abs(actual.value - value), `value ${actual.value} vs ${value}`).toBeLessThan(1e-6);
  expect(Math.abs(actual.lower! - lower), `lower ${actual.lower} vs ${lower}`).toBeLessThan(1e-6);
  expect(Math.abs(actual.upper! - upper), `upper ${actual.upper} vs ${upper}`).toBeLessThan(1e-6);
}

/**
 * Krippendorff's alpha straight from his paper's recipe, independently of the module: the coincidence matrix
 * o_ck = Σ_u Σ pairs (c, k) / (m_u − 1), n_c its margins, and α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 */
function alphaByCoincidences(data: (number | null)[][], metric: (c: number, k: number) => number): number {
  const values = [...new Set(data.flat().filter((x): x is number => x !== null))].sort((a, b) => a - b);
  const o = new Map<string, number>();
  for (const unit of data) {
    const present = unit.filter((x): x is number => x !== null);
    if (present.length < 2) continue;
    for (let i = 0; i < present.length; i++) {
      for (let j = 0; j < present.length; j++) {
        if (i === j) continue;
        const key = `${present[i]},${present[j]}`;
        o.set(key, (o.get(key) ?? 0) + 1 / (present.length - 1));
      }
    }
  }
  const margin = (c: number) => values.reduce((s, k) => s + (o.get(`${c},${k}`) ?? 0), 0);
  const n = values.reduce((s, c) => s + margin(c), 0);
  let observed = 0;
  let expected = 0;
  for (const c of values) {
    for (const k of values) {
      observed += (o.get(`${c},${k}`) ?? 0) * metric(c, k);
      expected += margin(c) * margin(k) * metric(c, k);
    }
  }
  return 1 - ((n - 1) * observed) / expected;
}

/** Gwet's AC1 for two raters as he first wrote it (Gwet 2008): pe = Σ_k π_k (1 − π_k) / (q − 1). */
function ac1TwoRaters(pairs: [number, number][], q: number): number {
  const n = pairs.length;
  const pa = pairs.filter(([a, b]) => a === b).length / n;
  let pe = 0;
  for (let k = 0; k < q; k++) {
    const pi = pairs.reduce((s, [a, b]) => s + (a === k ? 1 : 0) + (b === k ? 1 : 0), 0) / (2 * n);
    pe += pi * (1 - pi);
  }
  pe /= q - 1;
  return (pa - pe) / (1 - pe);
}

describe("Krippendorff's alpha on the worked example of his paper", () => {
  const counts = countsOf(KRIPPENDORFF, SCALE);

  it('is 0.743 with the nominal metric, as the paper computes it', () => {
    const alpha = estimate(krippendorffAlpha(counts, identityWeights(5)));
    expect(alpha.value.toFixed(3)).toBe('0.743');
    expect(Math.abs(alpha.value - alphaByCoincidences(KRIPPENDORFF, (c, k) => (c === k ? 0 : 1)))).toBeLessThan(1e-12);
  });

  it('is 0.849 with the interval metric, as the paper computes it', () => {
    const alpha = estimate(krippendorffAlpha(counts, quadraticWeights(SCALE)));
    expect(alpha.value.toFixed(3)).toBe('0.849');
    expect(Math.abs(alpha.value - alphaByCoincidences(KRIPPENDORFF, (c, k) => (c - k) ** 2))).toBeLessThan(1e-12);
  });

  it("has Gwet's analytic 95 % interval, as irrCAC's krippen.alpha.raw gives it (0.743 [0.419, 1]; 0.849 [0.561, 1])", () => {
    // Digits from irrCAC::krippen.alpha.raw (tests/unit/fixtures/agreement-r.json, written by
    // tests/r/agreement-fixtures.R), which prints them as alpha 0.743, CI 0.419–1; quadratic 0.849, 0.561–1.
    expectClose(estimate(krippendorffAlpha(counts, identityWeights(5))), [0.7434210526315789, 0.41906221920600917, 1]);
    expectClose(estimate(krippendorffAlpha(counts, quadraticWeights(SCALE))), [0.8491071428571424, 0.5613876492921435, 1]);
  });

  it("gives Gwet's five-observer example 0.481 [0.237, 0.724]", () => {
    const alpha = estimate(krippendorffAlpha(countsOf(FIVE_OBSERVERS, [0, 1, 2, 3]), identityWeights(4)));
    expectClose(alpha, [0.48053024026512026, 0.23708080296738718, 0.7239796775628533]);
    expect(Math.abs(alpha.value - alphaByCoincidences(FIVE_OBSERVERS, (c, k) => (c === k ? 0 : 1)))).toBeLessThan(1e-12);
  });

  it('is not defined, with its reason, when every rating is the same', () => {
    const outcome = krippendorffAlpha(
      countsOf(
        [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
        [0, 1],
      ),
      identityWeights(2),
    );
    expect(outcome).toEqual({ ok: false, reason: { kind: 'not-defined', why: expect.stringMatching(/^every rating of the subjects is the same/) } });
  });
});

describe("Gwet's AC1 and AC2 on the examples of his handbook", () => {
  const counts = countsOf(KRIPPENDORFF, SCALE);

  it('AC1 of the four raters is 0.775 with the interval [0.461, 1] (Gwet 2014; irrCAC gwet.ac1.raw)', () => {
    expectClose(estimate(gwetAC(counts, identityWeights(5))), [0.775444068126995, 0.4608133481308383, 1]);
  });

  it('AC2 with quadratic weights is 0.914 with the interval [0.685, 1]', () => {
    expectClose(estimate(gwetAC(counts, quadraticWeights(SCALE))), [0.9140007235516047, 0.6851813658780113, 1]);
  });

  it('AC1 of the five observers is 0.497 [0.235, 0.758]', () => {
    expectClose(
      estimate(gwetAC(countsOf(FIVE_OBSERVERS, [0, 1, 2, 3]), identityWeights(4))),
      [0.4966220548726144, 0.23501519889435496, 0.7582289108508738],
    );
  });

  it('AC1 of two coders equals his two-rater formula, and stays high where kappa collapses on a rare marker', () => {
    // 45 segments: neither coder marked it in 40, both in 2, one or the other in 3.
    const pairs: [number, number][] = [...Array(40).fill([0, 0]), ...Array(2).fill([1, 1]), [1, 0], [1, 0], [0, 1]];
    const ac1 = estimate(gwetAC(countsOf(pairs, [0, 1]), identityWeights(2)));
    expect(Math.abs(ac1.value - ac1TwoRaters(pairs, 2))).toBeLessThan(1e-12);
    expectClose(ac1, [0.9221677716921304, 0.8279353479008335, 1]);
    const alpha = estimate(krippendorffAlpha(countsOf(pairs, [0, 1]), identityWeights(2)));
    expectClose(alpha, [0.5404475043029255, 0.057696549767038585, 1]);
  });

  it('gives the same result for identical subjects given once with their number (a grouped table)', () => {
    const pairs: [number, number][] = [...Array(40).fill([0, 0]), ...Array(2).fill([1, 1]), [1, 0], [1, 0], [0, 1]];
    const grouped = [
      { row: [2, 0], subjects: 40 },
      { row: [0, 2], subjects: 2 },
      { row: [1, 1], subjects: 3 },
    ];
    const same = (a: AgreementEstimate, b: AgreementEstimate) =>
      expect(Math.abs(a.value - b.value) + Math.abs(a.lower! - b.lower!)).toBeLessThan(1e-12);
    // One plain row per subject: [coders who put it in 0, coders who put it in 1].
    const plain = pairs.map(([a, b]) => [Number(a === 0) + Number(b === 0), Number(a === 1) + Number(b === 1)]);
    same(estimate(gwetAC(grouped, identityWeights(2))), estimate(gwetAC(plain, identityWeights(2))));
    same(estimate(krippendorffAlpha(grouped, identityWeights(2))), estimate(krippendorffAlpha(plain, identityWeights(2))));
    expect(countsOf(pairs, [0, 1])).toEqual([
      { row: [2, 0], subjects: 40 },
      { row: [0, 2], subjects: 2 },
      { row: [1, 1], subjects: 3 },
    ]);
  });

  it('AC1 is 1 with the interval [1, 1] when every coder agrees on every segment, even if the marker is never marked', () => {
    const ac1 = estimate(gwetAC([{ row: [2, 0], subjects: 30 }], identityWeights(2)));
    expect(ac1).toEqual({ value: 1, lower: 1, upper: 1 });
  });

  it('has no interval over a single subject, and says why', () => {
    const ac1 = estimate(gwetAC([[1, 1]], identityWeights(2)));
    expect(ac1.lower).toBeNull();
    expect(ac1.intervalReason).toEqual({
      kind: 'too-few',
      why: expect.stringMatching(/^the 95 % interval needs at least 2 subjects, and there is 1/),
    });
  });
});
