// How free the process that routes stays while the core works: the event-loop delay (p99, monitorEventLoopDelay)
// of this thread while a proxy job runs and, beside it, an export of 1,000 recordings × 2 coders and the
// reliability report over them — with the core in its worker (the app's arrangement: startCore) and, in the same
// run, with the same handlers in this thread (the old arrangement), so the gain shows side by side.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EventName } from '../electron/core/api/channels.ts';
import { createApiHandlers, type ApiHandlers, type PushEvent } from '../electron/core/api/handlers.ts';
import type { Result } from '../electron/core/errors.ts';
import { addRecording } from '../electron/core/recordings/add-recording.ts';
import { addCoder } from '../electron/core/store/coders.ts';
import { closeStudy } from '../electron/core/store/study-file.ts';
import { startCore } from '../electron/main/core-client.ts';
import { mpeg2Clip } from '../tests/e2e/harness/clips.ts';
import { BENCH_PASSPHRASE, generateStudy, RECORDINGS } from './generated-study.ts';
import { type BenchResult, round } from './types.ts';

const LEAD = 'L01';
const CLIP = 'BENCH-PROXY';
/** A frame at 60 Hz: a thread that answers within it never makes the page wait a frame. */
const GOAL_MS = 16;

/** The generated study with a lead (the report and the export are a lead's) and a 60 s MPEG-2 recording that needs a proxy. */
async function labStudy(dir: string): Promise<string> {
  const study = generateStudy(join(dir, 'lab.3rs'), RECORDINGS);
  try {
    addCoder(study.db, { code: LEAD, name: 'Bench lead', role: 'lead' }, 'bench');
    await addRecording(study.db, { videoPath: await mpeg2Clip(60, '640x360'), code: CLIP }, 'bench');
  } finally {
    closeStudy(study);
  }
  return study.path;
}

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** Follows jobs by what the core pushes, as the page does: resolves when a job has ended. */
function jobEnds(): { push: PushEvent; ended(jobId: string): Promise<void> } {
  const ended = new Set<string>();
  const waiting = new Map<string, () => void>();
  const push = (name: EventName, payload: unknown) => {
    const status = payload as { jobId: string; state: string };
    if (name !== 'job.changed' || status.state === 'running') return;
    ended.add(status.jobId);
    waiting.get(status.jobId)?.();
  };
  return {
    push: push as PushEvent,
    ended: (jobId) => (ended.has(jobId) ? Promise.resolve() : new Promise((resolve) => waiting.set(jobId, resolve))),
  };
}

/**
 * The delay p99 and worst of this thread from starting the three until the export and the report are done (the
 * proxy, the longest, still running), in ms.
 */
async function lagWhileBusy(api: ApiHandlers, jobs: ReturnType<typeof jobEnds>, path: string, outDir: string): Promise<{ p99: number; max: number }> {
  value(await api['study.open']({ path, passphrase: BENCH_PASSPHRASE }));
  value(await api['session.selectCoder']({ code: LEAD }));
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  try {
    const proxy = value(await api['media.prepare']({ recording: CLIP }));
    const exported = value(await api['export.run']({ outDir, format: 'csv' }));
    value(await api['reliability.report']({}));
    await jobs.ended(exported.jobId);
    delay.disable();
    value(await api['jobs.cancel']({ jobId: proxy.jobId }));
    return { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
  } finally {
    delay.disable();
    await api['study.close']({});
  }
}

export async function mainThreadLag(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-lag-'));
  try {
    const base = await labStudy(dir);
    // Each arrangement gets its own copy: the proxy made in one must not be ready for the other.
    const copies = ['worker', 'in-process'].map((name) => {
      mkdirSync(join(dir, name));
      const path = join(dir, name, 'lab.3rs');
      copyFileSync(base, path);
      return path;
    });

    const workerJobs = jobEnds();
    const core = startCore();
    let inWorker: { p99: number; max: number };
    try {
      inWorker = await lagWhileBusy(core.open({ push: workerJobs.push }).handlers, workerJobs, copies[0]!, join(dir, 'export-worker'));
    } finally {
      await core.terminate();
    }
    const hereJobs = jobEnds();
    const inProcess = await lagWhileBusy(createApiHandlers({ push: hereJobs.push }), hereJobs, copies[1]!, join(dir, 'export-here'));

    const what = `while a proxy job, an export of ${RECORDINGS.toLocaleString('en')} recordings × 2 coders and the reliability report run`;
    return [
      {
        name: `routing thread's event-loop delay p99, core in its worker, ${what}`,
        value: round(inWorker.p99, 1),
        unit: 'ms',
        goal: `<= ${GOAL_MS} ms`,
        ok: inWorker.p99 <= GOAL_MS,
      },
      {
        name: 'context: the same, core in the routing thread (the old arrangement)',
        value: round(inProcess.p99, 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      { name: 'context: worst single delay, core in its worker', value: round(inWorker.max, 1), unit: 'ms', goal: '—', ok: true },
      { name: 'context: worst single delay, core in the routing thread', value: round(inProcess.max, 1), unit: 'ms', goal: '—', ok: true },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
