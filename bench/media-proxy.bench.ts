// What the app adds to making a playable copy: prepareMedia's proxy stage (ffmpeg writing to a pipe, the copy
// encrypted into the media file as it comes, then checked) against the same ffmpeg job with its output thrown
// away, on a 60 s MPEG-2 clip.
import { performance } from 'node:perf_hooks';
import { toErrorValue } from '../electron/core/errors.ts';
import { ffmpegEncoders } from '../electron/core/media/ffmpeg.ts';
import { runFfmpeg } from '../electron/core/media/ffmpeg-job.ts';
import { proxyPlan } from '../electron/core/media/proxy.ts';
import { getRecording } from '../electron/core/recordings/registry.ts';
import { mpeg2Clip } from '../tests/e2e/harness/clips.ts';
import { prepare, studyWithRecording, type StudyWithRecording } from '../tests/e2e/harness/study.ts';
import { type BenchResult, round } from './types.ts';

const ROUNDS = 3;
const CODE = 'BENCH-MPEG2';

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

/** The very job prepareMedia runs (same arguments, progress included), its output read and dropped. */
async function bareFfmpeg(input: string, args: string[], durationMs: number): Promise<number> {
  const t0 = performance.now();
  await runFfmpeg({ args: ['-i', input, ...args, 'pipe:1'], task: 'timing bare ffmpeg', progress: { durationMs, onFraction: () => undefined } });
  return (performance.now() - t0) / 1000;
}

// Best of the rounds: on a shared machine the fastest run is the one least disturbed by others.
const best = (xs: number[]): number => Math.min(...xs);

export async function mediaProxy(): Promise<BenchResult[]> {
  const clip = await mpeg2Clip(60, '640x360');
  const recording = await studyWithRecording(clip, CODE);
  try {
    const rec = getRecording(recording.ctx.study.db, CODE);
    const plan = proxyPlan(await ffmpegEncoders(), rec);
    const app: number[] = [];
    const bare: number[] = [];
    // Interleaved, and in turns which goes first, so drift in machine load hits both sides alike.
    for (let i = 0; i < ROUNDS; i++) {
      const runBare = async () => bare.push(await bareFfmpeg(clip, plan.args, rec.durationMs));
      const runApp = async () => app.push(await proxyStage(recording));
      if (i % 2 === 0) await runBare().then(runApp);
      else await runApp().then(runBare);
    }
    process.stderr.write(
      `bench: proxy seconds, bare ${bare.map((s) => s.toFixed(2)).join(' ')}; prepareMedia ${app.map((s) => s.toFixed(2)).join(' ')}\n`,
    );
    const ratio = best(app) / best(bare);
    return [
      { name: `proxy of 60 s MPEG-2 640x360: bare ffmpeg, best of ${ROUNDS}`, value: round(best(bare), 2), unit: 's', goal: '—', ok: true },
      {
        name: `proxy of 60 s MPEG-2 640x360: prepareMedia (encrypted), best of ${ROUNDS}`,
        value: round(best(app), 2),
        unit: 's',
        goal: '—',
        ok: true,
      },
      { name: 'proxy making: prepareMedia / bare ffmpeg', value: round(ratio), unit: 'x', goal: '<= 1.15x', ok: ratio <= 1.15 },
    ];
  } finally {
    recording.dispose();
  }
}
