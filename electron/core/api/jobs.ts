// Long-running work (hashing, proxies, the export, locating videos) as jobs: a channel answers at once with
// the job's id, and the core pushes the job's progress and its end to the page (`job.changed`), so nothing
// polls. A job's status, with its kind's result once done or its error, stays readable with `jobs.status`
// (after a reload, say) until the job is forgotten or the session closes.

import { randomUUID } from 'node:crypto';
import { AppError, toErrorValue, type ErrorValue } from '../errors.ts';
import type { ExportResult } from '../export/index.ts';
import type { PrepareResult } from '../media/prepare.ts';
import type { LocateResult } from '../recordings/locate.ts';

/** What each kind of job answers with once it is done. */
export interface JobResults {
  /** The recording added, and the media made for it. */
  import: { recording: string; media: PrepareResult };
  prepare: PrepareResult;
  relink: { recording: string };
  export: ExportResult;
  locate: LocateResult;
}

export type JobKind = keyof JobResults;

export interface JobProgress {
  stage: string;
  /** 0–100. */
  percent: number;
  etaSeconds: number | null;
}

/** A job of one kind in each of its states: done carries that kind's result; failed or cancelled, why. */
export type JobOf<K extends JobKind> = JobProgress & { jobId: string; kind: K } & (
    { state: 'running' } | { state: 'done'; result: JobResults[K] } | { state: 'failed' | 'cancelled'; error: ErrorValue }
  );

export type JobStatus = { [K in JobKind]: JobOf<K> }[JobKind];

export type JobState = JobStatus['state'];

export interface JobContext {
  report(progress: JobProgress): void;
  signal: AbortSignal;
}

export interface Jobs {
  start<K extends JobKind>(kind: K, run: (ctx: JobContext) => Promise<JobResults[K]>): { jobId: string };
  status(jobId: string): JobStatus;
  cancel(jobId: string): JobStatus;
  /** Cancels everything still running (the study is closing) and forgets every job. */
  cancelAll(): Promise<void>;
}

/** Four pushes a second per job: smooth enough for a progress bar, and a hashing loop reporting per chunk floods nothing. */
export const PUSH_EVERY_MS = 250;

/** `push` tells the page of each change (progress at most every PUSH_EVERY_MS, the end at once); left out, nothing is pushed. */
export function createJobs(push: (status: JobStatus) => void = () => undefined): Jobs {
  const jobs = new Map<string, { status: JobStatus; controller: AbortController }>();
  const running = new Set<Promise<void>>();

  const get = (jobId: string) => {
    const job = jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', `No job ${jobId}: it finished before the study was locked, or never existed. Start it again.`);
    return job;
  };

  return {
    start<K extends JobKind>(kind: K, run: (ctx: JobContext) => Promise<JobResults[K]>) {
      const jobId = randomUUID();
      let status: JobOf<K> = { jobId, kind, state: 'running', stage: 'starting', percent: 0, etaSeconds: null };
      const job = { status: status as JobStatus, controller: new AbortController() };
      const set = (next: JobOf<K>): void => {
        status = next;
        job.status = next as JobStatus;
      };
      jobs.set(jobId, job);

      // Progress comes as often as the work reports it; the page hears the first at once, then the latest every PUSH_EVERY_MS.
      let pushedAt = -Infinity;
      let trailing: ReturnType<typeof setTimeout> | undefined;
      const pushNow = (): void => {
        clearTimeout(trailing);
        trailing = undefined;
        pushedAt = Date.now();
        push(job.status);
      };
      const report = (p: JobProgress): void => {
        if (status.state !== 'running') return;
        set({ ...status, stage: p.stage, percent: Math.max(0, Math.min(100, p.percent)), etaSeconds: p.etaSeconds });
        const wait = pushedAt + PUSH_EVERY_MS - Date.now();
        if (wait <= 0) pushNow();
        else trailing ??= setTimeout(pushNow, wait);
      };

      const done = run({ report, signal: job.controller.signal }).then(
        (result) => set({ jobId, kind, stage: status.stage, state: 'done', percent: 100, etaSeconds: 0, result }),
        (err: unknown) => {
          const error = toErrorValue(err);
          const state = job.controller.signal.aborted || error.code === 'CANCELLED' ? 'cancelled' : 'failed';
          set({ jobId, kind, stage: status.stage, percent: status.percent, etaSeconds: null, state, error });
        },
      );
      const tracked = done.finally(() => {
        pushNow();
        running.delete(tracked);
      });
      running.add(tracked);
      return { jobId };
    },
    status: (jobId) => get(jobId).status,
    cancel(jobId) {
      const job = get(jobId);
      if (job.status.state === 'running') job.controller.abort();
      return job.status;
    },
    async cancelAll() {
      for (const job of jobs.values()) job.controller.abort();
      await Promise.all([...running]);
      jobs.clear();
    },
  };
}
