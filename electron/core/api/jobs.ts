// Long-running work (hashing, proxies) as jobs the renderer polls: the same in Electron and in the
// browser harness, with no push channel to keep alive. A job's result or error stays readable until
// the job is forgotten or the session closes.

import { randomUUID } from 'node:crypto';
import { AppError, toErrorValue, type ErrorValue } from '../errors.ts';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  stage: string;
  /** 0–100. */
  percent: number;
  etaSeconds: number | null;
}

export interface JobStatus extends JobProgress {
  jobId: string;
  kind: string;
  state: JobState;
  error?: ErrorValue;
}

export interface JobContext {
  report(progress: JobProgress): void;
  signal: AbortSignal;
}

interface Job extends JobStatus {
  controller: AbortController;
}

export interface Jobs {
  start(kind: string, run: (ctx: JobContext) => Promise<unknown>): { jobId: string };
  status(jobId: string): JobStatus;
  cancel(jobId: string): JobStatus;
  /** Cancels everything still running (the study is closing) and forgets every job. */
  cancelAll(): Promise<void>;
}

export function createJobs(): Jobs {
  const jobs = new Map<string, Job>();
  const running = new Set<Promise<void>>();

  const get = (jobId: string): Job => {
    const job = jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', `No job ${jobId}: it finished before the study was locked, or never existed. Start it again.`);
    return job;
  };

  const view = ({ controller: _controller, ...status }: Job): JobStatus => status;

  return {
    start(kind, run) {
      const job: Job = {
        jobId: randomUUID(),
        kind,
        state: 'running',
        stage: 'starting',
        percent: 0,
        etaSeconds: null,
        controller: new AbortController(),
      };
      jobs.set(job.jobId, job);
      const report = (p: JobProgress): void => {
        if (job.state !== 'running') return;
        job.stage = p.stage;
        job.percent = Math.max(0, Math.min(100, p.percent));
        job.etaSeconds = p.etaSeconds;
      };
      const done = run({ report, signal: job.controller.signal }).then(
        () => {
          job.state = 'done';
          job.percent = 100;
          job.etaSeconds = 0;
        },
        (err: unknown) => {
          job.error = toErrorValue(err);
          job.state = job.controller.signal.aborted || job.error.code === 'CANCELLED' ? 'cancelled' : 'failed';
        },
      );
      const tracked = done.finally(() => running.delete(tracked));
      running.add(tracked);
      return { jobId: job.jobId };
    },
    status: (jobId) => view(get(jobId)),
    cancel(jobId) {
      const job = get(jobId);
      if (job.state === 'running') job.controller.abort();
      return view(job);
    },
    async cancelAll() {
      for (const job of jobs.values()) job.controller.abort();
      await Promise.all([...running]);
      jobs.clear();
    },
  };
}
