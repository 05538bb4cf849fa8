import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Study } from '../../electron/core/store/study-file.ts';
import { describe, expect, it } from 'vitest';
import { codingsOf, deleteMark, getRatings, importMarks, importRatings, listMarks, markSegmentWatched } from '../../electron/core/coding/index.ts';
import { startConsensus } from '../../electron/core/consensus/index.ts';
import { listRecordings } from '../../electron/core/recordings/registry.ts';
import { reliabilityJson, reliabilityOf, reliabilityReport } from '../../electron/core/reliability/index.ts';
import { getScheme, type Clarity } from '../../electron/core/scheme/index.ts';
import { intraclassCorrelations } from '../../electron/core/stats/icc.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** One-minute segments; D01-S01 is 10 minutes (10 segments), D01-S02 5 minutes (5 segments). */
function setupStudy(coders = ['C01', 'C02']): Study {
  const study = makeStudy(tempDir(), 60);
  addFakeRecording(study, 'D01-S01', 10 * 60_000);
  addFakeRecording(study, 'D01-S02', 5 * 60_000);
  for (const code of coders) addTestCoder(study, code);
  return study;
}

const setup = (coders?: string[]) => setupStudy(coders).db;

/** Marks `code` once in each listed segment (a few seconds into it). */
function mark(db: Database, recording: string, coder: string, code: string, segments: number[], clarity: Clarity = 'check') {
  importMarks(db, recording, coder, segments.map((s) => ({ code, clarity, timeMs: s * 60_000 + 5_000 })), ACTOR);
}

/** Codes D01-S01 only: C01 has W1 in segments 0–3, C02 in 0, 1 and 4. */
function twoCoders() {
  const db = setup();
  mark(db, 'D01-S01', 'C01', 'W1', [0, 1, 2, 3]);
  mark(db, 'D01-S01', 'C02', 'W1', [0, 1, 4]);
  return db;
}

