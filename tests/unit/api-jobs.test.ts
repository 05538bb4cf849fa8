import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createJobs } from '../../electron/core/api/jobs.ts';
import { AppError } from '../../electron/core/errors.ts';

async function settle(jobs: ReturnType<typeof createJobs>, jobId: string) {
  for (let i = 0; i < 100; i++) {
    const s = jobs.status(jobId);
    if (s.state !== 'running') return s;
    await sleep(5);
  }
  throw new Error('job never settled');
}

describe('jobs', () => {
  it('report progress while running and 100 % when done', async () => {
    const jobs = createJobs();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { jobId } = jobs.start('hash', async ({ report }) => {
      report({ stage: 'hashing', percent: 40, etaSeconds: 3 });
      await gate;
    });
    await sleep(1);
    expect(jobs.status(jobId)).toMatchObject({ kind: 'hash', state: 'running', stage: 'hashing', percent: 40, etaSeconds: 3 });
    release();
    expect(await settle(jobs, jobId)).toMatchObject({ state: 'done', percent: 100 });
  });

  it('a failing job keeps its error as a value with the core’s message', async () => {
    const jobs = createJobs();
    const { jobId } = jobs.start('import', async () => {
      throw new AppError('NOT_MEDIA', 'not a video');
    });
    expect(await settle(jobs, jobId)).toMatchObject({ state: 'failed', error: { code: 'NOT_MEDIA', message: 'not a video' } });
  });

  it('cancel aborts the job’s signal and it ends as cancelled', async () => {
    const jobs = createJobs();
    const { jobId } = jobs.start(
      'proxy',
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    jobs.cancel(jobId);
    expect(await settle(jobs, jobId)).toMatchObject({ state: 'cancelled' });
  });

  it('cancelAll waits for running jobs and forgets them', async () => {
    const jobs = createJobs();
    const { jobId } = jobs.start(
      'proxy',
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    await jobs.cancelAll();
    expect(() => jobs.status(jobId)).toThrow(/No job/);
  });
});
