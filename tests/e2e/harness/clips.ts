// Videos made by ffmpeg at test time, kept in $TMPDIR/3rs-test-clips between runs (like tests/helpers/video.ts):
// the name carries a hash of the arguments, so changing how a clip is made makes a new one.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../../electron/core/media/ffmpeg.ts';

const CLIP_CACHE = join(tmpdir(), '3rs-test-clips');

async function cachedClip(label: string, extension: string, args: string[]): Promise<string> {
  const id = createHash('sha256').update(args.join(' ')).digest('hex').slice(0, 12);
  const file = join(CLIP_CACHE, `${label}-${id}.${extension}`);
  if (existsSync(file)) return file;
  await mkdir(CLIP_CACHE, { recursive: true });
  // Written aside and renamed, so a parallel process never reads a half-written clip.
  const partial = `${file}.${process.pid}.partial`;
  await runTool('ffmpeg', ['-v', 'error', '-y', ...args, partial]);
  await rename(partial, file);
  return file;
}

const lavfi = (seconds: number, size: string, rate: number): string[] => [
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:duration=${seconds}:sample_rate=48000`,
];

/**
 * The seek test's clip: 320x240 VP9/Opus WebM, a keyframe every 3 s. libvpx's realtime mode cannot go much
 * below ~34 kb/s on this busy test pattern, so 12 minutes come to about 3 MB; it takes ~15 s to make.
 */
export function vp9WebmClip(seconds: number): Promise<string> {
  return cachedClip(`vp9-${seconds}s`, 'webm', [
    ...lavfi(seconds, '320x240', 10),
    '-c:v',
    'libvpx-vp9',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '18k',
    '-g',
    '30',
    '-c:a',
    'libopus',
    '-b:a',
    '8k',
    '-ac',
    '1',
    '-f',
    'webm',
  ]);
}

/** An MPEG-2 program stream (.mpg) as older lab cameras write them: Chromium cannot play it, so it needs a proxy. */
export function mpeg2Clip(seconds: number, size = '640x360'): Promise<string> {
  return cachedClip(`mpeg2-${size}-${seconds}s`, 'mpg', [
    ...lavfi(seconds, size, 25),
    '-c:v',
    'mpeg2video',
    '-q:v',
    '6',
    '-c:a',
    'mp2',
    '-b:a',
    '128k',
    '-f',
    'mpeg',
  ]);
}

/** MPEG-4 Part 2 video with PCM sound in AVI, as many lab cameras wrote: it needs a proxy too. */
export function mpeg4AviClip(seconds: number, size = '320x240'): Promise<string> {
  return cachedClip(`mpeg4-${size}-${seconds}s`, 'avi', [
    ...lavfi(seconds, size, 25),
    '-c:v',
    'mpeg4',
    '-q:v',
    '5',
    '-c:a',
    'pcm_s16le',
    '-ar',
    '16000',
    '-ac',
    '1',
    '-f',
    'avi',
  ]);
}

/**
 * A session as a lab's camera or phone records it: H.264 video and AAC sound in MP4, its index at the front.
 * libx264's fastest preset at about 1 Mb/s on the test pattern: 20 minutes at 1280x720 come to about 170 MB.
 */
export function h264AacClip(seconds: number, size = '1280x720'): Promise<string> {
  return cachedClip(`h264-aac-${size}-${seconds}s`, 'mp4', [
    ...lavfi(seconds, size, 25),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    '1000k',
    '-maxrate',
    '1000k',
    '-bufsize',
    '2000k',
    '-g',
    '250',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
  ]);
}