describe('segment-level reliability between two coders', () => {
  it('compares each segment of the recordings both coders coded: W1 agrees on 7 of 10 segments, κ = 8/23', () => {
    const report = reliabilityReport(twoCoders());
    expect(report).toMatchObject({ coders: ['C01', 'C02'], recordings: ['D01-S01', 'D01-S02'], checkMinus: 'present', segmentSeconds: 60 });
    const w1 = report.segments['W1']!;
    // Both present 2, C01 only 2, C02 only 1, neither 5: po = 0.7, pe = 0.4·0.3 + 0.6·0.7 = 0.54.
    expect(w1).toMatchObject({ n: 10, percentAgreement: 0.7, fleissKappa: null });
    expect(Math.abs(w1.cohenKappa! - 8 / 23)).toBeLessThan(1e-12);
    expect(w1.reasons).toEqual({ fleissKappa: "does not apply: with two coders see Cohen's kappa" });
  });

  it('a category is present when any of its codes is: another withdrawal code in segment 4 raises withdrawal agreement', () => {
    const db = twoCoders();
    mark(db, 'D01-S01', 'C01', 'W5', [4]);
    const report = reliabilityReport(db);
    // Withdrawal: C01 in 0–4, C02 in 0, 1, 4 → po = 0.8, pe = 0.5·0.3 + 0.5·0.7 = 0.5 → κ = 0.6.
    expect(report.segments['withdrawal']).toMatchObject({ n: 10, percentAgreement: 0.8 });
    expect(report.segments['withdrawal']!.cohenKappa).toBeCloseTo(0.6, 12);
    expect(report.segments['rupture']!.cohenKappa).toBeCloseTo(0.6, 12);
    expect(report.segments['W5']).toMatchObject({ percentAgreement: 0.9, cohenKappa: 0 });
  });

  it('a code nobody marked has 100 % agreement but no kappa, and the reason says why', () => {
    const { segments } = reliabilityReport(twoCoders());
    expect(segments['R1']).toMatchObject({ n: 10, percentAgreement: 1, cohenKappa: null });
    expect(segments['R1']!.reasons!.cohenKappa).toBe(
      'not defined: no coder marked this code in any of the 10 segments, so agreement by chance alone is already 100 % and kappa divides by zero; it needs this code marked in some segments and not in others',
    );
    expect(segments['resolution']!.reasons!.cohenKappa).toMatch(/^not defined: no coder marked any code of this category in any of the 10 segments/);
  });

  it('the check-minus setting decides whether an unclear mark counts: W3 goes from full agreement to none beyond chance', () => {
    const db = twoCoders();
    mark(db, 'D01-S01', 'C01', 'W3', [5]);
    mark(db, 'D01-S01', 'C02', 'W3', [5], 'check-minus');
    expect(reliabilityReport(db, { checkMinus: 'present' }).segments['W3']).toMatchObject({ percentAgreement: 1, cohenKappa: 1 });
    // Without the check-minus mark only C01 has W3 (1 of 10): po = 0.9, pe = 0.1·0 + 0.9·1 = 0.9 → κ = 0.
    const absent = reliabilityReport(db, { checkMinus: 'absent' });
    expect(absent.checkMinus).toBe('absent');
    expect(absent.segments['W3']).toMatchObject({ percentAgreement: 0.9, cohenKappa: 0 });
  });

  it('a deleted mark does not count', () => {
    const db = twoCoders();
    const [extra] = importMarks(db, 'D01-S01', 'C02', [{ code: 'W1', clarity: 'check', timeMs: 2 * 60_000 + 1 }], ACTOR);
    deleteMark(db, extra!.id, ACTOR);
    expect(reliabilityReport(db).segments['W1']!.percentAgreement).toBe(0.7);
  });

  it('leaves out a recording that a chosen coder has not coded, and lists it', () => {
    const db = twoCoders();
    mark(db, 'D01-S02', 'C01', 'C1', [0]);
    const report = reliabilityReport(db);
    expect(report.notCoded).toEqual([{ recording: 'D01-S02', coders: ['C02'] }]);
    expect(report.missingCodings).toEqual([{ coder: 'C02', recordings: ['D01-S02'] }]);
    expect(report.segments['C1']!.n).toBe(10);
    mark(db, 'D01-S02', 'C02', 'C1', [0]);
    expect(reliabilityReport(db).segments['C1']).toMatchObject({ n: 15, percentAgreement: 1, cohenKappa: 1 });
  });

  it('groups the recordings left out by the coder who has not coded them, the coder missing most first', () => {
    const study = setupStudy(['C01', 'C02', 'C03']);
    addFakeRecording(study, 'D01-S03', 5 * 60_000);
    for (const recording of ['D01-S01', 'D01-S02', 'D01-S03']) mark(study.db, recording, 'C01', 'W1', [0]);
    mark(study.db, 'D01-S01', 'C02', 'W1', [0]);
    mark(study.db, 'D01-S03', 'C03', 'W1', [0]);
    const report = reliabilityReport(study.db);
    expect(report.notCoded).toEqual([
      { recording: 'D01-S01', coders: ['C03'] },
      { recording: 'D01-S02', coders: ['C02', 'C03'] },
      { recording: 'D01-S03', coders: ['C02'] },
    ]);
    expect(report.missingCodings).toEqual([
      { coder: 'C02', recordings: ['D01-S02', 'D01-S03'] },
      { coder: 'C03', recordings: ['D01-S01', 'D01-S02'] },
    ]);
  });

  it('all segments empty: coders who watched but marked nothing agree fully, and every kappa says why it is missing', () => {
    const db = setup();
    markSegmentWatched(db, 'D01-S02', 'C01', 0, ACTOR);
    markSegmentWatched(db, 'D01-S02', 'C02', 0, ACTOR);
    const { segments } = reliabilityReport(db, { recordings: ['D01-S02'] });
    for (const [key, s] of Object.entries(segments)) {
      expect(s, key).toMatchObject({ n: 5, percentAgreement: 1, cohenKappa: null, fleissKappa: null });
      expect(s.reasons!.cohenKappa, key).toMatch(/^not defined: no coder marked .* in any of the 5 segments/);
    }
  });

  it('with no recording coded by both, nothing is compared and the reason names what is missing', () => {
    const db = setup();
    mark(db, 'D01-S01', 'C01', 'W1', [0]);
    mark(db, 'D01-S02', 'C02', 'W1', [0]);
    const w1 = reliabilityReport(db).segments['W1']!;
    expect(w1).toMatchObject({ n: 0, percentAgreement: null, cohenKappa: null });
    expect(w1.reasons!.percentAgreement).toBe(
      'not defined: there are no segments to compare, because none of the 2 chosen recordings has been coded by all of C01, C02 (D01-S01 has no coding by C02; D01-S02 has no coding by C01); it needs at least one recording that every chosen coder has coded',
    );
  });
});

