// The one place that decides which ffmpeg/ffprobe run and how they are started, and that reads ffprobe.
// The programs are spawned directly (no wrapper library): the bundled static builds need their own
// environment (see toolEnv), and the media jobs need raw pipes, progress and cancellation.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { parseJson } from '../io/checked-json.ts';

export type MediaTool = 'ffmpeg' | 'ffprobe';

/** Where a program comes from: the environment override, the copy inside the app's npm packages, or the system. */
export type ToolSource = 'env' | 'bundled' | 'system';

export interface ResolvedTool {
  path: string;
  source: ToolSource;
}

const ENV_NAME: Record<MediaTool, string> = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' };
const BUNDLE: Record<MediaTool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

const requireFromHere = createRequire(import.meta.url);

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The static binary shipped inside the npm package for this platform, or null when there is none. */
function bundledPath(tool: MediaTool): string | null {
  let path: string;
  try {
    // The installer packages throw (a string, even) when this platform has no binary.
    path = (requireFromHere(BUNDLE[tool]) as { path: string }).path;
  } catch {
    return null;
  }
  // Inside a packaged Electron app, executables must live outside the asar archive to be started.
  path = path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return isExecutable(path) ? path : null;
}

/**
 * The one decision of which program runs: FFMPEG_PATH / FFPROBE_PATH when set, else the bundled static
 * build when it is present and executable, else the program found on PATH (e.g. Debian's ffmpeg).
 */
export function resolveTool(tool: MediaTool): ResolvedTool {
  const fromEnv = process.env[ENV_NAME[tool]];
  if (fromEnv) return { path: fromEnv, source: 'env' };
  const bundled = bundledPath(tool);
  if (bundled) return { path: bundled, source: 'bundled' };
  return { path: tool, source: 'system' };
}

/**
 * The environment a program runs in. The bundled builds link glibc statically: when they load the host's
 * iconv modules (ffprobe does for the service names in every MPEG-TS/.mts file) they crash with a
 * segmentation fault. Pointing GCONV_PATH at nothing makes iconv fail cleanly instead.
 */
function toolEnv(resolved: ResolvedTool): NodeJS.ProcessEnv {
  return resolved.source === 'bundled' ? { ...process.env, GCONV_PATH: '/nonexistent-3rs-gconv' } : process.env;
}

function notInstalled(tool: MediaTool, resolved: ResolvedTool): AppError {
  return new AppError(
    'IO_ERROR',
    `Cannot run ${tool} ("${resolved.path}"): it is not installed. Reinstall 3RS Station, install ffmpeg, or set ${ENV_NAME[tool]} to the ${tool} program.`,
  );
}

/**
 * Starts ffmpeg or ffprobe with its arguments; the caller owns the process (pipes, exit, kill). Standard
 * input is a pipe only when the caller feeds it (`-i pipe:0`).
 */
export function spawnTool(tool: MediaTool, args: string[], { stdin = false }: { stdin?: boolean } = {}): ChildProcess {
  const resolved = resolveTool(tool);
  return spawn(resolved.path, args, { env: toolEnv(resolved), stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], windowsHide: true });
}

/** What to tell the person when a spawned program could not start. */
export function spawnFailure(tool: MediaTool, err: NodeJS.ErrnoException): AppError {
  if (err.code === 'ENOENT') return notInstalled(tool, resolveTool(tool));
  return new AppError('IO_ERROR', `Cannot run ${tool} (${err.message}). Check that the program may be executed.`);
}

export interface ToolOutput {
  stdout: string;
  stderr: string;
}

/** Runs a short command to completion (probing, listing). Fails with the program's own error text. */
export function runTool(tool: MediaTool, args: string[]): Promise<ToolOutput> {
  const resolved = resolveTool(tool);
  return new Promise((resolve, reject) => {
    execFile(resolved.path, args, { env: toolEnv(resolved), maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (!err) return resolve({ stdout, stderr });
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(notInstalled(tool, resolved));
      reject(Object.assign(err, { stderr }));
    });
  });
}

/** The last line of a program's error output worth showing a person (ffmpeg repeats and decorates). */
export function lastMeaningfulLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.replace(/^\[[^\]]+\]\s*/, '').trim())
    .filter((l) => l !== '' && !/^Last message repeated/.test(l) && !/^[a-z_]+=\S*$/.test(l));
  return lines.at(-1) ?? '';
}

// ---- what the chosen programs are and can do ----

export interface ToolInfo extends ResolvedTool {
  /** The version as the program prints it, e.g. "5.1.9-0+deb12u1" or "N-47683-g0e8eb07980-static". */
  version: string;
}

export interface FfmpegInfo {
  ffmpeg: ToolInfo;
  ffprobe: ToolInfo;
}

async function toolInfo(tool: MediaTool): Promise<ToolInfo> {
  const resolved = resolveTool(tool);
  const { stdout } = await runTool(tool, ['-hide_banner', '-version']);
  const version = new RegExp(`^${tool} version (\\S+)`).exec(stdout)?.[1] ?? 'unknown';
  return { ...resolved, version };
}

/** Which ffmpeg and ffprobe the app uses, where they come from and their versions (for an About panel). */
export async function ffmpegInfo(): Promise<FfmpegInfo> {
  const [ffmpeg, ffprobe] = await Promise.all([toolInfo('ffmpeg'), toolInfo('ffprobe')]);
  return { ffmpeg, ffprobe };
}

const encoderCache = new Map<string, Promise<Set<string>>>();

