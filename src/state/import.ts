// Adding a recording to the study: hashing the original and making what the player needs, as one job. The
// recording can be coded as soon as it is registered (hashed, probed and playable); its filmstrip and
// waveform are made after, while the coder may already work.

import type { JobStatus } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useJobs } from './jobs.ts';
import { askKey, queryClient } from './queries.ts';
import { useStudy } from './study.ts';

export const IMPORT_JOB = 'import';

/** The import job's stages that come once the recording can be coded: the filmstrip, then the sound's outline. */
const READY_STAGES: readonly string[] = ['thumbnails', 'waveform'];

/** Whether the import has registered its recording, playable: from then on it can be coded while the rest is made. */
export const readyToCode = (status: JobStatus | null): boolean =>
  status !== null && (status.state === 'done' || (status.state === 'running' && READY_STAGES.includes(status.stage)));

export interface ImportForm {
  path: string;
  code: string;
  dyad?: string;
  session?: number;
}

/**
 * Starts the import and follows it. The recordings list is re-read once the recording can be coded, and
 * again when the job ends (its filmstrip and waveform then reach the player if it is open).
 */
export function importRecording(form: ImportForm): Promise<JobStatus | null> {
  const input = {
    path: form.path,
    code: form.code,
    ...(form.dyad ? { dyad: form.dyad } : {}),
    ...(form.session !== undefined ? { session: form.session } : {}),
  };
  let listed = false;
  const stopWatching = useJobs.subscribe((s) => {
    if (listed || !readyToCode(s.jobs[IMPORT_JOB]?.status ?? null)) return;
    listed = true;
    void useStudy.getState().refresh();
  });
  return useJobs
    .getState()
    .run(
      IMPORT_JOB,
      `Adding ${form.code}`,
      () => call('recordings.import', input),
      (status) => {
        if (status.state !== 'done' && !listed) return;
        void useStudy.getState().refresh();
        // The filmstrip and waveform made meanwhile reach the player, if it shows this recording.
        void queryClient.invalidateQueries({ queryKey: askKey('media.info', { recording: form.code }) });
      },
    )
    .finally(stopWatching);
}
