// What the player is given for a recording: the original file when Chromium plays it as it is, else the
// decrypted proxy. Both answer byte ranges as streams, for answerRange() in serve.ts.

import { createReadStream, statSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { requireOriginal } from '../recordings/availability.ts';
import { getRecording } from '../recordings/registry.ts';
import type { Study } from '../store/study-file.ts';
import { assetStream, readyAsset } from './assets.ts';
import { directContentType, playability } from './playability.ts';
import type { MediaSource } from './serve.ts';
import type { MediaStore } from './store.ts';

export interface MediaContext {
  study: Study;
  media: MediaStore;
}

/** A file on disk as a media source; its size is read once, when the source is made. */
export function fileSource(path: string, contentType: string): MediaSource {
  const { size } = statSync(path);
  return { size, contentType, open: (start, end) => createReadStream(path, { start, end }) };
}

export function mediaSourceFor(ctx: MediaContext, recordingCode: string): MediaSource {
  const rec = getRecording(ctx.study.db, recordingCode);
  const mode = playability(rec);
  if (mode === 'none') {
    throw new AppError(
      'NOT_MEDIA',
      `${rec.code} cannot be played: ffmpeg knows none of the formats of its streams (${rec.container ?? 'unknown container'}).`,
    );
  }
  if (mode === 'direct') {
    requireOriginal(rec);
    return fileSource(rec.path, directContentType(rec)!);
  }
  const asset = readyAsset(ctx.media, rec, 'proxy', 'playable copy');
  return { size: asset.totalSize, contentType: asset.contentType, open: (start, end) => assetStream(ctx.media, asset, start, end) };
}
