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
// (check-minus) and again at 2:10.
beforeAll(() => {
  const study = makeStudy(dir(), 60);
  studyPath = study.path;
  try {
    addFakeRecording(study, 'D01-S01', 5 * 60_000);
    addTestCoder(study, 'C03');
    addTestCoder(study, 'GOLD');
    importMarks(study.db, 'D01-S01', 'GOLD', [{ code: 'W1', clarity: 'check', timeMs: 10_000 }, { code: 'C2', clarity: 'check', timeMs: 70_000 }], ACTOR);
    importMarks(study.db, 'D01-S01', 'C03', [{ code: 'W1', clarity: 'check-minus', timeMs: 12_000 }, { code: 'W1', clarity: 'check', timeMs: 130_000 }], ACTOR);
  } finally {
    closeStudy(study);
  }
});

describe('3rs training', () => {
  it('prints the agreement and each disagreement with the times to jump to', async () => {
    const r = await cli();
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Training: C03 against the reference GOLD on D01-S01 \(5 segments of 60 s; a check-minus mark counts as present\)\.$/m);
    expect(r.stdout).toMatch(/^Agreement: 118 of 120 segment × code cells \(98\.3 %\)\.$/m);
    expect(r.stdout).toMatch(/^Disagreements to review \(2\)$/m);
    expect(r.stdout).toMatch(/^2\s+01:00\s+C2\s+—\s+check\s+—\s+01:10$/m);
    expect(r.stdout).toMatch(/^3\s+02:00\s+W1\s+check\s+—\s+02:10\s+—$/m);
    expect(r.stdout).toMatch(/^1\s+00:00\s+W1\s+check-minus\s+check\s+00:12\s+00:10$/m);
    expect(r.stdout).toMatch(/^W1\s+2\s+1\s+4\/5\s+80\.0 %\s+0\.545$/m);
  });

  it('--json gives the whole comparison, and --check-minus absent turns the unclear W1 into a disagreement', async () => {
    const r = await cli('--json', '--check-minus', 'absent');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { percentAgreement: number; disagreements: { segmentIndex: number; code: string; traineeTimesMs: number[] }[] };
    expect(json.percentAgreement).toBe(117 / 120);
    expect(json.disagreements.map((d) => [d.segmentIndex, d.code, d.traineeTimesMs])).toEqual([
      [0, 'W1', [12_000]],
      [1, 'C2', []],
      [2, 'W1', [130_000]],
    ]);
  });
});
