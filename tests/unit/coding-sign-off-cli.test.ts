import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { addMark, getCodingState, markSegmentWatched, setRating } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { PASS_ENV, run3rs, WITH_PASS } from '../helpers/cli.ts';
import { rateTheRest } from '../helpers/ratings.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const cli = (...args: string[]) => run3rs([...args, ...WITH_PASS], { env: PASS_ENV });

/** A 10-minute recording in 5-minute segments; C01 marked an R2 before any rupture and watched segment 1; L01 is a lead. */
function studyFile(rated: boolean): string {
  const study = makeStudy(tempDir());
  addFakeRecording(study, 'D01-S01', 600_000);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'L01', 'lead');
  addMark(study.db, 'D01-S01', 'C01', { code: 'R2', clarity: 'check', timeMs: 10_000 }, 'C01');
  markSegmentWatched(study.db, 'D01-S01', 'C01', 0, 'C01');
  if (rated) rateTheRest(study.db, 'D01-S01', 'C01');
  else setRating(study.db, 'D01-S01', 'C01', 'W1', 1, 'C01');
  closeStudy(study);
  return study.path;
}

function inStudy<T>(path: string, read: (db: ReturnType<typeof openStudy>['db']) => T): T {
  const study = openStudy(path, PASSPHRASE);
  try {
    return read(study.db);
  } finally {
    closeStudy(study);
  }
}

const state = (path: string) => inStudy(path, (db) => getCodingState(db, 'D01-S01', 'C01'));
const CODING = ['--recording', 'D01-S01', '--coder', 'C01'];

describe('3rs coding complete', () => {
  it('is refused as the app refuses it while a global rating is missing, and changes nothing', async () => {
    const path = studyFile(false);
    const r = await cli('coding', 'complete', path, ...CODING);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /27 of the global ratings are still missing \(W2, W3, W4, W5, W6 and 22 more\)\. Rate every item, then complete it\. \(CONFLICT\)/,
    );
    expect(state(path)).toBe('in-progress');
  });

  it('lists the open checks and unwatched segments and changes nothing; with --confirm it signs off, audited as the CLI user', async () => {
    const path = studyFile(true);
    const asked = await cli('coding', 'complete', path, ...CODING);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toMatch(/R2 is in segment 1, and no withdrawal or confrontation marker/);
    expect(asked.stdout).toMatch(/Not watched: segment 2\.\nNothing was changed\..*--confirm/);
    expect(state(path)).toBe('in-progress');

    const done = await cli('coding', 'complete', path, ...CODING, '--confirm');
    expect(done).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Signed off D01-S01\/C01 as complete \(3 items still open, as confirmed\)\./),
    });
    expect(state(path)).toBe('complete');
    const entry = inStudy(path, (db) =>
      listAudit(db)
        .filter((e) => e.action === 'coding.complete')
        .pop()!,
    );
    expect(entry.actor).toMatch(/^cli:/);
  });
});

describe('3rs coding reopen', () => {
  it('is a lead’s, named with --as: a coder or an unknown code is refused; the audit names the user and the lead', async () => {
    const path = studyFile(true);
    expect((await cli('coding', 'complete', path, ...CODING, '--confirm')).code).toBe(0);
    const missing = await cli('coding', 'reopen', path, ...CODING);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/missing --as/) });
    const coder = await cli('coding', 'reopen', path, ...CODING, '--as', 'C01');
    expect(coder).toMatchObject({ code: 2, stderr: expect.stringMatching(/C01 is not a lead of this study.*\(FORBIDDEN\)/) });
    expect(state(path)).toBe('complete');

    const lead = await cli('coding', 'reopen', path, ...CODING, '--as', 'L01');
    expect(lead).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reopened D01-S01\/C01/) });
    expect(state(path)).toBe('in-progress');
    const entry = inStudy(path, (db) =>
      listAudit(db)
        .filter((e) => e.action === 'coding.reopen')
        .pop()!,
    );
    expect(entry.actor).toMatch(/^cli:.+ as L01$/);
  });
});

describe('3rs study create --min-final-seconds', () => {
  it('sets the shortest final segment; left out it is a fifth of the segment length, and study info says it', async () => {
    const chosen = join(tempDir(), 'chosen.3rs');
    expect(await cli('study', 'create', chosen, '--segment-seconds', '120', '--min-final-seconds', '10')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/segments of 120 s; a final part under 10 s joins the one before/),
    });
    const byDefault = join(tempDir(), 'default.3rs');
    expect((await cli('study', 'create', byDefault)).code).toBe(0);
    const info = JSON.parse((await cli('study', 'info', byDefault, '--json')).stdout) as { segmentSeconds: number; minFinalSeconds: number };
    expect(info).toMatchObject({ segmentSeconds: 300, minFinalSeconds: 60 });
    expect((await cli('study', 'info', chosen)).stdout).toMatch(/Final part\s+under 10 s joins the previous segment/);
    const tooLong = await cli('study', 'create', join(tempDir(), 'x.3rs'), '--segment-seconds', '60', '--min-final-seconds', '61');
    expect(tooLong).toMatchObject({ code: 2, stderr: expect.stringMatching(/from 0 \(never merge\) to the segment length, 60/) });
  });
});
