// The filmstrip: one small JPEG every N seconds, stored as one asset (the pictures end to end) with
// their offsets, so one picture is one small byte range. ffmpeg writes the pictures to a pipe; each is
// encrypted into the media file as it arrives.

import { z } from 'zod';
import { AppError } from '../errors.ts';
import { getRecording, type Recording } from '../recordings/registry.ts';
import { assetParams, assetStream, readAssetBytes, readyAsset, writeAsset, type Asset } from './assets.ts';
import { ffmpegOutput, type FfmpegJob } from './ffmpeg-job.ts';
import { splitJpegs } from './jpeg-stream.ts';
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

const count = z.number().int().nonnegative();
const StoredThumbnailParams = z
  .object({ everySeconds: z.number().positive(), count, width: count, height: count, offsets: z.array(count) })
  .refine((p) => p.offsets.length === p.count + 1, { message: 'needs one byte offset more than it has pictures', path: ['offsets'] });

/**
 * The video to take pictures from: the proxy just stored (small, quick to decode), fed to ffmpeg decrypted
 * through a pipe (a fragmented MP4 needs no seeking), or else the original file.
 */
export type PictureSource = { original: string } | { proxy: Asset };

export interface ThumbnailJob {
  source: PictureSource;
  everySeconds: number;
  task: string;
  signal?: AbortSignal | undefined;
  onFraction(fraction: number): void;
}

function input(media: MediaStore, source: PictureSource): Pick<FfmpegJob, 'args' | 'input'> {
  if ('original' in source) return { args: ['-i', source.original] };
  return { args: ['-i', 'pipe:0'], input: assetStream(media, source.proxy, 0, source.proxy.totalSize - 1) };
}

/** Makes the pictures with ffmpeg and stores them as they come; returns how many. */
export async function prepareThumbnails(media: MediaStore, rec: Recording, job: ThumbnailJob): Promise<ThumbnailStrip> {
  const n = job.everySeconds;
  // The first frame at or after 0, N, 2N … s: exactly one picture per started interval of the video.
  const filter = `select='gte(t,selected_n*${n})',scale=w=${THUMBNAIL_WIDTH}:h='2*trunc(${THUMBNAIL_WIDTH}*ih/(iw*sar)/2)',setsar=1`;
  const from = input(media, job.source);
  const output = ffmpegOutput({
    ...from,
    args: [
      ...from.args,
      '-map',
      '0:v:0',
      '-an',
      '-sn',
      '-dn',
      '-vf',
      filter,
      '-vsync',
      'vfr',
      '-c:v',
      'mjpeg',
      '-q:v',
      '5',
      '-f',
      'image2pipe',
      'pipe:1',
    ],
    task: job.task,
    signal: job.signal,
    progress: { durationMs: rec.durationMs, onFraction: job.onFraction },
  });
  // writeAsset saves the params after the last picture, when the offsets and the size are known.
  const params: ThumbnailParams = { everySeconds: n, count: 0, width: 0, height: 0, offsets: [0] };
  async function* pictures(): AsyncGenerator<Buffer> {
    for await (const picture of splitJpegs(output)) {
      if (params.count === 0) Object.assign(params, { width: picture.width, height: picture.height });
      params.count++;
      params.offsets.push(params.offsets.at(-1)! + picture.bytes.length);
      yield picture.bytes;
    }
    if (params.count === 0)
      throw new AppError('MEDIA_FAILED', `${job.task[0]!.toUpperCase()}${job.task.slice(1)} failed: ffmpeg found no picture in the video.`);
  }
  await writeAsset(media, { recordingSha256: rec.sha256, kind: 'thumbs', contentType: 'image/jpeg', params }, pictures());
  const { everySeconds, count, width, height } = params;
  return { everySeconds, count, width, height };
}

function thumbnailAsset(media: MediaStore, code: string): { rec: Recording; asset: Asset; params: ThumbnailParams } {
  const rec = getRecording(media.study.db, code);
  if (rec.videoCodec === null) throw new AppError('NOT_MEDIA', `${code} is audio only: it has no pictures for a filmstrip.`);
  const asset = readyAsset(media, rec, 'thumbs', 'filmstrip');
  return { rec, asset, params: assetParams(asset, StoredThumbnailParams, rec, 'filmstrip') satisfies ThumbnailParams };
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
