// One ffmpeg run as a job: progress from ffmpeg's own progress report, cancel by AbortSignal, and a
// failure that quotes ffmpeg's last meaningful line. It settles only after ffmpeg has exited, so the
// caller may remove the job's files at once.

import { AppError } from '../errors.ts';
import { lastMeaningfulLine, spawnFailure, spawnTool } from './ffmpeg.ts';

export interface FfmpegJob {
  /** ffmpeg's arguments after the common ones (quiet, no stdin, overwrite). */
  args: string[];
  /** What the job does, for messages: e.g. "making the playable copy of D01-S01". */
  task: string;
  signal?: AbortSignal | undefined;
  /** When given, ffmpeg reports how far it got (time of the output) and this receives the fraction done. */
  progress?: { durationMs: number; onFraction(fraction: number): void };
  /** ffmpeg's standard output, for jobs that write to pipe:1 (raw audio samples). */
  onStdout?: (chunk: Buffer) => void;
}

const STDERR_TAIL_LINES = 20;

/** "00:01:02.500000" → 62500 ms; "N/A" (nothing written yet) → null. */
export function parseOutTime(value: string): number | null {
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (!m) return null;
  return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
}

const sentence = (task: string): string => task[0]!.toUpperCase() + task.slice(1);

export function cancelled(task: string): AppError {
  return new AppError('CANCELLED', `${sentence(task)} was cancelled; nothing was kept. Run it again when you are ready.`);
}

/** Resolves when ffmpeg succeeded, with the last thing it complained about (empty when nothing). */
export function runFfmpeg(job: FfmpegJob): Promise<string> {
  const { signal, progress } = job;
  if (signal?.aborted) return Promise.reject(cancelled(job.task));
  const args = ['-nostdin', '-hide_banner', '-y', '-v', 'error', '-nostats', ...(progress ? ['-progress', 'pipe:2'] : []), ...job.args];
  return new Promise((resolve, reject) => {
    const child = spawnTool('ffmpeg', args);
    let spawnError: AppError | null = null;
    const tail: string[] = [];
    let partial = '';

    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (chunk: Buffer) => job.onStdout?.(chunk));
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      const lines = (partial + text).split(/\r?\n/);
      partial = lines.pop()!;
      for (const line of lines) {
        const m = /^out_time=(.*)$/.exec(line);
        if (m) {
          const ms = parseOutTime(m[1]!);
          if (ms !== null && progress && progress.durationMs > 0) progress.onFraction(Math.min(1, ms / progress.durationMs));
        } else if (!/^[a-z_0-9]+=/.test(line)) {
          tail.push(line);
          if (tail.length > STDERR_TAIL_LINES) tail.shift();
        }
      }
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = spawnFailure('ffmpeg', err);
    });
    child.on('close', (code, exitSignal) => {
      signal?.removeEventListener('abort', onAbort);
      if (spawnError) return reject(spawnError);
      // Interrupted: by our abort, or by a Ctrl-C that reached ffmpeg too (it then exits with 255).
      if (signal?.aborted || code === 255 || exitSignal === 'SIGINT' || exitSignal === 'SIGTERM') return reject(cancelled(job.task));
      const said = lastMeaningfulLine([...tail, partial].join('\n'));
      if (code === 0) return resolve(said);
      const how = exitSignal ? `ffmpeg was stopped by ${exitSignal}` : said ? `ffmpeg says: "${said}"` : `ffmpeg exited with status ${code}`;
      reject(new AppError('MEDIA_FAILED', `${sentence(job.task)} failed: ${how}. Check that the original plays in another player; if it does, report this message.`));
    });
  });
}
