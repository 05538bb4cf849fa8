// A study of 1,000 recordings coded by two coders (about 40 marks and all 28 ratings per coding), made once
// per bench run in a private temporary folder and shared by the benchmarks that need it; generateStudy makes
// the same kind of study of any size in a file of its own (the export's scaling benchmark opens it in a
// fresh process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importMarks, importRatings, type NewMark } from '../electron/core/coding/index.ts';
import { insertRecording, NOT_PROBED } from '../electron/core/recordings/registry.ts';
import { getScheme, ratingItemIds } from '../electron/core/scheme/index.ts';
import { addCoder } from '../electron/core/store/coders.ts';
import { createStudy, type Study } from '../electron/core/store/study-file.ts';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';

export const RECORDINGS = 1000;
export const BENCH_PASSPHRASE = 'benchmark passphrase';
export const CODERS = ['C01', 'C02'] as const;
const MARKS_PER_CODING = 40;
const DURATION_MS = 50 * 60_000;

/** A fixed pseudo-random sequence, so every run generates the same study. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A recording row with no file behind it: the benchmarks time coding and reading, never media. */
export function insertBenchRecording(db: Db, code: string, sha256: string, durationMs: number): void {
  insertRecording(
    db,
    {
      code,
      path: `/bench/${code}.mp4`,
      sizeBytes: 1,
      sha256,
      durationMs,
      ...NOT_PROBED,
    },
    'bench',
  );
}

/** The study of `recordings` recordings × two coders, generated at `path` (the same study for the same size). */
export function generateStudy(path: string, recordings: number): Study {
  const study = createStudy(path, BENCH_PASSPHRASE, { actor: 'bench' });
  const scheme = getScheme('3rs-2015');
  const codes = scheme.codes.map((c) => c.id);
  const items = ratingItemIds(scheme);
  const next = random(0x3a5);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  // One transaction: each import still runs its own (nested) transaction and audit entry, but the whole
  // study reaches the disk in one commit instead of five thousand.
  study.db.transaction(() => {
    for (const coder of CODERS) addCoder(study.db, { code: coder, name: `Bench ${coder}` }, 'bench');
    for (let r = 0; r < recordings; r++) {
      const code = `D${String(r + 1).padStart(4, '0')}-S01`;
      insertBenchRecording(study.db, code, r.toString(16).padStart(64, '0'), DURATION_MS);
      // The second coder keeps most of the first coder's marks, a little later, and adds some of their own.
      const first: NewMark[] = Array.from({ length: MARKS_PER_CODING }, () => ({
        code: pick(codes),
        clarity: next() < 0.8 ? 'check' : 'check-minus',
        timeMs: Math.floor(next() * DURATION_MS),
      }));
      const second = first.map((m) => (next() < 0.7 ? { ...m, timeMs: Math.min(DURATION_MS, m.timeMs + 2_000) } : { ...m, code: pick(codes) }));
      importMarks(study.db, code, 'C01', first, 'bench');
      importMarks(study.db, code, 'C02', second, 'bench');
      for (const coder of CODERS)
        importRatings(
          study.db,
          code,
          coder,
          items.map((item) => ({ item, value: 1 + Math.floor(next() * 5) })),
          'bench',
        );
    }
    // Signed off, as a lab's finished codings are (the report and the export compare complete codings). Written
    // straight into the status table: the benchmarks time the report and the export, not the sign-off.
    study.db.prepare("UPDATE coding_status SET state = 'complete'").run();
  })();
  return study;
}

function generate(): Study {
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-study-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return generateStudy(join(dir, 'generated.3rs'), RECORDINGS);
}

let shared: Study | undefined;

/** The generated study, made on first use; it is removed when the process exits. */
export function generatedStudy(): Study {
  shared ??= generate();
  return shared;
}

/** The baseline both benchmarks compare with: a raw SELECT of the rows an export shows (live marks with their codes, ratings, status). */
export function rawSelect(study: Study): number {
  const marks = study.db
    .prepare(
      `SELECT r.code AS recording, c.code AS coder, e.code, e.clarity, e.time_ms FROM events e
       JOIN recordings r ON r.id = e.recording_id JOIN coders c ON c.id = e.coder_id WHERE e.deleted = 0`,
    )
    .all();
  const ratings = study.db.prepare('SELECT recording_id, coder_id, item, value FROM ratings').all();
  const status = study.db.prepare('SELECT recording_id, coder_id, state FROM coding_status').all();
  return marks.length + ratings.length + status.length;
}

/** The median of `rounds` timings of fn, in ms; an async fn is timed until it settles. */
export async function medianMs(rounds: number, fn: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}
