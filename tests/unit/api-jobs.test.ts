import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJobs, PUSH_EVERY_MS, type JobStatus } from '../../electron/core/api/jobs.ts';
import { AppError } from '../../electron/core/errors.ts';

const RELINKED = { recording: 'D01-S01' };

async function settle(jobs: ReturnType<typeof createJobs>, jobId: string) {
  for (let i = 0; i < 100; i++) {
    const s = jobs.status(jobId);
    if (s.state !== 'running') return s;
    await sleep(5);
  }
  throw new Error('job never settled');
}

/** A job that runs until released, and the release. */
function gate(): { wait: Promise<void>; release: () => void } {
  let release!: () => void;
  const wait = new Promise<void>((r) => (release = r));
  return { wait, release };
}

const untilAborted = ({ signal }: { signal: AbortSignal }) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

describe('jobs', () => {
  afterEach(() => vi.useRealTimers());

  it('report progress while running, and 100 % with their kind’s result when done', async () => {
    const jobs = createJobs();
    const { wait, release } = gate();
    const { jobId } = jobs.start('relink', async ({ report }) => {
      report({ stage: 'hashing', percent: 40, etaSeconds: 3 });
      await wait;
      return RELINKED;
    });
    await sleep(1);
    expect(jobs.status(jobId)).toMatchObject({ kind: 'relink', state: 'running', stage: 'hashing', percent: 40, etaSeconds: 3 });
    release();
    expect(await settle(jobs, jobId)).toEqual({
      jobId,
      kind: 'relink',
      state: 'done',
      stage: 'hashing',
      percent: 100,
      etaSeconds: 0,
      result: RELINKED,
    });
  });

  it('a failing job keeps its error as a value with the core’s message, and no result', async () => {
    const jobs = createJobs();
    const { jobId } = jobs.start('import', async () => {
      throw new AppError('NOT_MEDIA', 'not a video');
    });
    const ended = await settle(jobs, jobId);
    expect(ended).toMatchObject({ state: 'failed', error: { code: 'NOT_MEDIA', message: 'not a video' } });
    expect(ended).not.toHaveProperty('result');
  });

  it('cancel aborts the job’s signal and it ends as cancelled', async () => {
    const jobs = createJobs();
    const { jobId } = jobs.start('prepare', untilAborted);
    jobs.cancel(jobId);
    expect(await settle(jobs, jobId)).toMatchObject({ state: 'cancelled' });
  });

  it('cancelAll waits for running jobs and forgets them', async () => {
    const jobs = createJobs();
    const { jobId } = jobs.start('prepare', untilAborted);
    await jobs.cancelAll();
    expect(() => jobs.status(jobId)).toThrow(/No job/);
  });
});

describe('jobs pushed to the page', () => {
  afterEach(() => vi.useRealTimers());

  it('push a burst of progress at most every PUSH_EVERY_MS, the latest of it last, and the end at once with its result', async () => {
    vi.useFakeTimers();
    const pushed: JobStatus[] = [];
    const jobs = createJobs((status) => pushed.push(status));
    const { wait, release } = gate();
    jobs.start('relink', async ({ report }) => {
      for (let i = 1; i <= 100; i++) report({ stage: 'hashing', percent: i, etaSeconds: null });
      await wait;
      return RELINKED;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(pushed.map((s) => s.percent)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(PUSH_EVERY_MS);
    expect(pushed.map((s) => s.percent)).toEqual([1, 100]);
    await vi.advanceTimersByTimeAsync(10 * PUSH_EVERY_MS);
    expect(pushed).toHaveLength(2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(pushed.at(-1)).toMatchObject({ state: 'done', percent: 100, result: RELINKED });
    expect(pushed).toHaveLength(3);
  });

  it('a job that ends before its next progress push is due tells the end, never a later progress', async () => {
    vi.useFakeTimers();
    const pushed: JobStatus[] = [];
    const jobs = createJobs((status) => pushed.push(status));
    jobs.start('relink', async ({ report }) => {
      report({ stage: 'hashing', percent: 10, etaSeconds: null });
      report({ stage: 'hashing', percent: 90, etaSeconds: null });
      await Promise.resolve();
      return RELINKED;
    });
    await vi.advanceTimersByTimeAsync(5 * PUSH_EVERY_MS);
    expect(pushed.map((s) => [s.state, s.percent])).toEqual([
      ['running', 10],
      ['done', 100],
    ]);
  });

  it('a cancelled or failed job is pushed as it ended, so the page need not ask', async () => {
    const pushed: JobStatus[] = [];
    const jobs = createJobs((status) => pushed.push(status));
    const failing = jobs.start('import', async () => {
      throw new AppError('NOT_MEDIA', 'not a video');
    });
    const cancelled = jobs.start('prepare', untilAborted);
    await sleep(1);
    await jobs.cancelAll();
    expect(pushed.find((s) => s.jobId === failing.jobId)).toMatchObject({ state: 'failed', error: { code: 'NOT_MEDIA' } });
    expect(pushed.find((s) => s.jobId === cancelled.jobId)).toMatchObject({ state: 'cancelled' });
  });
});
