import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Study } from '../../electron/core/store/study-file.ts';
import { describe, expect, it } from 'vitest';
import { codingsOf, deleteMark, getRatings, importMarks, importRatings, listMarks, markSegmentWatched } from '../../electron/core/coding/index.ts';
import { startConsensus } from '../../electron/core/consensus/index.ts';
import { listRecordings } from '../../electron/core/recordings/registry.ts';
import { reliabilityJson, reliabilityOf, reliabilityReport } from '../../electron/core/reliability/index.ts';
import { getScheme, type Clarity } from '../../electron/core/scheme/index.ts';
import { countsOf } from '../../electron/core/stats/counts.ts';
import { gwetAC } from '../../electron/core/stats/gwet.ts';
import { intraclassCorrelations } from '../../electron/core/stats/icc.ts';
import { krippendorffAlpha } from '../../electron/core/stats/krippendorff.ts';
import { identityWeights, quadraticWeights } from '../../electron/core/stats/weights.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/**
 * Signs off every started coding, as coders do before a lead compares them: only complete codings are
 * compared by default. (A fixture, written straight into the status table: the sign-off's own checks are
 * tested with it.)
 */
function signOffAll(db: Database): void {
  db.prepare("UPDATE coding_status SET state = 'complete'").run();
}

/** The report once every started coding is complete. */
function signedOffReport(db: Database, options?: Parameters<typeof reliabilityReport>[1]) {
  signOffAll(db);
  return reliabilityReport(db, options);
}

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
  importMarks(
    db,
    recording,
    coder,
    segments.map((s) => ({ code, clarity, timeMs: s * 60_000 + 5_000 })),
    ACTOR,
  );
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
    const report = signedOffReport(twoCoders());
    // By default the recordings both coded (the export's rule), so the table is never empty.
    expect(report).toMatchObject({ coders: ['C01', 'C02'], recordings: ['D01-S01'], checkMinus: 'present', segmentSeconds: 60 });
    const w1 = report.segments['W1']!;
    // Both present 2, C01 only 2, C02 only 1, neither 5: po = 0.7, pe = 0.4·0.3 + 0.6·0.7 = 0.54.
    expect(w1).toMatchObject({ n: 10, percentAgreement: 0.7, fleissKappa: null });
    expect(Math.abs(w1.cohenKappa! - 8 / 23)).toBeLessThan(1e-12);
    expect(w1.reasons).toEqual({ fleissKappa: { kind: 'does-not-apply', why: "with two coders see Cohen's kappa" } });
  });

  it('a category is present when any of its codes is: another withdrawal code in segment 4 raises withdrawal agreement', () => {
    const db = twoCoders();
    mark(db, 'D01-S01', 'C01', 'W5', [4]);
    const report = signedOffReport(db);
    // Withdrawal: C01 in 0–4, C02 in 0, 1, 4 → po = 0.8, pe = 0.5·0.3 + 0.5·0.7 = 0.5 → κ = 0.6.
    expect(report.segments['withdrawal']).toMatchObject({ n: 10, percentAgreement: 0.8 });
    expect(report.segments['withdrawal']!.cohenKappa).toBeCloseTo(0.6, 12);
    expect(report.segments['rupture']!.cohenKappa).toBeCloseTo(0.6, 12);
    expect(report.segments['W5']).toMatchObject({ percentAgreement: 0.9, cohenKappa: 0 });
  });

  it('a code nobody marked has 100 % agreement but no kappa, and the reason says why', () => {
    const { segments } = signedOffReport(twoCoders());
    expect(segments['R1']).toMatchObject({ n: 10, percentAgreement: 1, cohenKappa: null });
    expect(segments['R1']!.reasons!.cohenKappa).toEqual({
      kind: 'not-defined',
      why: 'no coder marked this code in any of the 10 segments, so agreement by chance alone is already 100 % and kappa divides by zero; it needs this code marked in some segments and not in others',
    });
    expect(segments['resolution']!.reasons!.cohenKappa).toEqual({
      kind: 'not-defined',
      why: expect.stringMatching(/^no coder marked any code of this category in any of the 10 segments/),
    });
  });

  it('the check-minus setting decides whether an unclear mark counts: W3 goes from full agreement to none beyond chance', () => {
    const db = twoCoders();
    mark(db, 'D01-S01', 'C01', 'W3', [5]);
    mark(db, 'D01-S01', 'C02', 'W3', [5], 'check-minus');
    expect(signedOffReport(db, { checkMinus: 'present' }).segments['W3']).toMatchObject({ percentAgreement: 1, cohenKappa: 1 });
    // Without the check-minus mark only C01 has W3 (1 of 10): po = 0.9, pe = 0.1·0 + 0.9·1 = 0.9 → κ = 0.
    const absent = signedOffReport(db, { checkMinus: 'absent' });
    expect(absent.checkMinus).toBe('absent');
    expect(absent.segments['W3']).toMatchObject({ percentAgreement: 0.9, cohenKappa: 0 });
  });

  it('a deleted mark does not count', () => {
    const db = twoCoders();
    const [extra] = importMarks(db, 'D01-S01', 'C02', [{ code: 'W1', clarity: 'check', timeMs: 2 * 60_000 + 1 }], ACTOR);
    deleteMark(db, extra!.id, ACTOR);
    expect(signedOffReport(db).segments['W1']!.percentAgreement).toBe(0.7);
  });

  it('leaves out a recording that a chosen coder has not coded, and lists it', () => {
    const db = twoCoders();
    mark(db, 'D01-S02', 'C01', 'C1', [0]);
    const both = { recordings: ['D01-S01', 'D01-S02'] };
    const report = signedOffReport(db, both);
    expect(report.notCoded).toEqual([{ recording: 'D01-S02', coders: ['C02'] }]);
    expect(report.missingCodings).toEqual([{ coder: 'C02', recordings: ['D01-S02'] }]);
    expect(report.segments['C1']!.n).toBe(10);
    mark(db, 'D01-S02', 'C02', 'C1', [0]);
    expect(signedOffReport(db, both).segments['C1']).toMatchObject({ n: 15, percentAgreement: 1, cohenKappa: 1 });
  });

  it('groups the recordings left out by the coder who has not coded them, the coder missing most first', () => {
    const study = setupStudy(['C01', 'C02', 'C03']);
    addFakeRecording(study, 'D01-S03', 5 * 60_000);
    for (const recording of ['D01-S01', 'D01-S02', 'D01-S03']) mark(study.db, recording, 'C01', 'W1', [0]);
    mark(study.db, 'D01-S01', 'C02', 'W1', [0]);
    mark(study.db, 'D01-S03', 'C03', 'W1', [0]);
    const report = signedOffReport(study.db, { coders: ['C01', 'C02', 'C03'] });
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
    const { segments } = signedOffReport(db, { recordings: ['D01-S02'] });
    for (const [key, s] of Object.entries(segments)) {
      expect(s, key).toMatchObject({ n: 5, percentAgreement: 1, cohenKappa: null, fleissKappa: null });
      expect(s.reasons!.cohenKappa, key).toEqual({ kind: 'not-defined', why: expect.stringMatching(/^no coder marked .* in any of the 5 segments/) });
    }
  });

  it('with no recording coded by both, nothing is compared: too few segments, and the reason names what is missing', () => {
    const db = setup();
    mark(db, 'D01-S01', 'C01', 'W1', [0]);
    mark(db, 'D01-S02', 'C02', 'W1', [0]);
    const w1 = signedOffReport(db).segments['W1']!;
    expect(w1).toMatchObject({ n: 0, percentAgreement: null, cohenKappa: null });
    expect(w1.reasons!.percentAgreement).toEqual({
      kind: 'too-few',
      why: 'there are no segments to compare, because none of the 2 chosen recordings has been coded by all of C01, C02 (D01-S01 has no coding by C02; D01-S02 has no coding by C01); it needs at least one recording that has been coded by every chosen coder',
    });
  });
});

