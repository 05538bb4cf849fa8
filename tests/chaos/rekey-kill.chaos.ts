// Row "kill -9 during study rekey": a study of a few MB is made once and copied for each attempt; `3rs study
// rekey` of the copy is killed with SIGKILL at a random moment while it works (between the moment its re-keyed
// copy appears beside the study and the moment a whole rekey ends, as timed once beforehand). It holds when
// exactly one of the two passphrases opens the study, verify passes, every mark is still there, the rekey's
// audit entry is in the file exactly when the new passphrase is the one that opens it, and nothing is left
// beside the study after that open.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { addMark } from '../../electron/core/coding/marks.ts';
import { AppError } from '../../electron/core/errors.ts';
import { closeStudy, openStudy, rekeyTempPath } from '../../electron/core/store/study-file.ts';
import { verifyStudy } from '../../electron/core/store/verify.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy, NEW_PASSPHRASE, PASSPHRASE } from '../helpers/study.ts';
import type { ChaosOutcome, ChaosScenario } from './types.ts';

const CLI = fileURLToPath(new URL('../../electron/cli/3rs.mjs', import.meta.url));
/** Marks in the study: with their audit entries, about 6 MB. */
const MARKS = 8000;
const CODES = ['W1', 'W4', 'C2', 'R1', 'R4'];

interface RekeyRun {
  /** Milliseconds from the start until the re-keyed copy appeared beside the study (null: never seen). */
  copyAt: number | null;
  endedAt: number;
  code: number | null;
  killed: boolean;
}

/** Runs `3rs study rekey path`; with `killAfter`, SIGKILLs it that many ms after its copy appears. */
function rekey(path: string, killAfter: number | null = null): Promise<RekeyRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'study', 'rekey', path, '--passphrase-env', 'OLD_PASS', '--new-passphrase-env', 'NEW_PASS'], {
      env: { ...process.env, OLD_PASS: PASSPHRASE, NEW_PASS: NEW_PASSPHRASE },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let copyAt: number | null = null;
    let killed = false;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const watch = setInterval(() => {
      if (copyAt !== null || !existsSync(rekeyTempPath(path))) return;
      copyAt = performance.now() - started;
      if (killAfter !== null) setTimeout(() => (killed = child.kill('SIGKILL')), killAfter);
    }, 1);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(watch);
      if (code !== 0 && !killed) reject(new Error(`3rs study rekey failed (exit ${code}): ${stderr.trim()}`));
      else resolve({ copyAt, endedAt: performance.now() - started, code, killed });
    });
  });
}

interface Opened {
  marks: number;
  verified: boolean;
  rekeyAudited: boolean;
}

function tryOpen(path: string, passphrase: string): Opened | null {
  let study;
  try {
    study = openStudy(path, passphrase);
  } catch (err) {
    if (err instanceof AppError && err.code === 'WRONG_PASSPHRASE') return null;
    throw err;
  }
  try {
    const marks = (study.db.prepare('SELECT count(*) AS n FROM events WHERE deleted = 0').get() as { n: number }).n;
    const rekeyAudited = listAudit(study.db).some((e) => e.action === 'study.rekey');
    return { marks, verified: verifyStudy(study).ok, rekeyAudited };
  } finally {
    closeStudy(study);
  }
}

async function run(cycles: number): Promise<ChaosOutcome> {
  const root = mkdtempSync(join(tmpdir(), '3rs-chaos-rekey-'));
  const failures: string[] = [];
  let held = 0;
  try {
    const study = makeStudy(root, 60, 'original.3rs');
    addFakeRecording(study, 'D01-S01', 3_600_000);
    addTestCoder(study, 'C01');
    study.db.transaction(() => {
      for (let i = 0; i < MARKS; i++)
        addMark(study.db, 'D01-S01', 'C01', { code: CODES[i % CODES.length]!, clarity: 'check', timeMs: (i * 449) % 3_600_000 }, ACTOR);
    })();
    closeStudy(study);

    // One whole rekey first: it proves the setup and times the stretch a kill should land in.
    const timingDir = join(root, 'timing');
    mkdirSync(timingDir);
    const timing = join(timingDir, 'study.3rs');
    copyFileSync(study.path, timing);
    const whole = await rekey(timing);
    const window = whole.endedAt - (whole.copyAt ?? 0);

    for (let cycle = 1; cycle <= cycles; cycle++) {
      const dir = join(root, `cycle-${cycle}`);
      mkdirSync(dir);
      const path = join(dir, 'study.3rs');
      let killAfter = Math.floor(Math.random() * window);
      copyFileSync(study.path, path);
      let attempt = await rekey(path, killAfter);
      // Now and then the rekey outruns the kill; try again earlier on a fresh copy rather than count a run never killed.
      for (let retry = 0; !attempt.killed && retry < 3; retry++) {
        killAfter = Math.floor(killAfter / 2);
        copyFileSync(study.path, path);
        attempt = await rekey(path, killAfter);
      }
      const what = `killed ${killAfter} ms after the copy appeared${attempt.killed ? '' : ' (the rekey had already finished)'}`;
      const problems: string[] = [];
      try {
        const withOld = tryOpen(path, PASSPHRASE);
        const withNew = tryOpen(path, NEW_PASSPHRASE);
        const opened = withOld ?? withNew;
        if (withOld && withNew) problems.push('both passphrases open it');
        if (!opened) problems.push('neither passphrase opens it');
        if (opened && !opened.verified) problems.push('verify fails');
        if (opened && opened.marks !== MARKS) problems.push(`${opened.marks} of ${MARKS} marks`);
        if (withOld?.rekeyAudited) problems.push('the old passphrase opens it but its audit log records the rekey');
        if (withNew && !withNew.rekeyAudited) problems.push('the new passphrase opens it but its audit log has no rekey entry');
        const left = readdirSync(dir).filter((f) => f !== 'study.3rs');
        if (left.length) problems.push(`left beside the study: ${left.join(', ')}`);
      } catch (err) {
        problems.push(`open failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (problems.length) failures.push(`${what}: ${problems.join('; ')}`);
      else held++;
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { tried: cycles, held, failures };
}

export const rekeyKill: ChaosScenario = {
  name: 'kill -9 during study rekey',
  fullCycles: 50,
  reducedCycles: 3,
  run,
};
