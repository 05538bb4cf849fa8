import { fileSource, mediaSourceFor } from '../../electron/core/media/sources.ts';
import { mpeg4AviClip, vp9WebmClip } from './harness/clips.ts';
import { expect, test } from './harness/fixtures.ts';
import type { Station } from './harness/station.ts';
import { prepare, studyWithRecording } from './harness/study.ts';
import { playVideo, seekVideo, videoDuration, videoPage } from './harness/video-page.ts';

const TWELVE_MINUTES = 12 * 60;

/** Every media answer was a byte range, labelled with where it lies in the whole file. */
function expectOnlyRanges(station: Station, size: number): void {
  expect(station.media.length).toBeGreaterThan(0);
  for (const exchange of station.media) {
    expect(exchange.status, `answer to Range: ${exchange.range}`).toBe(206);
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(exchange.headers['Content-Range'] ?? '');
    expect(m, `Content-Range of the answer to ${exchange.range}`).not.toBeNull();
    const [start, end, total] = m!.slice(1).map(Number) as [number, number, number];
    expect(total).toBe(size);
    expect(exchange.bytes).toBe(end - start + 1);
  }
}

/** Where each media request's range starts, in order. */
const rangeStarts = (station: Station): number[] => station.media.map((exchange) => Number(/^bytes=(\d+)-/.exec(exchange.range ?? '')?.[1] ?? 0));

test.describe('seeking in a long recording served by byte ranges', () => {
  test('a 12-minute VP9 WebM plays, and a seek to 80 % lands there', async ({ page, station }) => {
    const clip = await vp9WebmClip(TWELVE_MINUTES);
    const source = fileSource(clip, 'video/webm');
    const served = await station({ files: videoPage('D01-S01'), media: (code) => (code === 'D01-S01' ? source : null) });
    await page.goto(served.url('/'));

    const duration = await videoDuration(page);
    expect(duration).toBeCloseTo(TWELVE_MINUTES, 0);
    expect(await playVideo(page)).toBeGreaterThan(0);

    const target = duration * 0.8;
    const { currentTime } = await seekVideo(page, target);
    expect(Math.abs(currentTime - target)).toBeLessThan(0.5);

    expectOnlyRanges(served, source.size);
  });

  test('a recording Chromium cannot decode (MPEG-4 Part 2 in AVI) plays from its encrypted fragmented proxy: opening reads its head, a seek to 80 % jumps there and lands', async ({
    page,
    station,
  }) => {
    const recording = await studyWithRecording(await mpeg4AviClip(120), 'D02-S01');
    try {
      const prepared = await prepare(recording);
      expect(prepared.proxy).not.toBeNull();
      const source = mediaSourceFor(recording.ctx, 'D02-S01');
      expect(source.contentType).toBe(prepared.proxy!.contentType);
      expect(source.size).toBe(prepared.proxy!.bytes);
      const served = await station({ files: videoPage('D02-S01'), media: (code) => mediaSourceFor(recording.ctx, code) });
      await page.goto(served.url('/'));

      // The copy was written to a pipe as fragments; the index stored at its head gives the duration and the
      // seek points, so opening reads the head only and a seek jumps to the fragment it needs.
      const duration = await videoDuration(page);
      expect(Math.abs(duration - 120)).toBeLessThan(1);
      expect(rangeStarts(served).every((start) => start < source.size / 4)).toBe(true);
      expect(await playVideo(page)).toBeGreaterThan(0);

      const readBefore = served.media.length;
      const target = duration * 0.8;
      const { currentTime } = await seekVideo(page, target);
      expect(Math.abs(currentTime - target)).toBeLessThan(0.5);
      // Playback may still be reading ahead from the start; the seek's own reads jump past the middle.
      expect(
        rangeStarts(served)
          .slice(readBefore)
          .some((start) => start > source.size / 2),
      ).toBe(true);
      expectOnlyRanges(served, source.size);
    } finally {
      recording.dispose();
    }
  });
});
