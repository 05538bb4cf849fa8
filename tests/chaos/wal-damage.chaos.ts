// Row "a flipped byte / truncation / deletion of the -wal": a writer commits marks and is killed with SIGKILL
// just after, so they are committed only in the study's -wal; then the log is damaged in one of four ways
// (a flipped byte in a committed frame, a frame cut short, a frame's salt changed, the -wal deleted while its
// -shm index stays). It holds when `3rs study verify` exits 1 with a sentence naming how many committed
// transactions are at stake (as counted from the frame headers by tests/helpers/wal-damage.ts), open refuses
// the study, and the study, its -wal and its -shm are byte for byte as they were.
//
// What no check can see: a -wal deleted together with its -shm. Nothing in the study file records commits
// made after its last checkpoint (SQLite keeps that count only in the log and its index), so that study opens
// as it was at the checkpoint. This row deletes the -wal alone, as a cleaning tool or a careless copy would.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../electron/core/errors.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { run3rs } from '../helpers/cli.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { damageWal, WAL_DAMAGE_CASES } from '../helpers/wal-damage.ts';
import type { ChaosOutcome, ChaosScenario } from './types.ts';

const WRITER = fileURLToPath(new URL('../helpers/mark-writer.ts', import.meta.url));
/** Marks the writer reports as committed before it is killed. */
const COMMITS = 4;

/** Runs the mark writer until it has committed COMMITS marks, then SIGKILLs it. */
function writeThenKill(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path, PASSPHRASE, 'D01-S01', 'C01'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let committed = 0;
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      committed += text.split('\n').filter((line) => line.startsWith('committed ')).length;
      if (committed >= COMMITS) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`the mark writer ended without being killed: ${stderr}`)),
    );
  });
}

const filesOf = (path: string): string =>
  ['', '-wal', '-shm'].map((s) => (existsSync(path + s) ? readFileSync(path + s).toString('base64') : '-')).join('|');

async function run(cycles: number): Promise<ChaosOutcome> {
  const root = mkdtempSync(join(tmpdir(), '3rs-chaos-wal-'));
  const failures: string[] = [];
  let held = 0;
  try {
    for (let cycle = 0; cycle < cycles; cycle++) {
      const how = WAL_DAMAGE_CASES[cycle % WAL_DAMAGE_CASES.length]!;
      const study = makeStudy(root, 60, `study-${cycle}.3rs`);
      addFakeRecording(study, 'D01-S01', 600_000);
      addTestCoder(study, 'C01');
      closeStudy(study);
      await writeThenKill(study.path);
      const atStake = damageWal(study.path, how);
      const before = filesOf(study.path);
      const problems: string[] = [];

      const verify = await run3rs(['study', 'verify', study.path, '--passphrase-env', 'STUDY_PASS'], { env: { STUDY_PASS: PASSPHRASE } });
      const named =
        how === 'deleted -wal' ? `at least ${atStake} committed transaction` : `${atStake} committed transaction${atStake === 1 ? '' : 's'} in`;
      if (verify.code !== 1) problems.push(`verify exited ${verify.code}${verify.code === 0 ? ' (all checks passed)' : ''}`);
      if (!verify.stderr.includes(named)) problems.push(`verify did not say "${named}…": ${verify.stderr.trim() || verify.stdout.trim()}`);
      try {
        closeStudy(openStudy(study.path, PASSPHRASE));
        problems.push('the study opened, dropping the damaged transactions without a word');
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'STUDY_CORRUPT')) problems.push(`open failed otherwise: ${String(err)}`);
      }
      if (filesOf(study.path) !== before) problems.push('the study, its -wal or its -shm changed');
      if (problems.length) failures.push(`${how}: ${problems.join('; ')}`);
      else held++;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { tried: cycles, held, failures };
}

export const walDamage: ChaosScenario = {
  name: 'a flipped byte / truncation / deletion of the -wal',
  fullCycles: 4,
  reducedCycles: 4,
  run,
};
