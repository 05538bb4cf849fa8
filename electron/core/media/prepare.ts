// Preparing a recording's derived media: the playable copy (only when Chromium cannot play the original),
// the filmstrip and the waveform. ffmpeg reads the original and writes to a pipe; what it writes is
// encrypted into the media file as it arrives. Nothing plaintext is ever written to disk.

import { appendAudit } from '../audit/audit-log.ts';
import { AppError, toErrorValue } from '../errors.ts';
import { formatClock } from '../io/time-format.ts';
import { requireOriginal } from '../recordings/availability.ts';
import { getRecording, type Recording } from '../recordings/registry.ts';
import { CHUNK_SIZE, recordFailedAsset, writeAsset, type Asset, type AssetKind } from './assets.ts';
import { ffmpegEncoders } from './ffmpeg.ts';
import { ffmpegOutput } from './ffmpeg-job.ts';
import { FragmentedMp4Index } from './fmp4-index.ts';
import { playability } from './playability.ts';
import { proxyHeadRoom, proxyPlan, type ProxyPlan } from './proxy.ts';
import type { MediaContext } from './sources.ts';
import { prepareThumbnails, type PictureSource } from './thumbnails.ts';
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
 * Encodes the playable copy to a pipe and stores it encrypted as it comes; its head (with the index of its
 * fragments) goes into the chunks kept for it at the start once ffmpeg is done. The copy becomes current
 * only after that, and after it is found to cover the recording; until then no reader sees it, and a
 * failure, cancel or crash leaves only encrypted chunks that the next attempt removes.
 */
async function makeProxy(ctx: MediaContext, rec: Recording, plan: ProxyPlan, options: PrepareOptions, report: (f: number) => void): Promise<Asset> {
  const task = `making the playable copy of ${rec.code}`;
  const params = { durationMs: 0, videoCodec: plan.videoCodec, audioCodec: plan.audioCodec };
  const index = new FragmentedMp4Index();
  async function* copy(): AsyncGenerator<Buffer> {
    const output = ffmpegOutput({
      args: ['-i', rec.path, ...plan.args, 'pipe:1'],
      task,
      signal: options.signal,
      progress: { durationMs: rec.durationMs, onFraction: report },
    });
    const { complaint, madeMs } = yield* index.body(output);
    const made = madeMs ?? 0;
    if (made < rec.durationMs - allowedShortfallMs(rec.durationMs)) {
      throw new AppError(
        'MEDIA_FAILED',
        `Making the playable copy of ${rec.code} failed: ffmpeg could read only ${formatClock(made)} of its ${formatClock(rec.durationMs)}; the recording seems damaged after that point${complaint ? ` (ffmpeg says: "${complaint}")` : ''}. Check the original in another player.`,
      );
    }
    params.durationMs = made;
  }
  const chunks = Math.ceil(proxyHeadRoom(rec.durationMs) / CHUNK_SIZE);
  const head = { chunks, bytes: () => index.head(chunks * CHUNK_SIZE) };
  return writeAsset(ctx.media, { recordingSha256: rec.sha256, kind: 'proxy', contentType: plan.contentType, params }, copy(), head);
}

/**
 * Makes and stores the derived media of a recording. Each part replaces the previous one of its kind only
 * once it is complete; a failure records the part as failed (quoting ffmpeg), a cancel keeps nothing of
 * the running part. No file is written but the media file; the study's audit log records the outcome.
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
    let pictures: PictureSource = { original: rec.path };
    if (mode === 'proxy') {
      const report = begin('proxy');
      const proxy = await makeProxy(ctx, rec, proxyPlan(await ffmpegEncoders(), rec), options, report);
      result.proxy = { contentType: proxy.contentType, bytes: proxy.totalSize };
      pictures = { proxy };
      report(1);
    }
    if (rec.videoCodec !== null) {
      const report = begin('thumbnails');
      const strip = await prepareThumbnails(ctx.media, rec, {
        source: pictures,
        everySeconds,
        task: `making the filmstrip of ${rec.code}`,
        signal,
        onFraction: report,
      });
      result.thumbnails = { count: strip.count, everySeconds };
      report(1);
    }
    if (rec.audioCodec !== null) {
      const report = begin('waveform');
      result.waveform = await prepareWaveform(ctx.media, rec, { task: `making the waveform of ${rec.code}`, signal, onFraction: report });
      report(1);
    }
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