describe('segment-level reliability between three coders', () => {
  it("gives Fleiss' kappa and mean pairwise agreement, and explains why Cohen's kappa is missing", () => {
    const db = setup(['C01', 'C02', 'C03']);
    mark(db, 'D01-S01', 'C01', 'W1', [0, 1, 2, 3]);
    mark(db, 'D01-S01', 'C02', 'W1', [0, 1, 4]);
    mark(db, 'D01-S01', 'C03', 'W1', [0, 1, 2]);
    const w1 = reliabilityReport(db).segments['W1']!;
    // Present counts 3, 3, 2, 1, 1, then 0 × 5: P̄ = (1 + 1 + ⅓ + ⅓ + ⅓ + 5)/10 = 0.8; p = 10/30 → P̄e = 5/9;
    // κ = (0.8 − 5/9)/(4/9) = 11/20.
    expect(w1.n).toBe(10);
    expect(Math.abs(w1.percentAgreement! - 0.8)).toBeLessThan(1e-12);
    expect(Math.abs(w1.fleissKappa! - 11 / 20)).toBeLessThan(1e-12);
    expect(w1.cohenKappa).toBeNull();
    expect(w1.reasons!.cohenKappa).toBe("does not apply: Cohen's kappa compares exactly two coders; with 3 coders see Fleiss' kappa");
  });
});

describe('reliability of the global ratings', () => {
  // overall_resolution by C01 and C02 on three recordings (the third added here).
  const PAIRS = [
    [3, 4],
    [1, 1],
    [5, 4],
  ];

  function rated() {
    const study = setupStudy();
    const { db } = study;
    addFakeRecording(study, 'D02-S01', 60_000);
    ['D01-S01', 'D01-S02', 'D02-S01'].forEach((recording, i) => {
      importRatings(db, recording, 'C01', [{ item: 'overall_resolution', value: PAIRS[i]![0]! }, { item: 'W2', value: 2 }], ACTOR);
      importRatings(db, recording, 'C02', [{ item: 'overall_resolution', value: PAIRS[i]![1]! }], ACTOR);
    });
    importRatings(db, 'D01-S01', 'C02', [{ item: 'W2', value: 2 }], ACTOR);
    return db;
  }

  it('computes the six ICCs over the recordings both coders rated, as the statistics module does on the same matrix', () => {
    const item = reliabilityReport(rated()).ratings['overall_resolution']!;
    const direct = intraclassCorrelations(PAIRS);
    expect(item.n).toBe(3);
    for (const form of ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const) {
      const expected = direct[form];
      if (!expected.ok) throw new Error(expected.reason);
      expect(item[form]).toEqual({ value: expected.value.value, lower: expected.value.lower, upper: expected.value.upper });
    }
  });

  it('gives the quadratic-weighted kappa over the 1–5 scale: exactly 6/7 here', () => {
    // C01 rates 3, 1, 5 and C02 4, 1, 4. Observed Σ(i−j)² = 1 + 0 + 1 = 2. Chance: every C01 rating against
    // every C02 rating, (3: 1+4+1) + (1: 9+0+9) + (5: 1+16+1) = 42. κ = 1 − N·2/42 = 1 − 6/42 = 6/7.
    const kappa = reliabilityReport(rated()).ratings['overall_resolution']!.weightedKappa!;
    expect(Math.abs(kappa - 6 / 7)).toBeLessThan(1e-12);
  });

  it('an item rated by both coders on a single recording has no ICC and no weighted kappa, with the reason', () => {
    const w2 = reliabilityReport(rated()).ratings['W2']!;
    expect(w2).toMatchObject({ n: 1, ICC1: null, ICC3k: null, weightedKappa: null });
    expect(w2.reasons!.ICC2).toBe('not defined: an ICC needs at least 2 recordings rated by every one of the coders, and there is 1');
    expect(w2.reasons!.weightedKappa).toMatch(/^not defined: weighted kappa needs at least 2 recordings rated by both coders, and there is 1/);
  });

  it('with three coders weighted kappa does not apply', () => {
    const db = setup(['C01', 'C02', 'C03']);
    for (const coder of ['C01', 'C02', 'C03']) importRatings(db, 'D01-S01', coder, [{ item: 'W1', value: 2 }], ACTOR);
    expect(reliabilityReport(db).ratings['W1']!.reasons!.weightedKappa).toBe(
      'does not apply: weighted kappa compares exactly two coders; with 3 coders see the ICCs',
    );
  });
});

