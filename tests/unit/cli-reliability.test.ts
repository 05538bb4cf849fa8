import { beforeAll, describe, expect, it } from 'vitest';
import { importMarks, importRatings } from '../../electron/core/coding/index.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';

const dir = useSharedDir();
const STUDY = 'fiabilité.3rs';
let studyPath = '';

const cli = (...args: string[]) => run3rs(['reliability', studyPath, ...args, ...WITH_PASS], { env: PASS_ENV });

/** One line on stderr, naming the problem, and no stack trace. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(/^3rs: .*\n$/);
  expect(stderr).toMatch(pattern);
}

interface Json {
  segments: Record<string, Record<string, unknown>>;
  ratings: Record<string, Record<string, unknown>>;
}

// Two 10-minute recordings in 1-minute segments. C01 and C02 code both; C03 only D01-S01. A third
// recording, D02-S01, is coded by C01 alone. C03 has started D01-S02 but not finished it.
// W1: C01 in segments 0–3, C02 in 0, 1, 4 (κ = 8/23 on D01-S01 alone); W3 in segment 5 is a check for C01
// and a check-minus for C02. overall_resolution is rated on both recordings by C01 and C02.
beforeAll(() => {
  const study = makeStudy(dir(), 60, STUDY);
  studyPath = study.path;
  try {
    for (const code of ['D01-S01', 'D01-S02', 'D02-S01']) addFakeRecording(study, code, 10 * 60_000);
    for (const code of ['C01', 'C02', 'C03']) addTestCoder(study, code);
    const at = (segments: number[], code: string, clarity: 'check' | 'check-minus' = 'check') =>
      segments.map((s) => ({ code, clarity, timeMs: s * 60_000 + 5_000 }));
    importMarks(study.db, 'D01-S01', 'C01', [...at([0, 1, 2, 3], 'W1'), ...at([5], 'W3')], ACTOR);
    importMarks(study.db, 'D01-S01', 'C02', [...at([0, 1, 4], 'W1'), ...at([5], 'W3', 'check-minus')], ACTOR);
    importMarks(study.db, 'D01-S01', 'C03', at([0, 1, 2], 'W1'), ACTOR);
    for (const coder of ['C01', 'C02']) importMarks(study.db, 'D01-S02', coder, at([9], 'R4'), ACTOR);
    importMarks(study.db, 'D02-S01', 'C01', at([0], 'C1'), ACTOR);
    importRatings(study.db, 'D01-S01', 'C01', [{ item: 'overall_resolution', value: 4 }], ACTOR);
    importRatings(study.db, 'D01-S01', 'C02', [{ item: 'overall_resolution', value: 5 }], ACTOR);
    importRatings(study.db, 'D01-S02', 'C01', [{ item: 'overall_resolution', value: 2 }], ACTOR);
    importRatings(study.db, 'D01-S02', 'C02', [{ item: 'overall_resolution', value: 2 }], ACTOR);
    // Every coding is signed off (a fixture: the sign-off's own checks are tested with it) but C03's of D01-S02,
    // started and left unfinished.
    importMarks(study.db, 'D01-S02', 'C03', at([9], 'R4'), ACTOR);
    study.db
      .prepare(
        "UPDATE coding_status SET state = 'complete' WHERE NOT (coder_id = (SELECT id FROM coders WHERE code = 'C03') AND recording_id = (SELECT id FROM recordings WHERE code = 'D01-S02'))",
      )
      .run();
  } finally {
    closeStudy(study);
  }
});

describe('3rs reliability --help', () => {
  it('shows the options and how a null statistic’s reason is named in JSON', async () => {
    const r = await run3rs(['reliability', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Usage: 3rs reliability FILE \[--coders C01,C02\] \[--recordings D01-S01,\.\.\.\] \[--check-minus present\|absent\] \[--include-unfinished\] \[--json\]/,
    );
    expect(r.stdout).toContain('its reason beside it under its name + "Reason", e.g. "cohenKappaReason"');
  });
});

describe('3rs reliability --json', () => {
  it('prints { segments, ratings } with a reason beside each null statistic', async () => {
    const r = await cli('--coders', 'C01,C02', '--recordings', 'D01-S01', '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(r.stdout) as Json;
    expect(Object.keys(json)).toEqual(['segments', 'sessionCounts', 'ratings', 'unfinished']);
    const w1 = json.segments['W1']!;
    expect(Object.keys(w1)).toEqual([
      'n',
      'percentAgreement',
      'cohenKappa',
      'fleissKappa',
      'fleissKappaReason',
      'gwetAC1',
      'krippendorffAlpha',
      'reason',
    ]);
    expect(w1).toMatchObject({
      n: 10,
      percentAgreement: 0.7,
      fleissKappa: null,
      fleissKappaReason: "does not apply: with two coders see Cohen's kappa",
      reason: "fleissKappa: does not apply: with two coders see Cohen's kappa",
    });
    expect(Math.abs((w1['cohenKappa'] as number) - 8 / 23)).toBeLessThan(1e-12);
    expect(json.segments['R1']).toMatchObject({
      cohenKappa: null,
      cohenKappaReason: expect.stringMatching(/^not defined: no coder marked this code in any of the 10 segments/),
    });
    expect(json.ratings['overall_resolution']).toMatchObject({
      n: 1,
      ICC1: null,
      ICC1Reason: expect.stringMatching(/^too few: an ICC needs at least 2 recordings/),
      weightedKappa: null,
      reason: expect.stringMatching(/^ICC1: too few: an ICC needs at least 2 recordings.*; weightedKappa: too few: /),
    });
  });

  it('gives each ICC as { value, lower, upper } once two recordings are rated', async () => {
    const json = JSON.parse((await cli('--coders', 'C01,C02', '--recordings', 'D01-S01,D01-S02', '--json')).stdout) as Json;
    const item = json.ratings['overall_resolution']!;
    expect(item['n']).toBe(2);
    for (const form of ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k']) {
      expect(Object.keys(item[form] as object), form).toEqual(['value', 'lower', 'upper']);
    }
    expect(item['weightedKappa']).toEqual(expect.any(Number));
  });

  it('--check-minus absent stops the unclear W3 mark from counting', async () => {
    const args = ['--coders', 'C01,C02', '--recordings', 'D01-S01', '--json'];
    const present = JSON.parse((await cli(...args, '--check-minus', 'present')).stdout) as Json;
    const absent = JSON.parse((await cli(...args, '--check-minus', 'absent')).stdout) as Json;
    expect(present.segments['W3']).toMatchObject({ percentAgreement: 1, cohenKappa: 1 });
    expect(absent.segments['W3']).toMatchObject({ percentAgreement: 0.9, cohenKappa: 0 });
  });

  it('by default compares the two coders who share the most complete codings, over the recordings both coded', async () => {
    const r = await cli('--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const w1 = (JSON.parse(r.stdout) as Json).segments['W1']!;
    expect(w1).toMatchObject({ n: 20, fleissKappa: null });
  });

  it('with three coders named, notes on stderr a recording left out and an unfinished coding not compared', async () => {
    const r = await cli('--coders', 'C01,C02,C03', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        '3rs: note: D02-S01 is left out of the segment statistics: no coding by C02, C03.',
        '3rs: note: D01-S02 by C03 is not compared: the coding is in-progress, not complete (--include-unfinished compares it).',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(r.stdout) as Json & { unfinished: unknown[] };
    expect(json.segments['W1']).toMatchObject({ n: 10, cohenKappa: null, fleissKappa: 0.55 });
    expect(json.unfinished).toEqual([{ recording: 'D01-S02', coder: 'C03', status: 'in-progress', compared: false }]);
  });

  it('--include-unfinished compares the unfinished coding as it stands', async () => {
    const r = await cli('--coders', 'C01,C02,C03', '--include-unfinished', '--json');
    expect(r.stderr).toBe('3rs: note: D02-S01 is left out of the segment statistics: no coding by C02, C03.\n');
    const json = JSON.parse(r.stdout) as Json & { unfinished: unknown[] };
    expect(json.segments['W1']!['n']).toBe(20);
    expect(json.unfinished).toEqual([{ recording: 'D01-S02', coder: 'C03', status: 'in-progress', compared: true }]);
  });

  it('gives gwetAC1 and krippendorffAlpha on each segment entry, gwetAC2 and krippendorffAlpha on each rating entry, and sessionCounts with the six ICCs', async () => {
    const json = JSON.parse((await cli('--coders', 'C01,C02', '--recordings', 'D01-S01,D01-S02', '--json')).stdout) as Json & {
      sessionCounts: Record<string, Record<string, unknown>>;
    };
    expect(json.segments['W1']!['gwetAC1']).toEqual({ value: expect.any(Number), lower: expect.any(Number), upper: expect.any(Number) });
    expect(json.segments['W1']!['krippendorffAlpha']).toEqual({ value: expect.any(Number), lower: expect.any(Number), upper: expect.any(Number) });
    expect(json.ratings['overall_resolution']!['gwetAC2']).toEqual({
      value: expect.any(Number),
      lower: expect.any(Number),
      upper: expect.any(Number),
    });
    expect(Object.keys(json.ratings['overall_resolution']!)).toContain('krippendorffAlpha');
    // W1 segments per session: C01 4 and 0, C02 3 and 0.
    const w1 = json.sessionCounts['W1']!;
    expect(w1['n']).toBe(2);
    for (const form of ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'])
      expect(Object.keys(w1[form] as object), form).toEqual(['value', 'lower', 'upper']);
  });
});

describe('3rs reliability (table)', () => {
  it('prints the segment table, the rating tables and footnotes for what is n/a', async () => {
    const r = await cli('--coders', 'C01,C02', '--recordings', 'D01-S01,D01-S02');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const out = r.stdout;
    expect(out).toMatch(/^Reliability of C01, C02 over 2 recordings \(D01-S01, D01-S02\); a check-minus mark counts as present\./);
    expect(out).toMatch(/^KEY\s+n\s+% agreement\s+Cohen κ\s+Fleiss κ\s+Gwet AC1\s+Krippendorff α$/m);
    expect(out).toMatch(/^W1\s+20\s+85\.0 %\s+0\.\d{3}\s+n\/a \[1\]\s+0\.\d{3} \[0\.\d{3}, \d\.\d{3}\]\s+0\.\d{3} \[-?\d\.\d{3}, \d\.\d{3}\]$/m);
    expect(out).toMatch(/^Segments per session with the key/m);
    expect(out).toMatch(/^\[1\] does not apply: with two coders see Cohen's kappa$/m);
    expect(out).toMatch(/^W2\s+20\s+100\.0 %\s+n\/a \[2\]\s+n\/a \[1\]\s+1\.000 \[1\.000, 1\.000\]\s+n\/a \[\d+\]$/m);
    expect(out).toMatch(/^\[2\] not defined: no coder marked this code in any of the 20 segments/m);
    expect(out).toMatch(/^ITEM\s+n\s+ICC\(1,1\)\s+ICC\(2,1\)\s+ICC\(3,1\)\s+weighted κ\s+Gwet AC2\s+Krippendorff α$/m);
    expect(out).toMatch(/^overall_resolution\s+2\s+-?\d\.\d{3} \[-?\d\.\d{3}, -?\d\.\d{3}\]/m);
    expect(out).toMatch(/^ITEM\s+n\s+ICC\(1,k\)\s+ICC\(2,k\)\s+ICC\(3,k\)$/m);
    expect(out).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe('3rs reliability (table) with three coders', () => {
  it("shows Fleiss' kappa and says how percent agreement is averaged", async () => {
    const r = await cli('--recordings', 'D01-S01');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('% agreement = the share of agreeing coder pairs, averaged over segments');
    expect(r.stdout).toMatch(/^W1\s+10\s+80\.0 %\s+n\/a \[1\]\s+0\.550\s/m);
    expect(r.stdout).toMatch(/^\[1\] does not apply: Cohen's kappa compares exactly two coders; with 3 coders see Fleiss' kappa$/m);
  });
});

describe('3rs reliability with bad input', () => {
  it('needs two or more coders', async () => {
    const r = await cli('--coders', 'C01');
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /--coders needs at least two coders to compare/);
  });

  it('names unknown coders and recordings', async () => {
    const coders = await cli('--coders', 'C01,C77,C88');
    expect(coders.code).toBe(2);
    expectOneLineError(coders.stderr, /No coder "C77", "C88" in this study\. Known coders: C01, C02, C03\. \(NOT_FOUND\)/);
    const recordings = await cli('--recordings', 'D01-S01,D09-S09');
    expect(recordings.code).toBe(2);
    expectOneLineError(recordings.stderr, /No recording "D09-S09" in this study/);
  });

  it('refuses a check-minus setting other than present or absent', async () => {
    const r = await cli('--check-minus', 'sometimes');
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /--check-minus must be "present" or "absent" \(got "sometimes"\)/);
  });

  it('explains when only one coder has coded the chosen recordings', async () => {
    const r = await cli('--recordings', 'D02-S01');
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /two or more coders, but only C01 has completed a coding of the chosen recordings/);
  });

  it('prints a left-out recording in the table header', async () => {
    const r = await cli('--coders', 'C01,C02');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Left out of the segment comparison, not coded by every chosen coder: 1 of the 3 recordings. C02 has not coded D02-S01.',
    );
  });

  it('names the left-out recordings per coder, the coder missing most first', async () => {
    const r = await cli('--coders', 'C01,C02,C03');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Left out of the segment comparison, not coded by every chosen coder: 1 of the 3 recordings. C02 has not coded D02-S01. C03 has not coded D02-S01.',
    );
    expect(r.stdout).toContain(
      'Unfinished codings left out, as only complete codings are compared (add --include-unfinished to compare them): D01-S02 by C03 (in-progress).',
    );
  });
});
