// What the app adds to making a playable copy: prepareMedia's proxy stage (ffmpeg, checking the copy, storing
// it encrypted in chunks) against the bare ffmpeg command with the very same arguments, on a 60 s MPEG-2 clip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { toErrorValue } from '../electron/core/errors.ts';
import { ffmpegEncoders, runTool } from '../electron/core/media/ffmpeg.ts';
import { proxyPlan } from '../electron/core/media/proxy.ts';
import { getRecording } from '../electron/core/recordings/registry.ts';
import { mpeg2Clip } from '../tests/e2e/harness/clips.ts';
import { prepare, studyWithRecording, type StudyWithRecording } from '../tests/e2e/harness/study.ts';
import { type BenchResult, round } from './types.ts';

const ROUNDS = 3;
const CODE = 'BENCH-MPEG2';

// runFfmpeg's own leading arguments (ffmpeg-job.ts builds them inline): the baseline runs what the job runs.
const JOB_PREFIX = ['-nostdin', '-hide_banner', '-y', '-v', 'error', '-nostats', '-progress', 'pipe:2'];

/**
 * Seconds of prepareMedia's proxy stage: from its start to the start of the next stage (the filmstrip),
 * which is then cancelled; the copy is already stored by then.
 */
async function proxyStage(recording: StudyWithRecording): Promise<number> {
  const stop = new AbortController();
  let started = 0;
  let ended = 0;
  try {
    await prepare(recording, {
      signal: stop.signal,
      onProgress: ({ stage }) => {
        if (stage === 'proxy' && started === 0) started = performance.now();
        if (stage !== 'proxy' && ended === 0) {
          ended = performance.now();
          stop.abort();
        }
      },
    });
  } catch (err) {
    if (toErrorValue(err).code !== 'CANCELLED') throw err;
  }
  if (!started || !ended) throw new Error('prepareMedia did not report a proxy stage followed by another stage');
  return (ended - started) / 1000;
}

async function bareFfmpeg(input: string, args: string[], dir: string, extension: string): Promise<number> {
  const out = join(dir, `bare.${extension}`);
  const t0 = performance.now();
  await runTool('ffmpeg', [...JOB_PREFIX, '-i', input, ...args, out]);
  const seconds = (performance.now() - t0) / 1000;
  rmSync(out, { force: true });
  return seconds;
}

// Best of the rounds: on a shared machine the fastest run is the one least disturbed by others.
const best = (xs: number[]): number => Math.min(...xs);

export async function mediaProxy(): Promise<BenchResult[]> {
  const clip = await mpeg2Clip(60, '640x360');
  const recording = await studyWithRecording(clip, CODE);
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-'));
  try {
    const plan = proxyPlan(await ffmpegEncoders(), getRecording(recording.ctx.study.db, CODE));
    const app: number[] = [];
    const bare: number[] = [];
    // Interleaved, and in turns which goes first, so drift in machine load hits both sides alike.
    for (let i = 0; i < ROUNDS; i++) {
      const runBare = async () => bare.push(await bareFfmpeg(clip, plan.args, dir, plan.extension));
      const runApp = async () => app.push(await proxyStage(recording));
      if (i % 2 === 0) await runBare().then(runApp);
      else await runApp().then(runBare);
    }
    process.stderr.write(`bench: proxy seconds, bare ${bare.map((s) => s.toFixed(2)).join(' ')}; prepareMedia ${app.map((s) => s.toFixed(2)).join(' ')}\n`);
    const ratio = best(app) / best(bare);
    return [
      { name: `proxy of 60 s MPEG-2 640x360: bare ffmpeg, best of ${ROUNDS}`, value: round(best(bare), 2), unit: 's', goal: '—', ok: true },
      { name: `proxy of 60 s MPEG-2 640x360: prepareMedia (encrypted), best of ${ROUNDS}`, value: round(best(app), 2), unit: 's', goal: '—', ok: true },
      { name: 'proxy making: prepareMedia / bare ffmpeg', value: round(ratio), unit: 'x', goal: '<= 1.15x', ok: ratio <= 1.15 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    recording.dispose();
  }
}
