// Set-up for the review screens' tests: a real encrypted study with two coders' codings of one recording
// and a lead, behind the real api handlers, unlocked through the renderer's own stores as one of them.

import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { completeCoding, importMarks, importRatings, type NewMark } from '../../electron/core/coding/index.ts';
import { App } from '../../src/App.tsx';
import { rateTheRest } from '../helpers/ratings.ts';
import { addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { unlockAs, useTestStudies, type OpenStudy } from './support.ts';

export const RECORDING = 'D01-S01';

/**
 * A 10-minute recording in 2-minute segments (5 columns); coders C01 and C02, lead L01; each coder's marks
 * as given (L01's too, as a reference coding). C01 rated overall_resolution 3, C02 rated it 4. The coders
 * named in `complete` have signed their coding off.
 */
async function openReviewStudy(dir: string, as: string, marks: Record<string, NewMark[]>, complete: readonly string[]): Promise<OpenStudy> {
  const study = makeStudy(dir, 120);
  addFakeRecording(study, RECORDING, 10 * 60_000);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  addTestCoder(study, 'L01', 'lead');
  for (const [coder, list] of Object.entries(marks)) importMarks(study.db, RECORDING, coder, list, coder);
  importRatings(study.db, RECORDING, 'C01', [{ item: 'overall_resolution', value: 3 }], 'C01');
  importRatings(study.db, RECORDING, 'C02', [{ item: 'overall_resolution', value: 4 }], 'C02');
  for (const coder of complete) {
    rateTheRest(study.db, RECORDING, coder);
    completeCoding(study.db, RECORDING, coder, coder);
  }
  return unlockAs(study, as);
}

/** For a review test file: each test opens its own study with `marks`; after it the study is locked and closed. */
export function useReviewStudy(marks: Record<string, NewMark[]>, complete: readonly string[] = []) {
  const studies = useTestStudies(openReviewStudy);
  return {
    /** A fresh folder for the test's own files, removed after it. */
    tempDir: studies.tempDir,
    /** Opens the study as `coder` and shows the whole app, at the study home. */
    async renderAs(coder: string) {
      const { handlers } = await studies.open(coder, marks, complete);
      const user = userEvent.setup();
      render(createElement(App));
      return { user, handlers };
    },
  };
}
