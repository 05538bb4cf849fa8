// Preparing a recording's derived media: the playable copy (only when Chromium cannot play the original),
// the filmstrip and the waveform, each encrypted into the media file as soon as it is made.

import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, toErrorValue } from '../errors.ts';
import { formatClock } from '../io/time-format.ts';
import { requireOriginal } from '../recordings/availability.ts';
import { getRecording, type Recording } from '../recordings/registry.ts';
import { recordFailedAsset, writeAsset, type AssetKind } from './assets.ts';
import { ffmpegEncoders, probeMedia } from './ffmpeg.ts';
import { cancelled, runFfmpeg } from './ffmpeg-job.ts';
import { playability } from './playability.ts';
import { proxyPlan, type ProxyPlan } from './proxy.ts';
import type { MediaContext } from './sources.ts';
import { prepareThumbnails } from './thumbnails.ts';
import { prepareWaveform } from './waveform.ts';

export type PrepareStage = 'proxy' | 'thumbnails' | 'waveform';

export interface PrepareProgress {
  stage: PrepareStage;
  /** 0–100 within the stage. */
  percent: number;
  /** Time left in the stage, once there is enough progress to tell. */
  etaSeconds: number | null;
}

export interface PrepareOptions {
  onProgress?: (p: PrepareProgress) => void;
  signal?: AbortSignal;
  /** Seconds between filmstrip pictures (a whole number, default 10). */
  thumbnailEverySeconds?: number;
  /** Who asked, for the study's audit log. */
  actor?: string;
}

export interface PrepareResult {
  /** The playable copy made, or null when the original plays as it is. */
  proxy: { contentType: string; bytes: number } | null;
  /** Filmstrip pictures made, or null for audio-only recordings. */
  thumbnails: { count: number; everySeconds: number } | null;
  /** Waveform buckets made, or null for recordings without sound. */
  waveform: { buckets: number } | null;
}

export const DEFAULT_THUMBNAIL_SECONDS = 10;

const ASSET_OF_STAGE: Record<PrepareStage, AssetKind> = { proxy: 'proxy', thumbnails: 'thumbs', waveform: 'waveform' };

/** A copy shorter than the original by more than this was cut short by damage, not by rounding. */
const allowedShortfallMs = (durationMs: number): number => 2000 + durationMs * 0.01;

/** Reports one stage: whole percents only, and the time left extrapolated from the time spent so far. */
export function stageReporter<S extends string>(
  stage: S,
  onProgress: ((p: { stage: S; percent: number; etaSeconds: number | null }) => void) | undefined,
): (fraction: number) => void {
  const started = Date.now();
  let shown = -1;
  return (fraction) => {
    const percent = Math.floor(fraction * 100);
    if (!onProgress || percent <= shown) return;
    shown = percent;
    const elapsed = (Date.now() - started) / 1000;
    const etaSeconds = fraction >= 0.01 && elapsed >= 0.5 ? Math.round((elapsed * (1 - fraction)) / fraction) : null;
    onProgress({ stage, percent, etaSeconds });
  };
}

/** Jobs of this process by recording: two jobs for one recording would replace each other's chunks. */
const running = new Set<string>();

/**
 * A private (0700) folder under the OS temp dir (TMPDIR is respected) for the job's plaintext files,
 * removed with all it holds however the job ends.
 */
async function withJobDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), '3rs-media-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Passes data on until the job is cancelled: storing an hour-long copy takes seconds and must stop too. */
async function* untilCancelled(data: AsyncIterable<Buffer>, signal: AbortSignal | undefined, task: string): AsyncGenerator<Buffer> {
  for await (const piece of data) {
    if (signal?.aborted) throw cancelled(task);
    yield piece;
  }
}

