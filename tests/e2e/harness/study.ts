// A real encrypted study in a private temp folder, with one recording whose media has been prepared, for
// tests and benchmarks that serve what the app would serve.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareMedia, type PrepareOptions, type PrepareResult } from '../../../electron/core/media/prepare.ts';
import type { MediaContext } from '../../../electron/core/media/sources.ts';
import { closeMediaStore, openMediaStore } from '../../../electron/core/media/store.ts';
import { addRecording } from '../../../electron/core/recordings/add-recording.ts';
import { closeStudy, createStudy } from '../../../electron/core/store/study-file.ts';

export const E2E_PASSPHRASE = 'end to end passphrase';
export const E2E_ACTOR = 'e2e';

export interface StudyWithRecording {
  ctx: MediaContext;
  code: string;
  /** Closes the study and its media file and removes the folder. */
  dispose(): void;
}

/** A new study holding `video` as recording `code`, its media file open. */
export async function studyWithRecording(video: string, code: string): Promise<StudyWithRecording> {
  const dir = mkdtempSync(join(tmpdir(), '3rs-e2e-'));
  const study = createStudy(join(dir, 'e2e.3rs'), E2E_PASSPHRASE, { actor: E2E_ACTOR });
  const ctx: MediaContext = { study, media: openMediaStore(study, E2E_ACTOR) };
  const dispose = () => {
    closeMediaStore(ctx.media);
    closeStudy(study);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await addRecording(study.db, { videoPath: video, code }, E2E_ACTOR);
  } catch (err) {
    dispose();
    throw err;
  }
  return { ctx, code, dispose };
}

/** Prepares the recording's media (proxy when needed, filmstrip, waveform) as the app would. */
export function prepare(s: StudyWithRecording, options: PrepareOptions = {}): Promise<PrepareResult> {
  return prepareMedia(s.ctx, s.code, { actor: E2E_ACTOR, ...options });
}
