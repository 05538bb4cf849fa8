// A real session's import: a 20-minute 1280x720 H.264 + AAC recording (made by ffmpeg at bench time, kept in
// $TMPDIR/3rs-test-clips between runs), from choosing the file — the recordings.import channel, as the page
// calls it — to "ready to code": the first status of the job that the core pushes to the page past hashing
// (the file hashed and probed, the recording registered; its filmstrip and waveform are made after, and the
// job is cancelled there). Goal: ≤ 1.3× `sha256sum` of the same file in the same run. The floor beside it is
// Node's own streamed SHA-256 of the file (sha256File, what the import reads it with): the import cannot
// be faster than its hash.
//
// The file is read once before the rounds, so every read (sha256sum's, Node's, the import's) comes from the
// page cache, as a recording just copied from a camera would.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { JobStatus } from '../electron/core/api/contract.ts';
import { createApiHandlers } from '../electron/core/api/handlers.ts';
import type { Result } from '../electron/core/errors.ts';
import { sha256File } from '../electron/core/recordings/hash.ts';
import { h264AacClip } from '../tests/e2e/harness/clips.ts';
import { BENCH_PASSPHRASE } from './generated-study.ts';
import { type BenchResult, percentile, round } from './types.ts';

const ROUNDS = 3;
/** The job's stages once the recording can be coded: the filmstrip and the waveform fill in while the coder works. */
const READY_STAGES = ['thumbnails', 'waveform'];

function value<T>(answer: Result<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

async function sha256sum(file: string): Promise<number> {
  const t0 = performance.now();
  await promisify(execFile)('sha256sum', [file]);
  return performance.now() - t0;
}

async function nodeHash(file: string): Promise<number> {
  const t0 = performance.now();
  await sha256File(file);
  return performance.now() - t0;
}

/** Milliseconds from recordings.import to the first pushed status that says the recording is ready to code. */
async function importUntilReady(file: string, dir: string): Promise<number> {
  let ready: (status: JobStatus) => void = () => undefined;
  let ended: () => void = () => undefined;
  const isReady = new Promise<JobStatus>((resolve) => (ready = resolve));
  const isOver = new Promise<void>((resolve) => (ended = resolve));
  let readyAt = 0;
  const api = createApiHandlers({
    push: (name, payload) => {
      if (name !== 'job.changed') return;
      const status = payload as JobStatus;
      if (readyAt === 0 && (status.state !== 'running' || READY_STAGES.includes(status.stage))) {
        readyAt = performance.now();
        ready(status);
      }
      if (status.state !== 'running') ended();
    },
  });
  value(await api['study.create']({ path: join(dir, 'study.3rs'), passphrase: BENCH_PASSPHRASE, coder: { code: 'C01', name: 'Bench' } }));
  try {
    const t0 = performance.now();
    const { jobId } = value(await api['recordings.import']({ path: file, code: 'D01-S01' }));
    const status = await isReady;
    if (status.state !== 'running' && status.state !== 'done') throw new Error(`the import ended ${status.state}: ${status.error.message}`);
    const ms = readyAt - t0;
    value(await api['jobs.cancel']({ jobId }));
    await isOver;
    return ms;
  } finally {
    value(await api['study.close']({}));
  }
}

const median = (values: number[]) => percentile(values, 50);

export async function importBench(): Promise<BenchResult[]> {
  const file = await h264AacClip(20 * 60, '1280x720');
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-import-'));
  try {
    await sha256sum(file); // into the page cache
    const sums: number[] = [];
    const hashes: number[] = [];
    const imports: number[] = [];
    for (let n = 0; n < ROUNDS; n++) {
      sums.push(await sha256sum(file));
      hashes.push(await nodeHash(file));
      imports.push(await importUntilReady(file, mkdtempSync(join(dir, 'study-'))));
    }
    const ratio = median(imports) / median(sums);
    const floor = median(hashes) / median(sums);
    const megabytes = round(statSync(file).size / 2 ** 20, 0);
    return [
      {
        name: `import of a 20-min 1280x720 H.264 + AAC recording (${megabytes} MB) → ready to code / sha256sum`,
        value: round(ratio, 2),
        unit: 'x',
        goal: '<= 1.3x',
        ok: ratio <= 1.3,
      },
      { name: 'context: the floor, Node’s streamed SHA-256 of the file / sha256sum', value: round(floor, 2), unit: 'x', goal: '—', ok: true },
      { name: 'context: import → ready to code', value: round(median(imports), 0), unit: 'ms', goal: '—', ok: true },
      { name: 'context: sha256sum of the file', value: round(median(sums), 0), unit: 'ms', goal: '—', ok: true },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
