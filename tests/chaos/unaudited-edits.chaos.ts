// Row "rows changed with the passphrase but without an audit entry": eight kinds of direct SQL edit made by
// someone who has the passphrase (a mark's code, a mark's time, a mark deleted, a rating, a coder's role, the
// blind flag, a segment note, a coding's status), each on its own copy of a study with a full history. It
// holds when `3rs study verify` exits 1 and its audit-replay line names the changed row.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { studyWithHistory } from '../helpers/audit-history.ts';
import { PASS_ENV, run3rs, WITH_PASS } from '../helpers/cli.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import type { ChaosOutcome, ChaosScenario } from './types.ts';

const C01 = "(SELECT id FROM coders WHERE code = 'C01')";

const EDITS: { what: string; sql: (markId: number) => string; named: RegExp }[] = [
  {
    what: "a mark's code",
    sql: (id) => `UPDATE events SET code = 'W3' WHERE id = ${id}`,
    named: /mark \d+ of C01 on D01-S01: the table says W3 at 00:12\.500, the audit log says W2/,
  },
  {
    what: "a mark's time",
    sql: (id) => `UPDATE events SET time_ms = 61000 WHERE id = ${id}`,
    named: /mark \d+ of C01 on D01-S01: the table says W2 at 01:01, the audit log says at 00:12\.500/,
  },
  {
    what: 'a mark deleted',
    sql: (id) => `UPDATE events SET deleted = 1 WHERE id = ${id}`,
    named: /mark \d+ of C01 on D01-S01: the table says W2 at 00:12\.500, deleted, the audit log says not deleted/,
  },
  {
    what: 'a rating',
    sql: () => `UPDATE ratings SET value = 5 WHERE item = 'W2' AND coder_id = ${C01}`,
    named: /rating W2 of C01 on D01-S01: the table says 5, the audit log says 4/,
  },
  {
    what: "a coder's role",
    sql: () => "UPDATE coders SET role = 'lead' WHERE code = 'C02'",
    named: /coder C02: the table says role lead, the audit log says role coder/,
  },
  {
    what: 'the blind flag',
    sql: () => 'UPDATE study SET blind_coding = 0',
    named: /setting blind coding: the table says off, the audit log says on/,
  },
  {
    what: 'a segment note',
    sql: () => `UPDATE segment_notes SET note = 'rewritten' WHERE segment_index = 1 AND coder_id = ${C01}`,
    named: /the note on segment 2 of C01 on D01-S01: the table's text differs from the audit log's/,
  },
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