describe('choosing coders and recordings', () => {
  it('by default takes every coder who coded a chosen recording, and not one who coded nothing', () => {
    const study = setupStudy(['C01', 'C02', 'C09']);
    mark(study.db, 'D01-S01', 'C01', 'W1', [0]);
    mark(study.db, 'D01-S02', 'C02', 'W1', [0]);
    expect(reliabilityReport(study.db).coders).toEqual(['C01', 'C02']);
  });

  it('by default leaves out a consensus coding, which is started from another coder’s; named, it is compared', () => {
    const study = setupStudy(['C01', 'C02']);
    addTestCoder(study, 'L01', 'lead');
    mark(study.db, 'D01-S01', 'C01', 'W1', [0, 1]);
    mark(study.db, 'D01-S01', 'C02', 'W1', [0]);
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    expect(reliabilityReport(study.db).coders).toEqual(['C01', 'C02']);
    expect(reliabilityReport(study.db, { coders: ['C02', 'CONSENSUS'] }).coders).toEqual(['C02', 'CONSENSUS']);
  });

  it('names unknown coders and recordings', () => {
    const db = twoCoders();
    expect(() => reliabilityReport(db, { coders: ['C01', 'C07', 'X1'] })).toThrow(/No coder "C07", "X1" in this study\. Known coders: C01, C02\./);
    expect(() => reliabilityReport(db, { recordings: ['D01-S01', 'D99-S09'] })).toThrow(/No recording "D99-S09" in this study/);
  });

  it('needs two or more coders', () => {
    const db = setup();
    mark(db, 'D01-S01', 'C01', 'W1', [0]);
    expect(() => reliabilityReport(db)).toThrow('Reliability compares two or more coders, but only C01 has coded the chosen recordings on their own. Code them with a second coder first.');
    expect(() => reliabilityReport(db, { coders: ['C01', 'C01'] })).toThrow(/choose at least two/);
  });

  it('with only a coder and a consensus, says the consensus can be compared by choosing it', () => {
    const study = setupStudy(['C01']);
    addTestCoder(study, 'L01', 'lead');
    mark(study.db, 'D01-S01', 'C01', 'W1', [0]);
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    expect(() => reliabilityReport(study.db)).toThrow(
      'Reliability compares two or more coders, but only C01 has coded the chosen recordings on their own. Code them with a second coder first, or choose CONSENSUS by name to compare with a consensus coding (left out by default, as it is started from another coder’s).',
    );
    expect(reliabilityReport(study.db, { coders: ['C01', 'CONSENSUS'] }).coders).toEqual(['C01', 'CONSENSUS']);
  });

  it('refuses an unknown check-minus setting', () => {
    expect(() => reliabilityReport(twoCoders(), { checkMinus: 'maybe' as 'present' })).toThrow(/must be "present" or "absent"/);
  });
});

describe('the JSON form', () => {
  it('has the issue’s shape, with each null statistic’s reason beside it and never NaN', () => {
    const json = reliabilityJson(reliabilityReport(twoCoders()));
    expect(Object.keys(json)).toEqual(['segments', 'ratings']);
    expect(Object.keys(json.segments)).toEqual([
      ...['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'],
      ...['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10'],
      ...['withdrawal', 'confrontation', 'resolution', 'rupture'],
    ]);
    expect(Object.keys(json.ratings)).toHaveLength(28);
    expect(Object.keys(json.segments['W1']!)).toEqual(['n', 'percentAgreement', 'cohenKappa', 'fleissKappa', 'fleissKappaReason', 'reason']);
    expect(json.ratings['therapist_contribution']).toMatchObject({ n: 0, ICC1: null, ICC1Reason: expect.stringMatching(/^not defined: /), reason: expect.stringMatching(/^ICC1: not defined: /) });
    expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
  });
});

describe('reliability of codings already in memory', () => {
  it('is the same report as the one read from the study, so the export can compute it from what it has read', () => {
    const db = setup(['C01', 'C02', 'C03']);
    mark(db, 'D01-S01', 'C01', 'W1', [0, 1, 2, 3]);
    mark(db, 'D01-S01', 'C02', 'W1', [0, 1, 4], 'check-minus');
    mark(db, 'D01-S01', 'C03', 'C2', [2]);
    mark(db, 'D01-S02', 'C01', 'R4', [1]);
    importRatings(db, 'D01-S01', 'C01', [{ item: 'overall_resolution', value: 3 }], ACTOR);
    importRatings(db, 'D01-S01', 'C02', [{ item: 'overall_resolution', value: 4 }], ACTOR);
    const scheme = getScheme('3rs-2015');
    const recordings = listRecordings(db);
    const coders = ['C01', 'C02', 'C03'].map((code) => ({ code }));
    const codings = recordings.flatMap(({ code: recording }) =>
      codingsOf(db, recording).map(({ coder }) => ({
        recording: { code: recording },
        coder: { code: coder },
        marks: listMarks(db, recording, coder),
        ratings: new Map(Object.entries(getRatings(db, recording, coder))),
      })),
    );
    for (const checkMinus of ['present', 'absent'] as const) {
      expect(reliabilityOf({ scheme, segmentSeconds: 60, minFinalSeconds: 12, coders, recordings, codings }, checkMinus, null)).toEqual(reliabilityReport(db, { checkMinus }));
    }
  });
});
