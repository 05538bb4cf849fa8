// Cost of the encryption on the hot path of coding: committing one mark (synchronous=FULL, WAL),
// in an encrypted study versus the same schema and code on a plain SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { addMark } from '../electron/core/coding/marks.ts';
import { addCoder } from '../electron/core/store/coders.ts';
import { migrate } from '../electron/core/store/migrations/index.ts';
import { closeStudy, createStudy } from '../electron/core/store/study-file.ts';
import { insertBenchRecording } from './generated-study.ts';
import { type BenchResult, percentile, round } from './types.ts';

const MARKS = 400;

function seed(db: Db): void {
  addCoder(db, { code: 'C01', name: 'Bench' }, 'bench');
  insertBenchRecording(db, 'D01-S01', 'b'.repeat(64), 3_000_000);
}

function timeMarks(db: Db): number[] {
  const samples: number[] = [];
  for (let i = 0; i < MARKS; i++) {
    const t0 = performance.now();
    addMark(db, 'D01-S01', 'C01', { code: i % 2 ? 'W2' : 'C3', clarity: 'check', timeMs: i * 1000 }, 'C01');
    samples.push(performance.now() - t0);
  }
  return samples;
}

export async function markWrites(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-'));
  try {
    const study = createStudy(join(dir, 'enc.3rs'), 'benchmark passphrase', { actor: 'bench' });
    seed(study.db);

    const plain = new Database(join(dir, 'plain.sqlite'));
    plain.pragma('journal_mode = WAL');
    plain.pragma('synchronous = FULL');
    plain.pragma('foreign_keys = ON');
    migrate(plain);
    plain.prepare("INSERT INTO study (id, scheme_id, segment_seconds, created_at) VALUES (1, '3rs-2015', 300, 'x')").run();
    seed(plain);

    // Interleave rounds so drift in machine load hits both sides alike.
    const enc: number[] = [];
    const base: number[] = [];
    for (let round = 0; round < 3; round++) {
      enc.push(...timeMarks(study.db));
      base.push(...timeMarks(plain));
    }
    closeStudy(study);
    plain.close();

    const p95 = percentile(enc, 95);
    const ratio = percentile(enc, 50) / percentile(base, 50);
    return [
      { name: 'mark commit p50 (encrypted)', value: round(percentile(enc, 50)), unit: 'ms', goal: '< 8 ms', ok: percentile(enc, 50) < 8 },
      { name: 'mark commit p95 (encrypted)', value: round(p95), unit: 'ms', goal: '< 16 ms', ok: p95 < 16 },
      { name: 'mark commit p50 encrypted / plain SQLite', value: round(ratio), unit: 'x', goal: '<= 1.5x', ok: ratio <= 1.5 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
