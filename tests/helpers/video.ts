import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runTool } from '../../electron/core/media/ffmpeg.ts';

export interface TestVideoOptions {
  seconds: number;
  /** File name inside `dir`; defaults to the generated clip's name. */
  name?: string;
  /** A sine tone in an .m4a file, with no video stream. */
  audioOnly?: boolean;
}

/**
 * Generated clips are kept between runs and shared by test processes: the name carries a hash of the
 * ffmpeg arguments, so changing how a clip is made makes a new one.
 */
const CLIP_CACHE = join(tmpdir(), '3rs-test-clips');
const clips = new Map<string, Promise<string>>();

async function generate(prefix: string, extension: string, args: string[]): Promise<string> {
  const id = createHash('sha256').update(args.join(' ')).digest('hex').slice(0, 12);
  const file = join(CLIP_CACHE, `${prefix}-${id}.${extension}`);
  if (existsSync(file)) return file;
  await mkdir(CLIP_CACHE, { recursive: true });
  // Written aside and renamed, so a parallel test process never copies a half-written clip.
  const partial = `${file}.${process.pid}.partial.${extension}`;
  await runTool('ffmpeg', ['-v', 'error', '-y', ...args, partial]);
  await rename(partial, file);
  return file;
}

function cached(key: string, make: () => Promise<string>): Promise<string> {
  let clip = clips.get(key);
  if (!clip) {
    clip = make();
    clips.set(key, clip);
  }
  return clip;
}

async function copyInto(dir: string, source: string, name: string | undefined): Promise<string> {
  const target = join(dir, name ?? basename(source));
  await copyFile(source, target);
  return target;
}

const tone = (seconds: number, rate = 8000) => ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}:sample_rate=${rate}`];
const pattern = (seconds: number, size = '160x120', fps = 2) => ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}:duration=${seconds}`];
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '45', '-pix_fmt', 'yuv420p'];

/** Small and fast to make: 160x120 test pattern at 2 fps, an 8 kHz tone. */
function legacyArgs(seconds: number, audioOnly: boolean): string[] {
  const audio = ['-c:a', 'aac', '-b:a', '16k'];
  return audioOnly ? [...tone(seconds), ...audio, '-f', 'ipod'] : [...pattern(seconds), ...tone(seconds), ...X264, ...audio, '-f', 'mp4'];
}

/**
 * Copies a generated clip (H.264/AAC MP4, or an AAC tone in .m4a) into `dir` (under `name` if given) and
 * returns its path. Copies made with the same options have the same content, and so the same hash.
 */
export async function makeTestVideo(dir: string, { seconds, name, audioOnly = false }: TestVideoOptions): Promise<string> {
  const extension = audioOnly ? 'm4a' : 'mp4';
  const source = await cached(`${audioOnly}-${seconds}`, () =>
    generate(`${audioOnly ? 'tone' : 'clip'}-${seconds}s`, extension, legacyArgs(seconds, audioOnly)),
  );
  return copyInto(dir, source, name);
}

/** The containers and codecs labs' cameras and recorders write, and what Chromium plays. */
export const CLIP_FORMATS = {
  'h264-mp4': { extension: 'mp4', args: [...X264, '-c:a', 'aac', '-f', 'mp4'] },
  'h264-mp4-faststart': { extension: 'mp4', args: [...X264, '-c:a', 'aac', '-movflags', '+faststart', '-f', 'mp4'] },
  'h264-mov': { extension: 'mov', args: [...X264, '-c:a', 'aac', '-f', 'mov'] },
  'h264-pcm-mov': { extension: 'mov', args: [...X264, '-c:a', 'pcm_s16le', '-f', 'mov'] },
  'h264-10bit-mp4': { extension: 'mp4', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-c:a', 'aac', '-f', 'mp4'] },
  'h264-mkv': { extension: 'mkv', args: [...X264, '-c:a', 'aac', '-f', 'matroska'] },
  'h264-mts': { extension: 'mts', args: [...X264, '-c:a', 'ac3', '-f', 'mpegts'] },
  'vp9-webm': {
    extension: 'webm',
    args: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-c:a', 'libopus', '-f', 'webm'],
  },
  'mpeg2-mpg': { extension: 'mpg', args: ['-c:v', 'mpeg2video', '-c:a', 'mp2', '-ar', '32000', '-f', 'mpeg'] },
  'mpeg4-avi': { extension: 'avi', args: ['-c:v', 'mpeg4', '-c:a', 'libmp3lame', '-f', 'avi'] },
  wmv: { extension: 'wmv', args: ['-c:v', 'wmv2', '-c:a', 'wmav2', '-f', 'asf'] },
  'mp3-audio': { extension: 'mp3', args: ['-c:a', 'libmp3lame', '-f', 'mp3'] },
  'wav-audio': { extension: 'wav', args: ['-c:a', 'pcm_s16le', '-f', 'wav'] },
  'wma-audio': { extension: 'wma', args: ['-c:a', 'wmav2', '-f', 'asf'] },
} as const;

export type ClipFormat = keyof typeof CLIP_FORMATS;

export interface ClipOptions {
  format: ClipFormat;
  seconds: number;
  name?: string;
  /** Picture size, default 160x120 (ignored for audio formats). */
  size?: string;
  /** Frames per second, default 10. */
  fps?: number;
}

/** Copies a generated clip of the given container and codecs into `dir` and returns its path. */
export async function makeClip(dir: string, { format, seconds, name, size = '160x120', fps = 10 }: ClipOptions): Promise<string> {
  const { extension, args } = CLIP_FORMATS[format];
  const audioOnly = format.endsWith('-audio');
  const inputs = audioOnly ? tone(seconds, 22050) : [...pattern(seconds, size, fps), ...tone(seconds, 22050)];
  const all = [...inputs, ...args];
  const source = await cached(all.join(' '), () => generate(`${format}-${seconds}s`, extension, all));
  return copyInto(dir, source, name);
}

/**
 * Times (s) of a video's keyframes, in order: the packets flagged K, which is what a player seeks to.
 * (ffprobe -skip_frame nokey would say the same for H.264, but the VP9 decoder ignores it.)
 */
export async function keyframeTimes(file: string): Promise<number[]> {
  const { stdout } = await runTool('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=pts_time,flags',
    '-of',
    'csv=p=0',
    '-i',
    file,
  ]);
  return stdout
    .split('\n')
    .filter((line) => /,K/.test(line))
    .map((line) => Number(line.split(',')[0]))
    .sort((a, b) => a - b);
}