/** Encodes the playable copy into the job folder, checks it covers the recording, and stores it encrypted. */
async function makeProxy(ctx: MediaContext, rec: Recording, file: string, plan: ProxyPlan, options: PrepareOptions, report: (f: number) => void) {
  const task = `making the playable copy of ${rec.code}`;
  // A file, not a pipe: MP4 and WebM written to a pipe lose their seek index.
  const complaint = await runFfmpeg({ args: ['-i', rec.path, ...plan.args, file], task, signal: options.signal, progress: { durationMs: rec.durationMs, onFraction: report } });
  const made = await probeMedia(file);
  if (made.durationMs < rec.durationMs - allowedShortfallMs(rec.durationMs)) {
    throw new AppError(
      'MEDIA_FAILED',
      `Making the playable copy of ${rec.code} failed: ffmpeg could read only ${formatClock(made.durationMs)} of its ${formatClock(rec.durationMs)}; the recording seems damaged after that point${complaint ? ` (ffmpeg says: "${complaint}")` : ''}. Check the original in another player.`,
    );
  }
  const asset = await writeAsset(
    ctx.media,
    { recordingSha256: rec.sha256, kind: 'proxy', contentType: plan.contentType, params: { durationMs: made.durationMs, videoCodec: made.videoCodec, audioCodec: made.audioCodec, width: made.width, height: made.height } },
    untilCancelled(createReadStream(file), options.signal, task),
  );
  return { contentType: asset.contentType, bytes: asset.totalSize };
}

/**
 * Makes and stores the derived media of a recording. Each part replaces the previous one of its kind only
 * once it is complete; a failure records the part as failed (quoting ffmpeg), a cancel keeps nothing of
 * the running part. Plaintext exists only in the job's private folder, which is removed however the job
 * ends. The study's audit log records the outcome.
 */
export async function prepareMedia(ctx: MediaContext, recordingCode: string, options: PrepareOptions = {}): Promise<PrepareResult> {
  const rec = getRecording(ctx.study.db, recordingCode);
  const mode = playability(rec);
  if (mode === 'none') throw new AppError('NOT_MEDIA', `${rec.code} has no stream in a format ffmpeg knows, so there is nothing to prepare.`);
  const everySeconds = options.thumbnailEverySeconds ?? DEFAULT_THUMBNAIL_SECONDS;
  if (!Number.isInteger(everySeconds) || everySeconds < 1 || everySeconds > 3600) {
    throw new AppError('INVALID_INPUT', `The filmstrip needs a whole number of seconds between pictures, from 1 to 3600 (got ${everySeconds}).`);
  }
  requireOriginal(rec);
  if (running.has(rec.sha256)) throw new AppError('CONFLICT', `The media of ${rec.code} is already being prepared. Wait for that to finish.`);
  running.add(rec.sha256);
  const actor = options.actor ?? 'app';
  const { signal } = options;
  const result: PrepareResult = { proxy: null, thumbnails: null, waveform: null };
  let stage: PrepareStage = 'proxy';
  const begin = (next: PrepareStage) => {
    stage = next;
    const report = stageReporter(next, options.onProgress);
    report(0);
    return report;
  };
  try {
    await withJobDir(async (dir) => {
      let pictureSource = rec.path;
      if (mode === 'proxy') {
        const report = begin('proxy');
        const plan = proxyPlan(await ffmpegEncoders(), rec);
        pictureSource = join(dir, `proxy.${plan.extension}`);
        result.proxy = await makeProxy(ctx, rec, pictureSource, plan, options, report);
        report(1);
      }
      if (rec.videoCodec !== null) {
        const report = begin('thumbnails');
        const strip = await prepareThumbnails(ctx.media, rec, { source: pictureSource, dir, everySeconds, task: `making the filmstrip of ${rec.code}`, signal, onFraction: report });
        result.thumbnails = { count: strip.count, everySeconds };
        report(1);
      }
      // The plaintext copy has served its last use: it goes now, not only with the folder.
      if (pictureSource !== rec.path) await rm(pictureSource, { force: true });
      if (rec.audioCodec !== null) {
        const report = begin('waveform');
        result.waveform = await prepareWaveform(ctx.media, rec, { task: `making the waveform of ${rec.code}`, signal, onFraction: report });
        report(1);
      }
    });
  } catch (err) {
    const error = toErrorValue(err);
    // A study locked meanwhile (its files closed) cannot take the record; the error itself still goes up.
    if (error.code !== 'CANCELLED' && ctx.media.db.open) recordFailedAsset(ctx.media, rec.sha256, ASSET_OF_STAGE[stage], error.message);
    if (ctx.study.db.open) audit(ctx, actor, 'media.prepare.failed', rec.code, { stage, code: error.code, message: error.message });
    throw err;
  } finally {
    running.delete(rec.sha256);
  }
  audit(ctx, actor, 'media.prepare', rec.code, result);
  return result;
}

function audit(ctx: MediaContext, actor: string, action: string, code: string, after: unknown): void {
  const { db } = ctx.study;
  db.transaction(() => appendAudit(db, { actor, action, entity: 'recording', entityId: code, after }))();
}
