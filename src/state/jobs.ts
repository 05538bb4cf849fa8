// Long work the core runs as jobs (import, playable copies, relink): started by a channel that answers
// with a job id at once, then polled for progress until it ends. Each job is kept under a key naming
// what it is for, so the screen that started it finds it again.

import { create } from 'zustand';
import type { ErrorValue, JobStatus, Result } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { onStudyReset } from './study.ts';

/** Four reports a second: smooth enough for a bar, cheap for the core. */
export const POLL_MS = 250;

export interface TrackedJob {
  /** What the job is doing, for the screen: "Importing D014-S05". */
  label: string;
  jobId: string | null;
  status: JobStatus | null;
  /** The job could not start, or its progress could not be read. */
  error: ErrorValue | null;
}

export interface JobsState {
  jobs: Record<string, TrackedJob>;
  /**
   * Starts a job under `key` and follows it; `onEnd` runs once when it is done, failed or cancelled.
   * Resolves with the final status (null if it never started).
   */
  run(key: string, label: string, start: () => Promise<Result<{ jobId: string }>>, onEnd?: (status: JobStatus) => void): Promise<JobStatus | null>;
  cancel(key: string): Promise<void>;
  dismiss(key: string): void;
  reset(): void;
}

const isOver = (status: JobStatus) => status.state !== 'running';

export const useJobs = create<JobsState>()((set, get) => {
  // Bumped on lock: polls of a closed study's jobs stop.
  let epoch = 0;
  const update = (key: string, patch: Partial<TrackedJob>) =>
    set((s) => (s.jobs[key] ? { jobs: { ...s.jobs, [key]: { ...s.jobs[key], ...patch } } } : s));
  const wait = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

  return {
    jobs: {},

    async run(key, label, start, onEnd) {
      const since = epoch;
      set((s) => ({ jobs: { ...s.jobs, [key]: { label, jobId: null, status: null, error: null } } }));
      const started = await start();
      if (since !== epoch) return null;
      if (!started.ok) {
        update(key, { error: started.error });
        return null;
      }
      const { jobId } = started.value;
      update(key, { jobId });
      for (;;) {
        const status = await call('jobs.status', { jobId });
        if (since !== epoch || get().jobs[key]?.jobId !== jobId) return null;
        if (!status.ok) {
          update(key, { error: status.error });
          return null;
        }
        update(key, { status: status.value });
        if (isOver(status.value)) {
          onEnd?.(status.value);
          return status.value;
        }
        await wait();
      }
    },

    async cancel(key) {
      const jobId = get().jobs[key]?.jobId;
      if (!jobId) return;
      const answer = await call('jobs.cancel', { jobId });
      if (!answer.ok) update(key, { error: answer.error });
    },

    dismiss: (key) =>
      set((s) => {
        const { [key]: _gone, ...rest } = s.jobs;
        return { jobs: rest };
      }),

    reset() {
      epoch++;
      set({ jobs: {} });
    },
  };
});

onStudyReset(() => useJobs.getState().reset());
