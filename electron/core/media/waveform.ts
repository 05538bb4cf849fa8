// Audio waveform peaks: the lowest and highest sample of each short bucket of the mono mix, enough to draw
// the sound of an hour-long session at any zoom a coder needs, in a few hundred kilobytes.

import { z } from 'zod';
import { AppError } from '../errors.ts';
import { getRecording, type Recording } from '../recordings/registry.ts';
import { assetParams, readAssetBytes, readyAsset, writeAsset } from './assets.ts';
import { ffmpegOutput } from './ffmpeg-job.ts';
import type { MediaStore } from './store.ts';

export const BUCKETS_PER_SECOND = 20;
/** Speech lives below 4 kHz; 8000 samples/s keep the envelope and make decoding cheap. */
const SAMPLE_RATE = 8000;
const SAMPLES_PER_BUCKET = SAMPLE_RATE / BUCKETS_PER_SECOND;

/** What readWaveform needs of the params prepareWaveform stored. */
const StoredWaveformParams = z.object({ bucketsPerSecond: z.number().positive() });

export interface Waveform {
  bucketsPerSecond: number;
  /** Pairs: min, max of bucket 0, then of bucket 1, … (16-bit sample values). */
  peaks: Int16Array;
}

/**
 * Folds a stream of 16-bit little-endian mono samples into min/max pairs. Chunks from a pipe may split
 * a sample in two; the odd byte waits for the next chunk.
 */
export class PeakAccumulator {
  private readonly pairs: number[] = [];
  private min = 0;
  private max = 0;
  private inBucket = 0;
  private carry: Buffer | null = null;

  add(chunk: Buffer): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const usable = bytes.length - (bytes.length % 2);
    this.carry = usable < bytes.length ? Buffer.from(bytes.subarray(usable)) : null;
    for (let i = 0; i < usable; i += 2) {
      const sample = bytes.readInt16LE(i);
      if (this.inBucket === 0 || sample < this.min) this.min = sample;
      if (this.inBucket === 0 || sample > this.max) this.max = sample;
      if (++this.inBucket === SAMPLES_PER_BUCKET) this.closeBucket();
    }
  }

  private closeBucket(): void {
    this.pairs.push(this.min, this.max);
    this.inBucket = 0;
  }

  /** The peaks, the last (partial) bucket included. */
  finish(): Int16Array {
    if (this.inBucket > 0) this.closeBucket();
    return Int16Array.from(this.pairs);
  }
}

export interface WaveformJob {
  task: string;
  signal?: AbortSignal | undefined;
  onFraction(fraction: number): void;
}

/** Decodes the sound to raw samples through a pipe (nothing on disk) and stores its peaks. */
export async function prepareWaveform(media: MediaStore, rec: Recording, job: WaveformJob): Promise<{ buckets: number }> {
  const peaks = new PeakAccumulator();
  const expectedBytes = (rec.durationMs / 1000) * SAMPLE_RATE * 2;
  let received = 0;
  const samples = ffmpegOutput({
    args: [
      '-i',
      rec.path,
      '-map',
      '0:a:0',
      '-vn',
      '-sn',
      '-dn',
      '-ac',
      '1',
      '-ar',
      String(SAMPLE_RATE),
      '-c:a',
      'pcm_s16le',
      '-f',
      's16le',
      'pipe:1',
    ],
    task: job.task,
    signal: job.signal,
  });
  for await (const chunk of samples) {
    peaks.add(chunk);
    received += chunk.length;
    if (expectedBytes > 0) job.onFraction(Math.min(1, received / expectedBytes));
  }
  const values = peaks.finish();
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  await writeAsset(
    media,
    {
      recordingSha256: rec.sha256,
      kind: 'waveform',
      contentType: 'application/octet-stream',
      params: { bucketsPerSecond: BUCKETS_PER_SECOND, sampleRate: SAMPLE_RATE },
    },
    [bytes],
  );
  return { buckets: values.length / 2 };
}

export function readWaveform(media: MediaStore, code: string): Waveform {
  const rec = getRecording(media.study.db, code);
  if (rec.audioCodec === null) throw new AppError('NOT_MEDIA', `${code} has no sound, so it has no waveform.`);
  const asset = readyAsset(media, rec, 'waveform', 'waveform');
  const bytes = asset.totalSize > 0 ? readAssetBytes(media, asset, 0, asset.totalSize - 1) : Buffer.alloc(0);
  // Copied into fresh memory: a Buffer's offset need not be aligned for 16-bit views.
  const peaks = new Int16Array(bytes.length / 2);
  new Uint8Array(peaks.buffer).set(bytes);
  return { bucketsPerSecond: assetParams(asset, StoredWaveformParams, rec, 'waveform').bucketsPerSecond, peaks };
}

/**
 * At most `maxBuckets` min/max pairs for drawing: a screen cannot show more, and an hour holds 72,000.
 * Each output bucket keeps the extremes of the buckets it merges, so no peak disappears.
 */
export function downsamplePeaks(waveform: Waveform, maxBuckets: number): { bucketsPerSecond: number; peaks: number[] } {
  const buckets = waveform.peaks.length / 2;
  const factor = Math.max(1, Math.ceil(buckets / maxBuckets));
  const peaks: number[] = [];
  for (let start = 0; start < buckets; start += factor) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let b = start; b < Math.min(buckets, start + factor); b++) {
      min = Math.min(min, waveform.peaks[2 * b]!);
      max = Math.max(max, waveform.peaks[2 * b + 1]!);
    }
    peaks.push(min, max);
  }
  return { bucketsPerSecond: waveform.bucketsPerSecond / factor, peaks };
}
