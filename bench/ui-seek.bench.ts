// `]` (next segment) → the new segment's first frame painted, in headless Chromium running the built app:
// from the keydown event to the requestVideoFrameCallback of the frame at the segment's start, every byte
// served through the media scheme's own handler (the original WebM, by ranges) as in Electron.
import type { Page } from '@playwright/test';
import { launchApp } from '../tests/e2e/harness/launch.ts';
import { openCodingScreen } from '../tests/e2e/harness/seeded-study.ts';
import { type BenchResult, percentile, round } from './types.ts';

/** 30-second segments on a 12-minute recording: 23 jumps per pass from the first segment to the last. */
const SEGMENT_SECONDS = 30;
const CLIP_SECONDS = 12 * 60;
/** Each pass starts from a reloaded page, so no pass finds the previous one's media in the player's buffer. */
const PASSES = 3;

/**
 * Arms the page to time the next `]` until a frame of `targetSeconds` is presented, then presses it. Resolves
 * with the time from keydown to when the compositor expects that frame on screen (or its callback, if later).
 */
async function timeNextSegment(page: Page, targetSeconds: number): Promise<number> {
  await page.evaluate((target) => {
    const w = window as unknown as { __uiBench?: Promise<number> };
    w.__uiBench = new Promise<number>((resolve, reject) => {
      const video = document.querySelector('video');
      if (!video) return reject(new Error('no video on the coding screen'));
      let t0 = Number.NaN;
      window.addEventListener('keydown', (e) => void (t0 = e.timeStamp), { capture: true, once: true });
      const timeout = setTimeout(() => reject(new Error(`no frame at ${target} s was presented`)), 10_000);
      const next = () =>
        video.requestVideoFrameCallback((now, frame) => {
          // A frame of the segment left behind: wait for the seek's. (The seek's frame is the one at or just
          // before the segment's start: a frame lasts 0.1 s, and the clip's frames sit a few ms off the tenths.)
          if (Math.abs(frame.mediaTime - target) > 0.5) return next();
          clearTimeout(timeout);
          resolve(Math.max(now, frame.expectedDisplayTime) - t0);
        });
      next();
    });
  }, targetSeconds);
  await page.keyboard.press('BracketRight');
  return page.evaluate(() => (window as unknown as { __uiBench: Promise<number> }).__uiBench);
}

export async function uiSeek(): Promise<BenchResult[]> {
  const launched = await launchApp({ headless: true, segmentSeconds: SEGMENT_SECONDS, clipSeconds: CLIP_SECONDS });
  try {
    const { page, app, study } = launched;
    const displayed: number[] = [];
    const segments = Math.ceil(CLIP_SECONDS / SEGMENT_SECONDS);
    for (let pass = 0; pass < PASSES; pass++) {
      if (pass > 0) await page.reload();
      await openCodingScreen(page, study);
      for (let segment = 1; segment < segments; segment++) {
        displayed.push(await timeNextSegment(page, segment * SEGMENT_SECONDS));
      }
    }
    if (app.station.offOrigin().length > 0) throw new Error(`the page left the app: ${app.station.offOrigin().join(', ')}`);
    if (app.problems.length > 0) throw new Error(`the page reported errors: ${app.problems.join('; ')}`);

    const label = `${displayed.length} jumps, ${SEGMENT_SECONDS} s segments, 12 min VP9, Chromium`;
    const p95 = percentile(displayed, 95);
    return [
      { name: `] → next segment's frame painted p50 (${label})`, value: round(percentile(displayed, 50), 1), unit: 'ms', goal: '—', ok: true },
      { name: `] → next segment's frame painted p95 (${label})`, value: round(p95, 1), unit: 'ms', goal: '< 150 ms', ok: p95 < 150 },
    ];
  } finally {
    await launched.close();
  }
}
