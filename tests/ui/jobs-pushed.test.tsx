// The page follows a job by what the core pushes (job.changed), reading jobs.status only once: for an end that
// came before the page knew the job's id. Driven through window.api as the preload gives it, with the core's side
// played by the test.

import { afterEach, describe, expect, it } from 'vitest';
import type { Api, JobStatus } from '../../electron/core/api/contract.ts';
import { useJobs } from '../../src/state/jobs.ts';
import { bindApi, pushToPage } from './support.ts';

const running = (percent: number): JobStatus => ({ jobId: 'j1', kind: 'relink', state: 'running', stage: 'hashing', percent, etaSeconds: null });
const done: JobStatus = {
  jobId: 'j1',
  kind: 'relink',
  state: 'done',
  stage: 'hashing',
  percent: 100,
  etaSeconds: 0,
  result: { recording: 'D01-S01' },
};

/** window.api whose job answers `j1` and whose jobs.status says `now`, counting how often it is asked. */
function core(now: JobStatus): { asked: () => number } {
  let asked = 0;
  bindApi();
  window.api = {
    ...window.api,
    'jobs.status': async () => (asked++, { ok: true, value: now }),
  } as Api;
  return { asked: () => asked };
}

const start = async () => ({ ok: true as const, value: { jobId: 'j1' } });

describe('a job followed by the page', () => {
  afterEach(() => useJobs.getState().reset());

  it('that ended before the page knew its id ends with one reading, its result in it', async () => {
    const { asked } = core(done);
    const ended = await useJobs.getState().run('relink', 'Relinking', start);
    expect(ended).toEqual(done);
    expect(useJobs.getState().jobs.relink?.status).toEqual(done);
    expect(asked()).toBe(1);
  });

  it('shows each pushed progress and ends with the pushed end; a progress pushed after the end does not paint over it', async () => {
    const { asked } = core(running(0));
    let ended: JobStatus | null | undefined;
    void useJobs
      .getState()
      .run('relink', 'Relinking', start)
      .then((status) => (ended = status));
    await expect.poll(asked).toBe(1);
    pushToPage('job.changed', running(30));
    expect(useJobs.getState().jobs.relink?.status?.percent).toBe(30);
    pushToPage('job.changed', done);
    pushToPage('job.changed', running(60));
    await expect.poll(() => ended).toEqual(done);
    expect(useJobs.getState().jobs.relink?.status).toEqual(done);
    expect(asked()).toBe(1);
  });

  it('that is still running when the study locks ends with nothing, and nothing of it stays', async () => {
    const { asked } = core(running(10));
    const ended = useJobs.getState().run('relink', 'Relinking', start);
    await expect.poll(asked).toBe(1);
    useJobs.getState().reset();
    expect(await ended).toBeNull();
    expect(useJobs.getState().jobs).toEqual({});
  });
});