describe('segment-level reliability between three coders', () => {
  it("gives Fleiss' kappa and mean pairwise agreement, and explains why Cohen's kappa is missing", () => {
    const db = setup(['C01', 'C02', 'C03']);
    mark(db, 'D01-S01', 'C01', 'W1', [0, 1, 2, 3]);
    mark(db, 'D01-S01', 'C02', 'W1', [0, 1, 4]);
    mark(db, 'D01-S01', 'C03', 'W1', [0, 1, 2]);
    const w1 = signedOffReport(db).segments['W1']!;
    // Present counts 3, 3, 2, 1, 1, then 0 × 5: P̄ = (1 + 1 + ⅓ + ⅓ + ⅓ + 5)/10 = 0.8; p = 10/30 → P̄e = 5/9;
    // κ = (0.8 − 5/9)/(4/9) = 11/20.
    expect(w1.n).toBe(10);
    expect(Math.abs(w1.percentAgreement! - 0.8)).toBeLessThan(1e-12);
    expect(Math.abs(w1.fleissKappa! - 11 / 20)).toBeLessThan(1e-12);
    expect(w1.cohenKappa).toBeNull();
    expect(w1.reasons!.cohenKappa).toEqual({
      kind: 'does-not-apply',
      why: "Cohen's kappa compares exactly two coders; with 3 coders see Fleiss' kappa",
    });
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
      importRatings(
        db,
        recording,
        'C01',
        [
          { item: 'overall_resolution', value: PAIRS[i]![0]! },
          { item: 'W2', value: 2 },
        ],
        ACTOR,
      );
      importRatings(db, recording, 'C02', [{ item: 'overall_resolution', value: PAIRS[i]![1]! }], ACTOR);
    });
    importRatings(db, 'D01-S01', 'C02', [{ item: 'W2', value: 2 }], ACTOR);
    return db;
  }

  it('computes the six ICCs over the recordings both coders rated, as the statistics module does on the same matrix', () => {
    const item = signedOffReport(rated()).ratings['overall_resolution']!;
    const direct = intraclassCorrelations(PAIRS);
    expect(item.n).toBe(3);
    for (const form of ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const) {
      const expected = direct[form];
      if (!expected.ok) throw new Error(expected.reason.why);
      expect(item[form]).toEqual({ value: expected.value.value, lower: expected.value.lower, upper: expected.value.upper });
    }
  });

  it('gives the quadratic-weighted kappa over the 1–5 scale: exactly 6/7 here', () => {
    // C01 rates 3, 1, 5 and C02 4, 1, 4. Observed Σ(i−j)² = 1 + 0 + 1 = 2. Chance: every C01 rating against
    // every C02 rating, (3: 1+4+1) + (1: 9+0+9) + (5: 1+16+1) = 42. κ = 1 − N·2/42 = 1 − 6/42 = 6/7.
    const kappa = signedOffReport(rated()).ratings['overall_resolution']!.weightedKappa!;
    expect(Math.abs(kappa - 6 / 7)).toBeLessThan(1e-12);
  });

  it('an item rated by both coders on a single recording has no ICC and no weighted kappa: too few recordings, with the reason', () => {
    const w2 = signedOffReport(rated()).ratings['W2']!;
    expect(w2).toMatchObject({ n: 1, ICC1: null, ICC3k: null, weightedKappa: null });
    expect(w2.reasons!.ICC2).toEqual({ kind: 'too-few', why: 'an ICC needs at least 2 recordings rated by every one of the coders, and there is 1' });
    expect(w2.reasons!.weightedKappa).toEqual({
      kind: 'too-few',
      why: 'weighted kappa needs at least 2 recordings rated by both coders, and there is 1',
    });
  });

  it('with three coders weighted kappa does not apply', () => {
    const db = setup(['C01', 'C02', 'C03']);
    for (const coder of ['C01', 'C02', 'C03']) importRatings(db, 'D01-S01', coder, [{ item: 'W1', value: 2 }], ACTOR);
    expect(signedOffReport(db).ratings['W1']!.reasons!.weightedKappa).toEqual({
      kind: 'does-not-apply',
      why: 'weighted kappa compares exactly two coders; with 3 coders see the ICCs',
    });
  });
});

