import { beforeAll, describe, expect, it } from 'vitest';
import { importMarks } from '../../electron/core/coding/index.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';

const dir = useSharedDir();
let studyPath = '';

const cli = (...args: string[]) =>
  run3rs(['training', studyPath, '--recording', 'D01-S01', '--trainee', 'C03', '--reference', 'GOLD', ...args, ...WITH_PASS], { env: PASS_ENV });

// Five one-minute segments. GOLD has W1 in segment 1 and C2 at 1:10; the trainee has W1 in segment 1
// (check-minus) and again at 2:10. C04 and C05 have only a check-minus each, W2 at 4:10 and W3 at 0:20.
beforeAll(() => {
  const study = makeStudy(dir(), 60);
  studyPath = study.path;
  try {
    addFakeRecording(study, 'D01-S01', 5 * 60_000);
    addTestCoder(study, 'C03');
    addTestCoder(study, 'GOLD');
    addTestCoder(study, 'C04');
    addTestCoder(study, 'C05');
    importMarks(
      study.db,
      'D01-S01',
      'GOLD',
      [
        { code: 'W1', clarity: 'check', timeMs: 10_000 },
        { code: 'C2', clarity: 'check', timeMs: 70_000 },
      ],
      ACTOR,
    );
    importMarks(
      study.db,
      'D01-S01',
      'C03',
      [
        { code: 'W1', clarity: 'check-minus', timeMs: 12_000 },
        { code: 'W1', clarity: 'check', timeMs: 130_000 },
      ],
      ACTOR,
    );
    importMarks(study.db, 'D01-S01', 'C04', [{ code: 'W2', clarity: 'check-minus', timeMs: 250_000 }], ACTOR);
    importMarks(study.db, 'D01-S01', 'C05', [{ code: 'W3', clarity: 'check-minus', timeMs: 20_000 }], ACTOR);
  } finally {
    closeStudy(study);
  }
});

describe('3rs training', () => {
  it('prints the agreement and each disagreement with the times to jump to', async () => {
    const r = await cli();
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Training: C03 against the reference GOLD on D01-S01 \(5 segments of 60 s; a check-minus mark counts as present\)\.$/m);
    expect(r.stdout).toMatch(/^Agreement over all 120 segment × code cells, empty ones included: 118 \(98\.3 %\)\.$/m);
    expect(r.stdout).toMatch(/^Disagreements to review \(2\)$/m);
    expect(r.stdout).toMatch(/^2\s+01:00\s+C2\s+—\s+check\s+—\s+01:10$/m);
    expect(r.stdout).toMatch(/^3\s+02:00\s+W1\s+check\s+—\s+02:10\s+—$/m);
    expect(r.stdout).toMatch(/^1\s+00:00\s+W1\s+check-minus\s+check\s+00:12\s+00:10$/m);
    expect(r.stdout).toMatch(/^W1\s+2\s+1\s+4\/5\s+80\.0 %\s+0\.545 \(few\)$/m);
    // A kappa over fewer than 10 segments says it is based on few.
    expect(r.stdout).toMatch(/^  W1: based on only 5 segments: one segment more or less moves it a lot, so read it as a rough guide$/m);
  });

  it('heads with the agreement where either coding has a code, the share of the reference found and (l. 172–173, over-coding) the share of the trainee’s cells confirmed, overall and by segment', async () => {
    const r = await cli();
    const lines = r.stdout.split('\n');
    expect(lines.slice(1, 5)).toEqual([
      'Agreed where either coding has a code: 1 of 3 (33.3 %).',
      'Reference cells the trainee found: 1 of 2 (50.0 %).',
      'Trainee cells the reference confirms (low when over-coding): 1 of 2 (50.0 %).',
      'Agreement over all 120 segment × code cells, empty ones included: 118 (98.3 %).',
    ]);
    expect(r.stdout).toMatch(/^SEGMENT\s+START\s+AGREED WHERE MARKED\s+REFERENCE FOUND\s+TRAINEE CONFIRMED$/m);
    expect(r.stdout).toMatch(/^1\s+00:00\s+1\/1 \(100\.0 %\)\s+1\/1 \(100\.0 %\)\s+1\/1 \(100\.0 %\)$/m);
    expect(r.stdout).toMatch(/^2\s+01:00\s+0\/1 \(0\.0 %\)\s+0\/1 \(0\.0 %\)\s+n\/a \[1\]$/m);
    expect(r.stdout).toMatch(/^3\s+02:00\s+0\/1 \(0\.0 %\)\s+n\/a \[2\]\s+0\/1 \(0\.0 %\)$/m);
    expect(r.stdout).toMatch(/^4\s+03:00\s+n\/a \[3\]\s+n\/a \[2\]\s+n\/a \[1\]$/m);
    expect(r.stdout).toMatch(/^\[1\] not defined: the trainee marked nothing in this segment, so nothing is over-coded$/m);
    expect(r.stdout).toMatch(/^\[2\] not defined: the reference marked nothing in this segment, so there is nothing to find$/m);
    expect(r.stdout).toMatch(/^\[3\] not defined: neither coding marked anything in this segment$/m);
  });

  it('with only check-minus marks counted absent, says why the figures are not defined and lists those marks as not counted', async () => {
    const r = await run3rs(
      ['training', studyPath, '--recording', 'D01-S01', '--trainee', 'C04', '--reference', 'C05', '--check-minus', 'absent', ...WITH_PASS],
      { env: PASS_ENV },
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      /^Agreed where either coding has a code: not defined: neither coding marked any code with a check \(a check-minus counts as absent\)\.$/m,
    );
    expect(r.stdout).toMatch(
      /^Reference cells the trainee found: not defined: the reference marked no code with a check \(a check-minus counts as absent\), so there is nothing to find\.$/m,
    );
    expect(r.stdout).toMatch(/^No disagreements: the two codings agree in every cell\.$/m);
    expect(r.stdout).not.toMatch(/another clarity/);
    expect(r.stdout).toMatch(/^A check-minus mark, not counted \(2\): the other coding has nothing there, and a check-minus counts as absent$/m);
    expect(r.stdout).toMatch(/^1\s+00:00\s+W3\s+—\s+check-minus\s+—\s+00:20$/m);
    expect(r.stdout).toMatch(/^5\s+04:00\s+W2\s+check-minus\s+—\s+04:10\s+—$/m);
  });

  it('--json gives the whole comparison, and --check-minus absent turns the unclear W1 into a disagreement', async () => {
    const r = await cli('--json', '--check-minus', 'absent');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      percentAgreement: number;
      markedAgreement: object;
      referenceFound: object;
      perSegment: { markedAgreement: object }[];
      disagreements: { segmentIndex: number; code: string; traineeTimesMs: number[] }[];
    };
    expect(json.percentAgreement).toBe(117 / 120);
    expect(json.markedAgreement).toEqual({ count: 0, of: 3, share: 0 });
    expect(json.referenceFound).toEqual({ count: 0, of: 2, share: 0 });
    expect(json.perSegment[4]!.markedAgreement).toEqual({
      count: 0,
      of: 0,
      share: null,
      reason: { kind: 'not-defined', why: 'neither coding marked any code with a check in this segment (a check-minus counts as absent)' },
    });
    expect(json.disagreements.map((d) => [d.segmentIndex, d.code, d.traineeTimesMs])).toEqual([
      [0, 'W1', [12_000]],
      [1, 'C2', []],
      [2, 'W1', [130_000]],
    ]);
  });
});
