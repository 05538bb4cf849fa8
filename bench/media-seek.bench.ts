// Seek latency as a coder feels it: in headless Chromium, the time from setting currentTime on a 12-minute
// VP9 WebM to its `seeked` event, with every byte served through answerRange on the e2e harness's fake origin.
import { chromium } from '@playwright/test';
import { vp9WebmClip } from '../tests/e2e/harness/clips.ts';
import { CHROMIUM_LAUNCH } from '../tests/e2e/harness/chromium.ts';
import { fileSource } from '../electron/core/media/sources.ts';
import { openStation } from '../tests/e2e/harness/station.ts';
import { playVideo, seekVideo, videoDuration, videoPage } from '../tests/e2e/harness/video-page.ts';
import { type BenchResult, percentile, round } from './types.ts';

const SEEKS = 50;

/** A fixed sequence of positions, so runs compare like with like. */
function positions(duration: number): number[] {
  let state = 0x3a5;
  return Array.from({ length: SEEKS }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state / 2 ** 31) * (duration - 1);
  });
}

export async function mediaSeek(): Promise<BenchResult[]> {
  const source = fileSource(await vp9WebmClip(12 * 60), 'video/webm');
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage();
    const station = await openStation(page, { files: videoPage('BENCH'), media: () => source });
    await page.goto(station.url('/'));
    const duration = await videoDuration(page);
    await playVideo(page);
    const times: number[] = [];
    let worstMiss = 0;
    for (const target of positions(duration)) {
      const { currentTime, ms } = await seekVideo(page, target);
      worstMiss = Math.max(worstMiss, Math.abs(currentTime - target));
      times.push(ms);
    }
    if (station.offOrigin().length > 0) throw new Error(`the page left the fake origin: ${station.offOrigin().join(', ')}`);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    return [
      { name: `seek → seeked p50 (${SEEKS} seeks, 12 min VP9, Chromium)`, value: round(p50, 1), unit: 'ms', goal: '—', ok: true },
      { name: `seek → seeked p95 (${SEEKS} seeks, 12 min VP9, Chromium)`, value: round(p95, 1), unit: 'ms', goal: '< 150 ms', ok: p95 < 150 },
      { name: 'seek landing error, worst of the seeks', value: round(worstMiss, 3), unit: 's', goal: '< 0.5 s', ok: worstMiss < 0.5 },
    ];
  } finally {
    await browser.close();
  }
}