describe('choosing coders and recordings', () => {
  it('by default takes every coder who coded a chosen recording, and not one who coded nothing', () => {
    const study = setupStudy(['C01', 'C02', 'C09']);
    mark(study.db, 'D01-S01', 'C01', 'W1', [0]);
    mark(study.db, 'D01-S02', 'C02', 'W1', [0]);
    expect(signedOffReport(study.db).coders).toEqual(['C01', 'C02']);
  });

  it('by default leaves out a consensus coding, which is started from another coder’s; named, it is compared', () => {
    const study = setupStudy(['C01', 'C02']);
    addTestCoder(study, 'L01', 'lead');
    mark(study.db, 'D01-S01', 'C01', 'W1', [0, 1]);
    mark(study.db, 'D01-S01', 'C02', 'W1', [0]);
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    expect(signedOffReport(study.db).coders).toEqual(['C01', 'C02']);
    expect(signedOffReport(study.db, { coders: ['C02', 'CONSENSUS'] }).coders).toEqual(['C02', 'CONSENSUS']);
  });

  it('names unknown coders and recordings', () => {
    const db = twoCoders();
    expect(() => signedOffReport(db, { coders: ['C01', 'C07', 'X1'] })).toThrow(/No coder "C07", "X1" in this study\. Known coders: C01, C02\./);
    expect(() => signedOffReport(db, { recordings: ['D01-S01', 'D99-S09'] })).toThrow(/No recording "D99-S09" in this study/);
  });

  it('needs two or more coders', () => {
    const db = setup();
    mark(db, 'D01-S01', 'C01', 'W1', [0]);
    expect(() => signedOffReport(db)).toThrow(
      'Reliability compares two or more coders, but only C01 has completed a coding of the chosen recordings on their own. Code them with a second coder first.',
    );
    expect(() => signedOffReport(db, { coders: ['C01', 'C01'] })).toThrow(/choose at least two/);
  });

  it('with only a coder and a consensus, says the consensus can be compared by choosing it', () => {
    const study = setupStudy(['C01']);
    addTestCoder(study, 'L01', 'lead');
    mark(study.db, 'D01-S01', 'C01', 'W1', [0]);
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    expect(() => signedOffReport(study.db)).toThrow(
      'Reliability compares two or more coders, but only C01 has completed a coding of the chosen recordings on their own. Code them with a second coder first, or choose CONSENSUS by name to compare with a consensus coding (left out by default, as it is started from another coder’s).',
    );
    expect(signedOffReport(study.db, { coders: ['C01', 'CONSENSUS'] }).coders).toEqual(['C01', 'CONSENSUS']);
  });

  it('refuses an unknown check-minus setting', () => {
    expect(() => signedOffReport(twoCoders(), { checkMinus: 'maybe' as 'present' })).toThrow(/must be "present" or "absent" \(got "maybe"\)/);
    // Whatever was sent is named as it is, not as [object Object].
    expect(() => signedOffReport(twoCoders(), { checkMinus: { absent: true } as unknown as 'present' })).toThrow(/\(got \{"absent":true\}\)\.$/);
  });
});

