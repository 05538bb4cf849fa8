// The filmstrip: one small JPEG every N seconds, stored as one asset (the pictures end to end) with
// their offsets, so one picture is one small byte range.

import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import { getRecording, type Recording } from '../recordings/registry.ts';
import { readAssetBytes, readyAsset, writeAsset, type Asset } from './assets.ts';
import { runTool } from './ffmpeg.ts';
import { runFfmpeg } from './ffmpeg-job.ts';
import type { MediaStore } from './store.ts';

export const THUMBNAIL_WIDTH = 160;

export interface ThumbnailStrip {
  everySeconds: number;
  count: number;
  width: number;
  height: number;
}

interface ThumbnailParams extends ThumbnailStrip {
  /** count + 1 byte offsets: picture i is bytes offsets[i] .. offsets[i + 1] − 1. */
  offsets: number[];
}

export interface ThumbnailJob {
  /** The video to take pictures from: the proxy when one was just made (small, quick to decode), else the original. */
  source: string;
  /** A private folder of the job; the pictures are deleted from it as soon as they are stored. */
  dir: string;
  everySeconds: number;
  task: string;
  signal?: AbortSignal | undefined;
  onFraction(fraction: number): void;
}

async function pictureSize(file: string): Promise<{ width: number; height: number }> {
  const { stdout } = await runTool('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', '-i', file]);
  const [width, height] = stdout.trim().split(',').map(Number);
  return { width: width ?? 0, height: height ?? 0 };
}

/** Makes the pictures with ffmpeg and stores them; returns how many. */
export async function prepareThumbnails(media: MediaStore, rec: Recording, job: ThumbnailJob): Promise<ThumbnailStrip> {
  const dir = join(job.dir, 'thumbnails');
  await mkdir(dir, { mode: 0o700 });
  const n = job.everySeconds;
  // The first frame at or after 0, N, 2N … s: exactly one picture per started interval of the video.
  const filter = `select='gte(t,selected_n*${n})',scale=w=${THUMBNAIL_WIDTH}:h='2*trunc(${THUMBNAIL_WIDTH}*ih/(iw*sar)/2)',setsar=1`;
  await runFfmpeg({
    args: ['-i', job.source, '-map', '0:v:0', '-an', '-sn', '-dn', '-vf', filter, '-vsync', 'vfr', '-q:v', '5', '-f', 'image2', join(dir, 'thumb-%06d.jpg')],
    task: job.task,
    signal: job.signal,
    progress: { durationMs: rec.durationMs, onFraction: job.onFraction },
  });
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jpg')).sort();
  if (files.length === 0) throw new AppError('MEDIA_FAILED', `${job.task[0]!.toUpperCase()}${job.task.slice(1)} failed: ffmpeg found no picture in the video.`);
  const { width, height } = await pictureSize(join(dir, files[0]!));
  const offsets = [0];
  async function* pictures(): AsyncGenerator<Buffer> {
    for (const file of files) {
      const jpeg = await readFile(join(dir, file));
      await unlink(join(dir, file));
      offsets.push(offsets.at(-1)! + jpeg.length);
      yield jpeg;
    }
  }
  const strip: ThumbnailStrip = { everySeconds: n, count: files.length, width, height };
  // writeAsset saves the params after the last picture, when the offsets are complete.
  const params: ThumbnailParams = { ...strip, offsets };
  await writeAsset(media, { recordingSha256: rec.sha256, kind: 'thumbs', contentType: 'image/jpeg', params }, pictures());
  return strip;
}

function thumbnailAsset(media: MediaStore, code: string): { rec: Recording; asset: Asset; params: ThumbnailParams } {
  const rec = getRecording(media.study.db, code);
  if (rec.videoCodec === null) throw new AppError('NOT_MEDIA', `${code} is audio only: it has no pictures for a filmstrip.`);
  const asset = readyAsset(media, rec, 'thumbs', 'filmstrip');
  return { rec, asset, params: asset.params as unknown as ThumbnailParams };
}

export function readThumbnails(media: MediaStore, code: string): ThumbnailStrip {
  const { everySeconds, count, width, height } = thumbnailAsset(media, code).params;
  return { everySeconds, count, width, height };
}

/** Picture `index` (0 = the start of the recording) as JPEG bytes. */
export function readThumbnail(media: MediaStore, code: string, index: number): Buffer {
  const { asset, params } = thumbnailAsset(media, code);
  if (!Number.isInteger(index) || index < 0 || index >= params.count) {
    throw new AppError('INVALID_INPUT', `${code} has ${params.count} filmstrip pictures (0 to ${params.count - 1}); there is no picture ${index}.`);
  }
  return readAssetBytes(media, asset, params.offsets[index]!, params.offsets[index + 1]! - 1);
}