/** The encoder names the chosen ffmpeg was built with (e.g. libx264, libvpx-vp9, libopus), asked once per program. */
export function ffmpegEncoders(): Promise<Set<string>> {
  const { path } = resolveTool('ffmpeg');
  let encoders = encoderCache.get(path);
  if (!encoders) {
    encoders = runTool('ffmpeg', ['-hide_banner', '-encoders']).then(
      ({ stdout }) => new Set([...stdout.matchAll(/^\s*[VAS][A-Z.]{5}\s+(\S+)/gm)].map((m) => m[1]!)),
    );
    encoderCache.set(path, encoders);
    encoders.catch(() => encoderCache.delete(path));
  }
  return encoders;
}

// ---- probing ----

export interface ProbeResult {
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  durationMs: number;
  videoCodec: string | null;
  audioCodec: string | null;
  /** The video's pixel format, e.g. "yuv420p" or "yuv420p10le"; it decides whether the browser can decode it. */
  pixFmt: string | null;
  fps: number | null;
  width: number | null;
  height: number | null;
}

// What is read of ffprobe's JSON; ffprobe prints much more, which is ignored.
const ProbeStream = z.object({
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  pix_fmt: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  duration: z.string().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
});
type ProbeStream = z.infer<typeof ProbeStream>;

const ProbeData = z.object({
  format: z.object({ format_name: z.string().optional(), duration: z.string().optional() }).optional(),
  streams: z.array(ProbeStream).optional(),
});
type ProbeData = z.infer<typeof ProbeData>;

// ffprobe happily "plays" text files as ANSI art and pictures as one-frame video; neither is a recording.
const NOT_RECORDINGS = /^(tty|image2|[a-z0-9]+_pipe)$/;

function notMedia(path: string, why: string): AppError {
  return new AppError('NOT_MEDIA', `${path} is not a video or audio file ffprobe can read (${why}): check that you chose the recording itself.`);
}

/** QuickTime/MP4 files are a sequence of boxes; these are the ones a file starts with. */
const MP4_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip', 'pnot']);

async function startsLikeMp4(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'r');
    try {
      const head = Buffer.alloc(8);
      await file.read(head, 0, 8, 0);
      return MP4_FIRST_BOXES.has(head.toString('latin1', 4, 8));
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}

/**
 * ffprobe's complaint turned into advice. A missing MP4 index in a file that starts like an MP4 means the
 * copy stopped before the end (ffprobe says the same of any file named .mp4, text included).
 */
async function unreadable(path: string, stderr: string): Promise<AppError> {
  if (/moov atom not found/i.test(stderr) && (await startsLikeMp4(path))) {
    return new AppError(
      'NOT_MEDIA',
      `${path} is incomplete: its index (the MP4 "moov" atom) is missing, as happens when a copy or a recording stops early. Copy it again from the camera or the original source.`,
    );
  }
  // ffprobe starts its complaint with the path, which the message already names.
  const reason = lastMeaningfulLine(stderr).replace(`${path}: `, '');
  return notMedia(path, reason ? `ffprobe says: ${reason}` : 'ffprobe cannot read it');
}

/** ffprobe answered, but not with the description it gives of every file: a broken or foreign ffprobe, not a bad recording. */
const unreadableProbe = (path: string, problem: string): AppError =>
  new AppError(
    'MEDIA_FAILED',
    `ffprobe's description of ${path} cannot be read (${problem}). Check that FFPROBE_PATH, if set, names a working ffprobe, then import the recording again.`,
  );

async function runFfprobe(path: string): Promise<ProbeData> {
  let stdout: string;
  try {
    ({ stdout } = await runTool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', path]));
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (!existsSync(path)) throw new AppError('FILE_NOT_FOUND', `No file at ${path}. Check the path to the recording.`);
    throw await unreadable(path, String((err as { stderr?: string }).stderr ?? ''));
  }
  return parseJson(ProbeData, stdout, (problem) => unreadableProbe(path, problem));
}

const finiteOrNull = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** "30000/1001" → 29.97; "0/0" (no rate, e.g. audio) → null. */
function frameRate(rate: string | undefined): number | null {
  const m = /^(\d+)\/(\d+)$/.exec(rate ?? '');
  if (!m || Number(m[2]) === 0 || Number(m[1]) === 0) return null;
  return Math.round((Number(m[1]) / Number(m[2])) * 1000) / 1000;
}

function durationSeconds(data: ProbeData, streams: ProbeStream[]): number | null {
  const fromFormat = finiteOrNull(data.format?.duration);
  if (fromFormat !== null && fromFormat > 0) return fromFormat;
  // Some containers only carry durations per stream.
  const longest = Math.max(0, ...streams.map((s) => finiteOrNull(s.duration) ?? 0));
  return longest > 0 ? longest : null;
}

export async function probeMedia(path: string): Promise<ProbeResult> {
  const data = await runFfprobe(path);
  const container = data.format?.format_name ?? '';
  if (NOT_RECORDINGS.test(container)) throw notMedia(path, `ffprobe sees it as "${container}", not a recording`);
  const streams = data.streams ?? [];
  // A cover picture attached to an audio file is a "video" stream with one frame; it is not the video.
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw notMedia(path, 'it has no video or audio stream');
  const seconds = durationSeconds(data, streams);
  if (seconds === null) throw notMedia(path, 'it has no duration');
  return {
    container,
    durationMs: Math.round(seconds * 1000),
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    pixFmt: video?.pix_fmt ?? null,
    fps: video ? (frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate)) : null,
    width: video ? finiteOrNull(video.width) : null,
    height: video ? finiteOrNull(video.height) : null,
  };
}