describe('the JSON form', () => {
  it('has the issue’s shape, with each null statistic’s reason beside it and never NaN', () => {
    const json = reliabilityJson(signedOffReport(twoCoders()));
    expect(Object.keys(json)).toEqual(['segments', 'sessionCounts', 'ratings', 'unfinished']);
    expect(Object.keys(json.segments)).toEqual([
      ...['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'],
      ...['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10'],
      ...['withdrawal', 'confrontation', 'resolution', 'rupture'],
    ]);
    expect(Object.keys(json.ratings)).toHaveLength(28);
    expect(Object.keys(json.segments['W1']!)).toEqual([
      'n',
      'percentAgreement',
      'cohenKappa',
      'fleissKappa',
      'fleissKappaReason',
      'gwetAC1',
      'krippendorffAlpha',
      'reason',
    ]);
    expect(json.segments['W1']!['gwetAC1']).toEqual({ value: expect.any(Number), lower: expect.any(Number), upper: expect.any(Number) });
    expect(Object.keys(json.sessionCounts)).toEqual(Object.keys(json.segments));
    expect(Object.keys(json.sessionCounts['withdrawal']!).filter((k) => !k.endsWith('eason'))).toEqual([
      'n',
      'ICC1',
      'ICC2',
      'ICC3',
      'ICC1k',
      'ICC2k',
      'ICC3k',
    ]);
    expect(Object.keys(json.ratings['W1']!)).toEqual(expect.arrayContaining(['weightedKappa', 'gwetAC2', 'krippendorffAlpha']));
    expect(json.ratings['therapist_contribution']).toMatchObject({
      n: 0,
      ICC1: null,
      ICC1Reason: expect.stringMatching(/^too few: an ICC needs at least 2 recordings/),
      reason: expect.stringMatching(/^ICC1: too few: /),
    });
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
        status: 'complete' as const,
        marks: listMarks(db, recording, coder),
        ratings: new Map(Object.entries(getRatings(db, recording, coder))),
      })),
    );
    for (const checkMinus of ['present', 'absent'] as const) {
      expect(reliabilityOf({ scheme, segmentSeconds: 60, minFinalSeconds: 12, coders, recordings, codings }, checkMinus, null)).toEqual(
        signedOffReport(db, { checkMinus, recordings: recordings.map((r) => r.code) }),
      );
    }
  });
});

