// Long work the core runs as jobs (import, playable copies, relink, export, locating videos): started by a
// channel that answers with a job id at once; the core then pushes the job's progress and its end
// (`job.changed`), the end with its kind's result. Each job is kept under a key naming what it is for, so the
// screen that started it finds it again.

import { create } from 'zustand';
import type { ErrorValue, JobStatus, Result } from '../../electron/core/api/contract.ts';
import { call, onEvent } from '../api.ts';
import { onStudyReset } from './study.ts';

export interface TrackedJob {
  /** What the job is doing, for the screen: "Importing D014-S05". */
  label: string;
  jobId: string | null;
  status: JobStatus | null;
  /** The job could not start, or its state could not be read. */
  error: ErrorValue | null;
}

export interface JobsState {
  jobs: Record<string, TrackedJob>;
  /**
   * Starts a job under `key` and follows it; `onEnd` runs once when it is done, failed or cancelled.
   * Resolves with the final status, the result in it when done (null if it never started or the study locked first).
   */
  run(key: string, label: string, start: () => Promise<Result<{ jobId: string }>>, onEnd?: (status: JobStatus) => void): Promise<JobStatus | null>;
  cancel(key: string): Promise<void>;
  dismiss(key: string): void;
  reset(): void;
}

export const useJobs = create<JobsState>()((set, get) => {
  // The runs waiting for their job's end, by job id; a lock or a dismissal ends the wait with null.
  const waiting = new Map<string, (end: JobStatus | null) => void>();
  const update = (key: string, patch: Partial<TrackedJob>) =>
    set((s) => (s.jobs[key] ? { jobs: { ...s.jobs, [key]: { ...s.jobs[key], ...patch } } } : s));
  const stopWaiting = (jobId: string | null | undefined, end: JobStatus | null): void => {
    if (!jobId) return;
    const resolve = waiting.get(jobId);
    waiting.delete(jobId);
    resolve?.(end);
  };

  /** What the core said of a job, pushed or read: an end is final, so a progress that comes after it is not painted over it. */
  const heard = (key: string, status: JobStatus): void => {
    const job = get().jobs[key];
    if (job?.jobId !== status.jobId || (job.status && job.status.state !== 'running')) return;
    update(key, { status });
    if (status.state !== 'running') stopWaiting(status.jobId, status);
  };

  return {
    jobs: {},

    async run(key, label, start, onEnd) {
      set((s) => ({ jobs: { ...s.jobs, [key]: { label, jobId: null, status: null, error: null } } }));
      const started = await start();
      if (!get().jobs[key]) return null; // the study locked meanwhile
      if (!started.ok) {
        update(key, { error: started.error });
        return null;
      }
      const { jobId } = started.value;
      update(key, { jobId });
      const ended = new Promise<JobStatus | null>((resolve) => waiting.set(jobId, resolve));
      const stop = onEvent('job.changed', (status) => {
        if (status.jobId === jobId) heard(key, status);
        return null;
      });
      // Read once: what was pushed before the page knew the job's id (a job that ends at once) is not lost.
      const now = await call('jobs.status', { jobId });
      if (now.ok) heard(key, now.value);
      else if (get().jobs[key]?.jobId === jobId) {
        update(key, { error: now.error });
        stopWaiting(jobId, null);
      }
      const end = await ended;
      stop();
      if (end) onEnd?.(end);
      return end;
    },

    async cancel(key) {
      const jobId = get().jobs[key]?.jobId;
      if (!jobId) return;
      const answer = await call('jobs.cancel', { jobId });
      if (!answer.ok) update(key, { error: answer.error });
    },

    dismiss(key) {
      stopWaiting(get().jobs[key]?.jobId, null);
      set((s) => {
        const { [key]: _gone, ...rest } = s.jobs;
        return { jobs: rest };
      });
    },

    reset() {
      for (const jobId of [...waiting.keys()]) stopWaiting(jobId, null);
      set({ jobs: {} });
    },
  };
});

onStudyReset(() => useJobs.getState().reset());
