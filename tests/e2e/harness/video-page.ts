// A bare page with one <video>, and the few things a test or benchmark does with it.
import type { Page } from '@playwright/test';
import { mediaUrl, type StationFile } from './station.ts';

/**
 * The page's files: index.html holding a <video> of the recording (no script: the app's CSP forbids inline code).
 * preload="metadata": the player fetches, by range, what it plays and what a seek needs, not the whole file up front.
 */
export function videoPage(code: string): (path: string) => StationFile | null {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>video</title></head>
<body><video id="video" preload="metadata" muted src="${mediaUrl(code)}"></video></body></html>`;
  return (path) => (path === '/' || path === '/index.html' ? { body: html, contentType: 'text/html; charset=utf-8' } : null);
}

/** Resolves with the video's duration in seconds once its metadata is in. */
export function videoDuration(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const video = document.getElementById('video') as HTMLVideoElement;
    if (video.readyState < HTMLMediaElement.HAVE_METADATA) {
      await new Promise<void>((resolve, reject) => {
        video.addEventListener('loadedmetadata', () => resolve(), { once: true });
        video.addEventListener('error', () => reject(new Error(`video error ${video.error?.code}: ${video.error?.message}`)), { once: true });
      });
    }
    return video.duration;
  });
}

/** Starts playback and resolves once the picture has moved. */
export function playVideo(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const video = document.getElementById('video') as HTMLVideoElement;
    await video.play();
    const started = video.currentTime;
    await new Promise<void>((resolve) => {
      const tick = () => (video.currentTime > started ? resolve() : requestAnimationFrame(tick));
      tick();
    });
    return video.currentTime;
  });
}

export interface SeekResult {
  currentTime: number;
  /** From setting currentTime to the `seeked` event, measured in the page. */
  ms: number;
}

/** Seeks and resolves at `seeked`; rejects on a media error. */
export function seekVideo(page: Page, seconds: number): Promise<SeekResult> {
  return page.evaluate(async (target) => {
    const video = document.getElementById('video') as HTMLVideoElement;
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      video.addEventListener('seeked', () => resolve(), { once: true });
      video.addEventListener('error', () => reject(new Error(`video error ${video.error?.code}: ${video.error?.message}`)), { once: true });
      video.currentTime = target;
    });
    return { currentTime: video.currentTime, ms: performance.now() - t0 };
  }, seconds);
}