describe('finished codings by default', () => {
  /** C01 and C02 code both recordings; only D01-S01 is signed off by both, D01-S02 by C01 alone. */
  function partlySignedOff(beforeSignOff: (db: Database) => void = () => {}) {
    const db = twoCoders();
    mark(db, 'D01-S02', 'C01', 'W1', [0, 1]);
    mark(db, 'D01-S02', 'C02', 'W1', [0]);
    beforeSignOff(db);
    db.prepare(
      "UPDATE coding_status SET state = 'complete' WHERE recording_id IN (SELECT id FROM recordings WHERE code = 'D01-S01') OR coder_id = (SELECT id FROM coders WHERE code = 'C01')",
    ).run();
    return db;
  }

  it('compares complete codings only, and lists an unfinished one with its status', () => {
    const report = reliabilityReport(partlySignedOff(), { recordings: ['D01-S01', 'D01-S02'] });
    expect(report.includeUnfinished).toBe(false);
    expect(report.unfinished).toEqual([{ recording: 'D01-S02', coder: 'C02', status: 'in-progress' }]);
    // D01-S02 is left out of the segments: its 5 segments are not compared.
    expect(report.segments['W1']!.n).toBe(10);
    expect(report.notCoded).toEqual([]);
  });

  it('compares an unfinished coding only when it is chosen', () => {
    const report = reliabilityReport(partlySignedOff(), { recordings: ['D01-S01', 'D01-S02'], includeUnfinished: true });
    expect(report.includeUnfinished).toBe(true);
    expect(report.unfinished).toEqual([{ recording: 'D01-S02', coder: 'C02', status: 'in-progress' }]);
    expect(report.segments['W1']!.n).toBe(15);
    expect(reliabilityJson(report).unfinished).toEqual([{ recording: 'D01-S02', coder: 'C02', status: 'in-progress', compared: true }]);
  });

  it('leaves out the ratings of an unfinished coding too', () => {
    const db = partlySignedOff((db) => {
      for (const [recording, coder, value] of [
        ['D01-S01', 'C01', 2],
        ['D01-S01', 'C02', 3],
        ['D01-S02', 'C01', 4],
        ['D01-S02', 'C02', 5],
      ] as const) {
        importRatings(db, recording, coder, [{ item: 'W1', value }], ACTOR);
      }
    });
    const recordings = ['D01-S01', 'D01-S02'];
    expect(reliabilityReport(db, { recordings }).ratings['W1']!.n).toBe(1);
    expect(reliabilityReport(db, { recordings, includeUnfinished: true }).ratings['W1']!.n).toBe(2);
  });

  it('says that unfinished codings were left out when no two coders have a complete one', () => {
    const db = twoCoders();
    expect(() => reliabilityReport(db)).toThrow(
      /2 unfinished codings are left out until marked complete; include unfinished codings to compare them as they stand\./,
    );
    expect(reliabilityReport(db, { includeUnfinished: true }).coders).toEqual(['C01', 'C02']);
    // With unfinished codings included, a lone coder is said to have coded, not completed.
    const alone = setup();
    mark(alone, 'D01-S01', 'C01', 'W1', [0]);
    expect(() => reliabilityReport(alone, { includeUnfinished: true })).toThrow(
      /but only C01 has coded the chosen recordings on their own\. Code them with a second coder first\.$/,
    );
  });
});

