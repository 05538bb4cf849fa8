import { join } from 'node:path';
import { addCoder } from '../../electron/core/store/coders.ts';
import { insertRecording, type Recording } from '../../electron/core/recordings/registry.ts';
import { createStudy, type Study } from '../../electron/core/store/study-file.ts';

export const PASSPHRASE = 'correct horse battery staple';
/** The passphrase a test changes a study to. */
export const NEW_PASSPHRASE = 'lantern orchard quietly folds';
export const ACTOR = 'test';

export function makeStudy(dir: string, segmentSeconds = 300, name = 'study.3rs'): Study {
  return createStudy(join(dir, name), PASSPHRASE, { segmentSeconds, actor: ACTOR });
}

let fakeHash = 0;

/** A recording row without a real video, for coding tests that only need a duration. */
export function addFakeRecording(study: Study, code: string, durationMs: number): Recording {
  fakeHash++;
  return insertRecording(
    study.db,
    {
      code,
      path: `/nowhere/${code}.mp4`,
      sizeBytes: 1000,
      sha256: fakeHash.toString(16).padStart(64, '0'),
      durationMs,
      container: 'mp4',
      videoCodec: 'h264',
      audioCodec: 'aac',
      fps: 25,
      width: 320,
      height: 240,
    },
    ACTOR,
  );
}

export function addTestCoder(study: Study, code = 'C01', role: 'coder' | 'lead' = 'coder') {
  return addCoder(study.db, { code, name: `Coder ${code}`, role }, ACTOR);
}
