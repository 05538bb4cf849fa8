import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countsOf } from '../../electron/core/stats/counts.ts';
import { gwetAC } from '../../electron/core/stats/gwet.ts';
import { ICC_FORMS, intraclassCorrelations, type IccForm } from '../../electron/core/stats/icc.ts';
import type { AgreementEstimate } from '../../electron/core/stats/interval.ts';
import { cohenKappa, fleissKappa, meanPairwiseAgreement, quadraticWeightedKappa } from '../../electron/core/stats/kappa.ts';
import { krippendorffAlpha } from '../../electron/core/stats/krippendorff.ts';
import type { Outcome, Reason } from '../../electron/core/stats/outcome.ts';
import { identityWeights, quadraticWeights } from '../../electron/core/stats/weights.ts';

// Values computed in R by the packages the README names (psych::ICC, psych::cohen.kappa, irr::icc, irr::kappa2,
// irr::kappam.fleiss, irr::agree, irr::kripp.alpha, irrCAC::pa.coeff.raw) on the worked examples and on random
// data sets; AC1, AC2 and alpha with their intervals by an R transcription of irrCAC::gwet.ac1.raw and
// irrCAC::krippen.alpha.raw, checked against what irrCAC prints (to 5 decimals). tests/r/agreement-fixtures.R
// writes them (CI does not run R).

