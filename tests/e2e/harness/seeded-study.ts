// A study made through the window's own core (as the screens would make it) with one imported recording,
// for benchmarks and `npm run app:browser`, which start from a study rather than from the create form.

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import type { ApiHandlers } from '../../../electron/core/api/handlers.ts';
import type { Result } from '../../../electron/core/errors.ts';
import { vp9WebmClip } from './clips.ts';

export const SEEDED_PASSPHRASE = 'a study to look at';
export const SEEDED_CODER = { code: 'C01', name: 'First Coder' };

export interface SeededStudy {
  path: string;
  passphrase: string;
  coder: string;
  recording: string;
  /** The imported original (a copy of the generated clip inside the study's folder). */
  video: string;
}

export interface SeedOptions {
  /** Folder for the study and its recording. */
  dir: string;
  segmentSeconds: number;
  /** Length of the generated VP9/Opus clip. */
  clipSeconds: number;
  recording?: string;
}

function value<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Creates the study in `handlers`' session and imports the clip, waiting for the import job to end. */
export async function seedStudy(handlers: ApiHandlers, options: SeedOptions): Promise<SeededStudy> {
  const recording = options.recording ?? 'D01-S01';
  const video = join(options.dir, `${recording.toLowerCase()}.webm`);
  copyFileSync(await vp9WebmClip(options.clipSeconds), video);
  const path = join(options.dir, 'study.3rs');
  value(
    await handlers['study.create']({ path, passphrase: SEEDED_PASSPHRASE, segmentSeconds: options.segmentSeconds, coder: SEEDED_CODER }),
    'creating the study',
  );
  const { jobId } = value(await handlers['recordings.import']({ path: video, code: recording }), 'starting the import');
  for (;;) {
    const status = value(await handlers['jobs.status']({ jobId }), 'reading the import job');
    if (status.state === 'done') break;
    if (status.state !== 'running') throw new Error(`the import ended ${status.state}: ${status.error?.message ?? ''}`);
    await sleep(100);
  }
  return { path, passphrase: SEEDED_PASSPHRASE, coder: SEEDED_CODER.code, recording, video };
}

/** From the unlock screen to the coding screen of the seeded recording, its video loaded. */
export async function openCodingScreen(page: Page, study: SeededStudy): Promise<void> {
  await page.getByLabel('Study file').fill(study.path);
  await page.getByLabel('Passphrase').fill(study.passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: new RegExp(`^${study.coder} `) }).click();
  await page
    .getByRole('row', { name: new RegExp(study.recording) })
    .getByRole('button', { name: 'Open' })
    .click();
  await page.getByRole('button', { name: /Start coding|Code this session/ }).click();
  await page.getByRole('table', { name: `Scoresheet of ${study.recording}` }).waitFor();
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= HTMLMediaElement.HAVE_CURRENT_DATA);
}