describe('the default selection is the export’s rule: the coders who share the most recordings', () => {
  it('leaves out a trainee who coded one recording, and compares the two coders over the recordings both coded, never an empty table', () => {
    const study = setupStudy(['C01', 'C02', 'T01']);
    addFakeRecording(study, 'D01-S03', 5 * 60_000);
    for (const recording of ['D01-S01', 'D01-S02', 'D01-S03']) mark(study.db, recording, 'C01', 'W1', [0]);
    for (const recording of ['D01-S02', 'D01-S03']) mark(study.db, recording, 'C02', 'W1', [0]);
    mark(study.db, 'D01-S01', 'T01', 'W1', [0]);
    const report = signedOffReport(study.db);
    expect(report.coders).toEqual(['C01', 'C02']);
    expect(report.recordings).toEqual(['D01-S02', 'D01-S03']);
    expect(report.notCoded).toEqual([]);
    expect(report.segments['W1']!.n).toBe(10);
  });

  it('lists, by default, a recording where one of those coders has an unfinished coding, without comparing it', () => {
    const study = setupStudy(['C01', 'C02']);
    mark(study.db, 'D01-S01', 'C01', 'W1', [0]);
    mark(study.db, 'D01-S01', 'C02', 'W1', [0]);
    study.db.prepare("UPDATE coding_status SET state = 'complete'").run();
    mark(study.db, 'D01-S02', 'C01', 'W1', [0]);
    const report = reliabilityReport(study.db);
    expect(report.recordings).toEqual(['D01-S01', 'D01-S02']);
    expect(report.unfinished).toEqual([{ recording: 'D01-S02', coder: 'C01', status: 'in-progress' }]);
    expect(report.notCoded).toEqual([{ recording: 'D01-S02', coders: ['C02'] }]);
    expect(report.segments['W1']!.n).toBe(10);
  });
});

describe('session-level ICCs: the number of segments per session with each key', () => {
  it('are the six ICCs of the recordings × coders matrix of segment counts (as Eubanks et al. report 3RS reliability)', () => {
    const study = setupStudy();
    addFakeRecording(study, 'D01-S03', 5 * 60_000);
    const { db } = study;
    // Withdrawal segments per session: C01 4, 1, 3 and C02 3, 1, 2 (W1 and W2 in one segment count once).
    mark(db, 'D01-S01', 'C01', 'W1', [0, 1, 2, 3]);
    mark(db, 'D01-S01', 'C01', 'W2', [3]);
    mark(db, 'D01-S01', 'C02', 'W1', [0, 1, 4]);
    mark(db, 'D01-S02', 'C01', 'W6', [2]);
    mark(db, 'D01-S02', 'C02', 'W6', [2]);
    mark(db, 'D01-S03', 'C01', 'W3', [0, 1, 2]);
    mark(db, 'D01-S03', 'C02', 'W3', [1, 2]);
    const report = signedOffReport(db);
    const withdrawal = report.sessionCounts['withdrawal']!;
    const direct = intraclassCorrelations([
      [4, 3],
      [1, 1],
      [3, 2],
    ]);
    expect(withdrawal.n).toBe(3);
    for (const form of ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const) {
      const expected = direct[form];
      if (!expected.ok) throw new Error(expected.reason.why);
      expect(withdrawal[form], form).toEqual({ value: expected.value.value, lower: expected.value.lower, upper: expected.value.upper });
    }
    // W1 per session: C01 4, 0, 0; C02 3, 0, 0.
    const w1 = intraclassCorrelations([
      [4, 3],
      [0, 0],
      [0, 0],
    ]).ICC3;
    if (!w1.ok) throw new Error(w1.reason.why);
    expect(report.sessionCounts['W1']!.ICC3!.value).toBeCloseTo(w1.value.value, 12);
    // Nobody marked a resolution strategy: every count is 0, so the ICCs are undefined, with the reason.
    expect(report.sessionCounts['resolution']).toMatchObject({
      n: 3,
      ICC1: null,
      reasons: { ICC1: { kind: 'not-defined', why: expect.stringMatching(/^every rating is 0/) } },
    });
  });
});

