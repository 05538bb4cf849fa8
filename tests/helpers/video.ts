import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { mediaBinaries } from '../../electron/core/media/ffmpeg.ts';

export interface TestVideoOptions {
  seconds: number;
  /** File name inside `dir`; defaults to the generated clip's name. */
  name?: string;
  /** A sine tone in an .m4a file, with no video stream. */
  audioOnly?: boolean;
}

const run = promisify(execFile);

/**
 * Generated clips are kept between runs and shared by test processes: the name carries a hash of the
 * ffmpeg arguments, so changing how a clip is made makes a new one.
 */
const CLIP_CACHE = join(tmpdir(), '3rs-test-clips');
const clips = new Map<string, Promise<string>>();

/** Small and fast to make: 160x120 test pattern at 2 fps, an 8 kHz tone. */
async function generate(seconds: number, audioOnly: boolean): Promise<string> {
  const tone = ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}:sample_rate=8000`];
  const audio = ['-c:a', 'aac', '-b:a', '16k'];
  const args = audioOnly
    ? [...tone, ...audio, '-f', 'ipod']
    : ['-f', 'lavfi', '-i', `testsrc2=size=160x120:rate=2:duration=${seconds}`, ...tone, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '45', '-pix_fmt', 'yuv420p', ...audio, '-f', 'mp4'];
  const id = createHash('sha256').update(args.join(' ')).digest('hex').slice(0, 12);
  const file = join(CLIP_CACHE, `${audioOnly ? 'tone' : 'clip'}-${seconds}s-${id}.${audioOnly ? 'm4a' : 'mp4'}`);
  if (existsSync(file)) return file;
  await mkdir(CLIP_CACHE, { recursive: true });
  // Written aside and renamed, so a parallel test process never copies a half-written clip.
  const partial = `${file}.${process.pid}.partial`;
  await run(mediaBinaries().ffmpeg, ['-v', 'error', '-y', ...args, partial]);
  await rename(partial, file);
  return file;
}

/**
 * Copies a generated clip into `dir` (under `name` if given) and returns its path. Copies made with the
 * same options have the same content, and so the same hash.
 */
export async function makeTestVideo(dir: string, { seconds, name, audioOnly = false }: TestVideoOptions): Promise<string> {
  const key = `${audioOnly}-${seconds}`;
  let clip = clips.get(key);
  if (!clip) {
    clip = generate(seconds, audioOnly);
    clips.set(key, clip);
  }
  const source = await clip;
  const target = join(dir, name ?? basename(source));
  await copyFile(source, target);
  return target;
}
