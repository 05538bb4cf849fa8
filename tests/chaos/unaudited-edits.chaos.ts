// Row "rows changed with the passphrase but without an audit entry": eight kinds of direct SQL edit made by
// someone who has the passphrase (a mark's code, a mark's time, a mark deleted, a rating, a coder's role, the
// blind flag, a segment note, a coding's status), each on its own copy of a study with a full history. It
// holds when `3rs study verify` exits 1 and its audit-replay line names the changed row.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { studyWithHistory, UNAUDITED_EDITS, type UnauditedEdit } from '../helpers/audit-history.ts';
import { PASS_ENV, run3rs, WITH_PASS } from '../helpers/cli.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import type { ChaosOutcome, ChaosScenario } from './types.ts';

const C01 = "(SELECT id FROM coders WHERE code = 'C01')";

const EDITS: readonly UnauditedEdit[] = [
  ...UNAUDITED_EDITS,
  {
    what: "a coding's status",
    sql: () => `UPDATE coding_status SET state = 'in-progress' WHERE coder_id = ${C01}`,
    named: /the coding of C01 on D01-S01: the table says open, the audit log says complete/,
  },
];

async function attempt(original: string, markId: number, root: string, i: number): Promise<string | undefined> {
  const edit = EDITS[i % EDITS.length]!;
  const path = join(root, `cycle-${i}.3rs`);
  copyFileSync(original, path);
  const tampered = openStudy(path, PASSPHRASE);
  try {
    tampered.db.prepare(edit.sql(markId)).run();
  } finally {
    closeStudy(tampered);
  }
  const r = await run3rs(['study', 'verify', path, ...WITH_PASS], { env: PASS_ENV, timeoutMs: 60_000 });
  const problems: string[] = [];
  if (r.timedOut) problems.push('verify did not finish in 60 s');
  if (r.code !== 1) problems.push(`exit ${r.code}`);
  if (!/FAIL\s+audit-replay\s+1 row differs from the audit log/.test(r.stdout)) problems.push('no failing audit-replay line naming one row');
  if (!edit.named.test(r.stdout))
    problems.push(`the row is not named: ${r.stdout.split('\n').find((l) => l.includes('audit-replay')) ?? r.stderr.trim()}`);
  return problems.length ? `${edit.what}: ${problems.join('; ')}` : undefined;
}

async function run(cycles: number): Promise<ChaosOutcome> {
  const root = mkdtempSync(join(tmpdir(), '3rs-chaos-unaudited-'));
  const failures: string[] = [];
  try {
    // A closed study has no WAL, so the file alone is the whole study and a copy is an identical one.
    const { study, markId } = studyWithHistory(root);
    closeStudy(study);
    for (let i = 0; i < cycles; i++) {
      const failure = await attempt(study.path, markId, root, i);
      if (failure) failures.push(failure);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { tried: cycles, held: cycles - failures.length, failures };
}

export const unauditedEdits: ChaosScenario = {
  name: 'rows changed with the passphrase but without an audit entry (marks, ratings, roles, blind flag)',
  fullCycles: EDITS.length,
  reducedCycles: EDITS.length,
  run,
};