describe("Gwet's AC1/AC2 and Krippendorff's alpha in the report", () => {
  it('each segment entry has AC1 and nominal alpha over absent/present, with their intervals', () => {
    // W1 over D01-S01's 10 segments: both 2, C01 only 2, C02 only 1, neither 5.
    const w1 = signedOffReport(twoCoders()).segments['W1']!;
    const table = [...Array(2).fill([0, 2]), ...Array(3).fill([1, 1]), ...Array(5).fill([2, 0])];
    const ac1 = gwetAC(table, identityWeights(2));
    const alpha = krippendorffAlpha(table, identityWeights(2));
    if (!ac1.ok || !alpha.ok) throw new Error('defined on this table');
    expect(w1.gwetAC1!.value).toBeCloseTo(ac1.value.value, 12);
    expect(w1.gwetAC1!.lower).toBeCloseTo(ac1.value.lower!, 12);
    expect(w1.krippendorffAlpha!.value).toBeCloseTo(alpha.value.value, 12);
    expect(w1.krippendorffAlpha!.upper).toBeCloseTo(alpha.value.upper!, 12);
  });

  it('a code nobody marked has AC1 = 1 (the agreement is real) and alpha not defined, with the reason', () => {
    const r1 = signedOffReport(twoCoders()).segments['R1']!;
    expect(r1.gwetAC1).toEqual({ value: 1, lower: 1, upper: 1 });
    expect(r1.krippendorffAlpha).toBeNull();
    expect(r1.reasons!.krippendorffAlpha).toEqual({
      kind: 'not-defined',
      why: expect.stringMatching(/^no coder marked this code in any of the 10 segments, so no disagreement is expected by chance/),
    });
  });

  it('each rating entry has AC2 with quadratic weights and interval alpha over the whole 1–5 scale', () => {
    const study = setupStudy();
    addFakeRecording(study, 'D02-S01', 60_000);
    const pairs = [
      [3, 4],
      [1, 1],
      [5, 4],
    ];
    ['D01-S01', 'D01-S02', 'D02-S01'].forEach((recording, i) => {
      importRatings(study.db, recording, 'C01', [{ item: 'overall_resolution', value: pairs[i]![0]! }], ACTOR);
      importRatings(study.db, recording, 'C02', [{ item: 'overall_resolution', value: pairs[i]![1]! }], ACTOR);
    });
    const item = signedOffReport(study.db).ratings['overall_resolution']!;
    const counts = countsOf(pairs, [1, 2, 3, 4, 5]);
    const ac2 = gwetAC(counts, quadraticWeights([1, 2, 3, 4, 5]));
    const alpha = krippendorffAlpha(counts, quadraticWeights([1, 2, 3, 4, 5]));
    if (!ac2.ok || !alpha.ok) throw new Error('defined on this table');
    expect(item.gwetAC2).toEqual({ value: ac2.value.value, lower: ac2.value.lower, upper: ac2.value.upper });
    expect(item.krippendorffAlpha).toEqual({ value: alpha.value.value, lower: alpha.value.lower, upper: alpha.value.upper });
  });
});