interface Estimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
}
type Matrix = (number | null)[][];
interface TwoCoders {
  psychKappa?: number | null;
  psychWeightedKappa?: number | null;
  kappa2?: number | null;
  agree?: number;
}
interface RatingSet extends TwoCoders {
  name: string;
  x: number[][];
  icc: Record<IccForm, Estimate>;
  irrIccA1: Estimate;
  fleissKappa: number | null;
  gwetAC2: Estimate;
  alphaInterval: Estimate;
  krippAlphaInterval: number | null;
}
interface PresenceSet extends TwoCoders {
  name: string;
  x: number[][];
  fleissKappa: number | null;
  percentAgreement: number;
  gwetAC1: Estimate;
  alphaNominal: Estimate;
  krippAlphaNominal: number | null;
}
interface CategoricalSet {
  name: string;
  categories: number[];
  x: Matrix;
  gwetAC1: Estimate;
  gwetAC2: Estimate;
  alphaNominal: Estimate;
  alphaInterval: Estimate;
  krippAlphaNominal: number;
  krippAlphaInterval: number;
}
interface Fixture {
  r: string;
  packages: Record<string, string>;
  ratings: RatingSet[];
  counts: { name: string; x: number[][]; icc: Record<IccForm, Estimate>; irrIccA1: Estimate }[];
  presence: PresenceSet[];
  categorical: CategoricalSet[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/agreement-r.json', import.meta.url), 'utf8')) as Fixture;
const TOLERANCE = 1e-6;
const SCALE = [1, 2, 3, 4, 5];

/** Ours equals R's: both a number within 1e-6, or both undefined (R's NA / NaN, our reason). */
function same(ours: Outcome<number>, r: number | null | undefined, what: string): void {
  if (r === null || r === undefined) {
    expect(ours.ok, `${what}: R gives no value, ours ${ours.ok ? ours.value : ''}`).toBe(false);
    return;
  }
  if (!ours.ok) throw new Error(`${what}: R gives ${r}, ours is ${ours.reason.why}`);
  expect(Math.abs(ours.value - r), `${what}: ours ${ours.value}, R ${r}`).toBeLessThan(TOLERANCE);
}

/** Stands in for a bound's missing reason: same() only asks whether there is a value. */
const NO_INTERVAL: Reason = { kind: 'not-defined', why: 'no interval' };

function sameEstimate(ours: Outcome<AgreementEstimate>, r: Estimate, what: string): void {
  same(ours.ok ? { ok: true, value: ours.value.value } : ours, r.value, what);
  if (!ours.ok) return;
  same({ ok: ours.value.lower !== null, value: ours.value.lower ?? NaN, reason: NO_INTERVAL } as Outcome<number>, r.lower, `${what} lower`);
  same({ ok: ours.value.upper !== null, value: ours.value.upper ?? NaN, reason: NO_INTERVAL } as Outcome<number>, r.upper, `${what} upper`);
}

function confusion(x: number[][], values: number[]): number[][] {
  const table = values.map(() => new Array<number>(values.length).fill(0));
  for (const [a, b] of x) table[values.indexOf(a!)]![values.indexOf(b!)]!++;
  return table;
}

function sameIccs(x: number[][], r: Record<IccForm, Estimate>, name: string): void {
  const ours = intraclassCorrelations(x);
  for (const form of ICC_FORMS) {
    const o = ours[form];
    same(o.ok ? { ok: true, value: o.value.value } : o, r[form].value, `${name} ${form}`);
    if (!o.ok) continue;
    // The one deliberate difference (README): where ICC(2,1)'s lower bound is at or below −1/(k − 1),
    // psych maps it to an ICC(2,k) "lower" bound above the upper one; ours says the interval is not defined.
    if (form === 'ICC2k' && o.value.lower === null && /reaches down to/.test(o.value.intervalReason?.why ?? '')) {
      expect(r.ICC2k.lower!, `${name}: psych's ICC2k lower bound lies above its upper one`).toBeGreaterThan(r.ICC2k.upper!);
      continue;
    }
    for (const bound of ['lower', 'upper'] as const) {
      const value = o.value[bound];
      same(
        value === null ? { ok: false, reason: o.value.intervalReason ?? NO_INTERVAL } : { ok: true, value },
        r[form][bound],
        `${name} ${form} ${bound}`,
      );
    }
  }
}

/** The two-coder statistics R gives for a two-column data set. */
function sameTwoCoders(set: TwoCoders & { name: string; x: number[][] }, values: number[], weighted: boolean): void {
  const table = confusion(set.x, values);
  same(cohenKappa(table), set.psychKappa, `${set.name} psych::cohen.kappa kappa`);
  // irr::kappa2 renames rather than reorders the factor levels when the two coders used different sets of
  // values (levels(r2) <- lev), which pairs the wrong categories; it is compared where both used the same.
  const used = (j: number) => [...new Set(set.x.map((row) => row[j]))].sort().join();
  if (used(0) === used(1)) same(cohenKappa(table), set.kappa2, `${set.name} irr::kappa2`);
  same(meanPairwiseAgreement(countsOf(set.x, values)), set.agree, `${set.name} irr::agree / 100`);
  if (weighted) same(quadraticWeightedKappa(table), set.psychWeightedKappa, `${set.name} psych::cohen.kappa weighted (levels = 1:5)`);
}

describe(`the statistics equal R's (${fixture.r}; psych ${fixture.packages.psych}, irr ${fixture.packages.irr}, irrCAC ${fixture.packages.irrCAC}) to 1e-6`, () => {
  it('the six ICCs and their 95 % intervals equal psych::ICC(x, lmer = FALSE), on ratings and on segment counts per session', () => {
    for (const set of [...fixture.ratings, ...fixture.counts]) sameIccs(set.x, set.icc, set.name);
  });

  it('ICC(2,1) and its interval equal irr::icc(x, "twoway", "agreement") too', () => {
    for (const set of [...fixture.ratings, ...fixture.counts]) {
      const ours = intraclassCorrelations(set.x).ICC2;
      // Perfect agreement: irr's interval is 0/0 (NaN); ours is [1, 1], as psych::ICC gives it (README).
      if (set.irrIccA1.value === 1 && set.irrIccA1.lower === null) {
        expect(ours).toEqual({ ok: true, value: { value: 1, lower: 1, upper: 1 } });
        continue;
      }
      sameEstimate(ours, set.irrIccA1, `${set.name} irr::icc ICC(A,1)`);
    }
  });

  it("Fleiss' kappa equals irr::kappam.fleiss, on ratings and on presence", () => {
    for (const set of fixture.ratings) same(fleissKappa(countsOf(set.x, SCALE)), set.fleissKappa, `${set.name} kappam.fleiss`);
    for (const set of fixture.presence) same(fleissKappa(countsOf(set.x, [0, 1])), set.fleissKappa, `${set.name} kappam.fleiss`);
  });

  it('percent agreement (the mean share of agreeing coder pairs, any number of coders) equals irrCAC::pa.coeff.raw', () => {
    for (const set of fixture.presence) same(meanPairwiseAgreement(countsOf(set.x, [0, 1])), set.percentAgreement, `${set.name} pa.coeff.raw`);
  });

  it("two coders: Cohen's kappa equals psych::cohen.kappa and irr::kappa2, the weighted kappa psych::cohen.kappa(levels = 1:5), agreement irr::agree / 100", () => {
    const ratings = fixture.ratings.filter((s) => s.x[0]!.length === 2);
    const presence = fixture.presence.filter((s) => s.x[0]!.length === 2);
    expect(ratings.length + presence.length).toBeGreaterThan(5);
    for (const set of ratings) sameTwoCoders(set, SCALE, true);
    for (const set of presence) sameTwoCoders(set, [0, 1], false);
  });

  it("Gwet's AC1 (presence) and AC2 (ratings, quadratic weights) with their intervals equal irrCAC::gwet.ac1.raw", () => {
    for (const set of fixture.presence) sameEstimate(gwetAC(countsOf(set.x, [0, 1]), identityWeights(2)), set.gwetAC1, `${set.name} AC1`);
    for (const set of fixture.ratings) sameEstimate(gwetAC(countsOf(set.x, SCALE), quadraticWeights(SCALE)), set.gwetAC2, `${set.name} AC2`);
  });

  it("Krippendorff's alpha with its interval equals irrCAC::krippen.alpha.raw, and its value irr::kripp.alpha wherever irr follows Krippendorff", () => {
    for (const set of fixture.presence) {
      const alpha = krippendorffAlpha(countsOf(set.x, [0, 1]), identityWeights(2));
      sameEstimate(alpha, set.alphaNominal, `${set.name} nominal alpha`);
      // irr weighs each pair of a unit with m values by 1 rather than 1 / (m − 1) when no value is missing,
      // which is Krippendorff's alpha only for two coders (README).
      if (set.x[0]!.length === 2)
        same(alpha.ok ? { ok: true, value: alpha.value.value } : alpha, set.krippAlphaNominal, `${set.name} irr::kripp.alpha`);
    }
    for (const set of fixture.ratings) {
      const alpha = krippendorffAlpha(countsOf(set.x, SCALE), quadraticWeights(SCALE));
      sameEstimate(alpha, set.alphaInterval, `${set.name} interval alpha`);
      if (set.x[0]!.length === 2)
        same(alpha.ok ? { ok: true, value: alpha.value.value } : alpha, set.krippAlphaInterval, `${set.name} irr::kripp.alpha`);
    }
  });

  it("the authors' worked examples, with missing ratings: AC1, AC2 and both alphas equal irrCAC and irr::kripp.alpha", () => {
    for (const set of fixture.categorical) {
      const counts = countsOf(set.x, set.categories);
      const q = set.categories.length;
      sameEstimate(gwetAC(counts, identityWeights(q)), set.gwetAC1, `${set.name} AC1`);
      sameEstimate(gwetAC(counts, quadraticWeights(set.categories)), set.gwetAC2, `${set.name} AC2`);
      const nominal = krippendorffAlpha(counts, identityWeights(q));
      const interval = krippendorffAlpha(counts, quadraticWeights(set.categories));
      sameEstimate(nominal, set.alphaNominal, `${set.name} nominal alpha`);
      sameEstimate(interval, set.alphaInterval, `${set.name} interval alpha`);
      same(nominal.ok ? { ok: true, value: nominal.value.value } : nominal, set.krippAlphaNominal, `${set.name} irr::kripp.alpha nominal`);
      same(interval.ok ? { ok: true, value: interval.value.value } : interval, set.krippAlphaInterval, `${set.name} irr::kripp.alpha interval`);
    }
  });
});
