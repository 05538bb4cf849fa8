// One ffmpeg run as a job: progress from ffmpeg's own progress report, cancel by AbortSignal, and a
// failure that quotes ffmpeg's last meaningful line. Media jobs read and write through pipes only, so no
// plaintext ever lands on disk: the input is a file ffmpeg reads or bytes fed to its standard input, the
// output is read from its standard output as fast as the caller stores it. A job settles only after
// ffmpeg has exited.

import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.ts';
import { lastMeaningfulLine, spawnFailure, spawnTool } from './ffmpeg.ts';

export interface FfmpegJob {
  /** ffmpeg's arguments after the common ones (quiet, no interaction, overwrite). */
  args: string[];
  /** What the job does, for messages: e.g. "making the playable copy of D01-S01". */
  task: string;
  signal?: AbortSignal | undefined;
  /** When given, ffmpeg reports how far it got (time of the output) and this receives the fraction done. */
  progress?: { durationMs: number; onFraction(fraction: number): void };
  /** Bytes for ffmpeg's standard input, for jobs that read `-i pipe:0` (e.g. the stored proxy, decrypted as it goes). */
  input?: Readable;
}

export interface FfmpegExit {
  /** The last thing ffmpeg complained about (empty when nothing). */
  complaint: string;
  /** The time of the output ffmpeg last reported (jobs with progress only): how much it made. */
  madeMs: number | null;
}

const STDERR_TAIL_LINES = 20;

/** "00:01:02.500000" → 62500 ms; "N/A" (nothing written yet) → null. */
export function parseOutTime(value: string): number | null {
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (!m) return null;
  return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
}

const sentence = (task: string): string => task[0]!.toUpperCase() + task.slice(1);

function cancelled(task: string): AppError {
  return new AppError('CANCELLED', `${sentence(task)} was cancelled; nothing was kept. Run it again when you are ready.`);
}

interface Started {
  stdout: Readable;
  /** Settles once ffmpeg has exited (never rejects before that). */
  exited: Promise<FfmpegExit>;
  stop(): void;
}

function start(job: FfmpegJob): Started {
  const { signal, progress, input } = job;
  const args = ['-nostdin', '-hide_banner', '-y', '-v', 'error', '-nostats', ...(progress ? ['-progress', 'pipe:2'] : []), ...job.args];
  const child = spawnTool('ffmpeg', args, { stdin: input !== undefined });
  const stop = () => child.kill('SIGKILL');
  let spawnError: AppError | null = null;
  let inputError: unknown = null;
  const tail: string[] = [];
  let partial = '';
  let madeMs: number | null = null;

  signal?.addEventListener('abort', stop, { once: true });
  if (input) {
    // ffmpeg stopping early closes the pipe (EPIPE): its exit says why. A failing input stops ffmpeg.
    pipeline(input, child.stdin!).catch((err: unknown) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      inputError = err;
      stop();
    });
  }
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    const lines = (partial + text).split(/\r?\n/);
    partial = lines.pop()!;
    for (const line of lines) {
      const m = /^out_time=(.*)$/.exec(line);
      if (m) {
        const ms = parseOutTime(m[1]!);
        if (ms === null) continue;
        madeMs = ms;
        if (progress && progress.durationMs > 0) progress.onFraction(Math.min(1, ms / progress.durationMs));
      } else if (!/^[a-z_0-9]+=/.test(line)) {
        tail.push(line);
        if (tail.length > STDERR_TAIL_LINES) tail.shift();
      }
    }
  });
  child.on('error', (err: NodeJS.ErrnoException) => {
    spawnError = spawnFailure('ffmpeg', err);
  });
  const exited = new Promise<FfmpegExit>((resolve, reject) => {
    child.on('close', (code, exitSignal) => {
      signal?.removeEventListener('abort', stop);
      if (spawnError) return reject(spawnError);
      // Interrupted: by our abort, or by a Ctrl-C that reached ffmpeg too (it then exits with 255).
      if (signal?.aborted || code === 255 || exitSignal === 'SIGINT' || exitSignal === 'SIGTERM') return reject(cancelled(job.task));
      if (inputError) return reject(inputError);
      const said = lastMeaningfulLine([...tail, partial].join('\n'));
      if (code === 0) return resolve({ complaint: said, madeMs });
      const how = exitSignal ? `ffmpeg was stopped by ${exitSignal}` : said ? `ffmpeg says: "${said}"` : `ffmpeg exited with status ${code}`;
      reject(
        new AppError(
          'MEDIA_FAILED',
          `${sentence(job.task)} failed: ${how}. Check that the original plays in another player; if it does, report this message.`,
        ),
      );
    });
  });
  // Read when the output has been; a failure before that must not count as unhandled.
  exited.catch(() => undefined);
  return { stdout: child.stdout!, exited, stop };
}

/** Runs a job whose output is not read (or goes to a file it names); resolves when ffmpeg succeeded. */
export function runFfmpeg(job: FfmpegJob): Promise<FfmpegExit> {
  if (job.signal?.aborted) return Promise.reject(cancelled(job.task));
  const run = start(job);
  run.stdout.resume();
  return run.exited;
}

/**
 * ffmpeg's standard output (`pipe:1`), piece by piece, then how the job ended (the generator's return value;
 * a failure or cancel is thrown after the last piece). ffmpeg writes only as fast as the caller takes the
 * pieces, so memory stays bounded whatever the size of the output. A caller that stops early stops ffmpeg.
 */
export async function* ffmpegOutput(job: FfmpegJob): AsyncGenerator<Buffer, FfmpegExit> {
  if (job.signal?.aborted) throw cancelled(job.task);
  const run = start(job);
  let ended = false;
  try {
    for await (const piece of run.stdout) yield piece as Buffer;
    const exit = await run.exited;
    ended = true;
    return exit;
  } finally {
    if (!ended) {
      run.stop();
      await run.exited.catch(() => undefined);
    }
  }
}
