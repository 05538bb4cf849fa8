// Adding a recording to the study: hashing the original and making what the player needs, as one job.

import type { JobStatus } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useJobs } from './jobs.ts';
import { useStudy } from './study.ts';

export const IMPORT_JOB = 'import';

export interface ImportForm {
  path: string;
  code: string;
  dyad?: string;
  session?: number;
}

/** Starts the import and follows it; the recordings list is re-read once it is done. */
export function importRecording(form: ImportForm): Promise<JobStatus | null> {
  const input = {
    path: form.path,
    code: form.code,
    ...(form.dyad ? { dyad: form.dyad } : {}),
    ...(form.session !== undefined ? { session: form.session } : {}),
  };
  return useJobs.getState().run(
    IMPORT_JOB,
    `Adding ${form.code}`,
    () => call('recordings.import', input),
    (status) => {
      if (status.state === 'done') void useStudy.getState().refresh();
    },
  );
}
