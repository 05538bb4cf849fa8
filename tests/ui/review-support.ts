// Set-up for the review screens' tests: a real encrypted study with two coders' codings of one recording
// and a lead, behind the real api handlers, unlocked through the renderer's own stores as `as`.

import type { ApiHandlers } from '../../electron/core/api/handlers.ts';
import { createApiHandlers } from '../../electron/core/api/handlers.ts';
import { importMarks, importRatings, type NewMark } from '../../electron/core/coding/index.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { useStudy } from '../../src/state/study.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';

export const RECORDING = 'D01-S01';

export interface ReviewStudy {
  handlers: ApiHandlers;
  path: string;
}

/**
 * A 10-minute recording in 2-minute segments (5 columns); coders C01 and C02, lead L01; each coder's marks
 * as given (L01's too, as a reference coding). C01 rated overall_resolution 3, C02 rated it 4.
 */
export async function openReviewStudy(dir: string, as: string, marks: Record<string, NewMark[]>): Promise<ReviewStudy> {
  const study = makeStudy(dir, 120);
  addFakeRecording(study, RECORDING, 10 * 60_000);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  addTestCoder(study, 'L01', 'lead');
  for (const [coder, list] of Object.entries(marks)) importMarks(study.db, RECORDING, coder, list, coder);
  importRatings(study.db, RECORDING, 'C01', [{ item: 'overall_resolution', value: 3 }], 'C01');
  importRatings(study.db, RECORDING, 'C02', [{ item: 'overall_resolution', value: 4 }], 'C02');
  const path = study.path;
  closeStudy(study);

  const handlers = createApiHandlers();
  window.api = handlers;
  if (!(await useStudy.getState().openStudy({ path, passphrase: PASSPHRASE }))) throw new Error(`open failed: ${useStudy.getState().error?.message}`);
  if (!(await useStudy.getState().selectCoder(as))) throw new Error(`select failed: ${useStudy.getState().error?.message}`);
  return { handlers, path };
}

export async function closeReviewStudy(open: ReviewStudy | undefined): Promise<void> {
  await useStudy.getState().lock();
  if (open) await open.handlers['study.close']({});
  localStorage.clear();
}
