// The one place that talks to ffmpeg. fluent-ffmpeg is archived upstream; keeping every use of it here
// means it can be replaced without touching callers.

import { existsSync } from 'node:fs';
import ffmpeg from 'fluent-ffmpeg';
import type { FfprobeData, FfprobeStream } from 'fluent-ffmpeg';
import { AppError } from '../errors.ts';

export interface MediaBinaries {
  ffmpeg: string;
  ffprobe: string;
}

/** FFMPEG_PATH / FFPROBE_PATH when set, else the programs found on PATH. */
export function mediaBinaries(): MediaBinaries {
  return {
    ffmpeg: process.env['FFMPEG_PATH'] || 'ffmpeg',
    ffprobe: process.env['FFPROBE_PATH'] || 'ffprobe',
  };
}

export interface ProbeResult {
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  durationMs: number;
  videoCodec: string | null;
  audioCodec: string | null;
  fps: number | null;
  width: number | null;
  height: number | null;
}

// ffprobe happily "plays" text files as ANSI art and pictures as one-frame video; neither is a recording.
const NOT_RECORDINGS = /^(tty|image2|[a-z0-9]+_pipe)$/;

function runFfprobe(path: string): Promise<FfprobeData> {
  const { ffprobe } = mediaBinaries();
  return new Promise((resolve, reject) => {
    ffmpeg(path)
      .setFfprobePath(ffprobe)
      .ffprobe((err: (Error & { code?: string }) | null, data: FfprobeData) => {
        if (!err) return resolve(data);
        if (err.code === 'ENOENT') {
          return reject(new AppError('IO_ERROR', `Cannot run ffprobe ("${ffprobe}"): it is not installed. Install ffmpeg, or set FFPROBE_PATH to the ffprobe program.`));
        }
        if (!existsSync(path)) return reject(new AppError('FILE_NOT_FOUND', `No file at ${path}. Check the path to the recording.`));
        reject(notMedia(path, 'ffprobe cannot read it'));
      });
  });
}

function notMedia(path: string, why: string): AppError {
  return new AppError('NOT_MEDIA', `${path} is not a video or audio file ffprobe can read (${why}): check that you chose the recording itself.`);
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "30000/1001" → 29.97; "0/0" (no rate, e.g. audio) → null. */
function frameRate(rate: string | undefined): number | null {
  const m = /^(\d+)\/(\d+)$/.exec(rate ?? '');
  if (!m || Number(m[2]) === 0 || Number(m[1]) === 0) return null;
  return Math.round((Number(m[1]) / Number(m[2])) * 1000) / 1000;
}

function durationSeconds(data: FfprobeData): number | null {
  const fromFormat = numberOrNull(data.format.duration);
  if (fromFormat !== null && fromFormat > 0) return fromFormat;
  // Some containers only carry durations per stream.
  const fromStreams = data.streams.map((s) => numberOrNull(s.duration) ?? 0);
  const longest = Math.max(0, ...fromStreams);
  return longest > 0 ? longest : null;
}

export async function probeMedia(path: string): Promise<ProbeResult> {
  const data = await runFfprobe(path);
  const container = String(data.format.format_name ?? '');
  if (NOT_RECORDINGS.test(container)) throw notMedia(path, `ffprobe sees it as "${container}", not a recording`);
  // A cover picture attached to an audio file is a "video" stream with one frame; it is not the video.
  const video = data.streams.find((s: FfprobeStream) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = data.streams.find((s: FfprobeStream) => s.codec_type === 'audio');
  if (!video && !audio) throw notMedia(path, 'it has no video or audio stream');
  const seconds = durationSeconds(data);
  if (seconds === null) throw notMedia(path, 'it has no duration');
  return {
    container,
    durationMs: Math.round(seconds * 1000),
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    fps: video ? (frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate)) : null,
    width: video ? numberOrNull(video.width) : null,
    height: video ? numberOrNull(video.height) : null,
  };
}
