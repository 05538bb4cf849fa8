import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditHead, hashRecord, GENESIS_HASH } from '../../electron/core/audit/audit-log.ts';
import { addMark } from '../../electron/core/coding/index.ts';
import { exportStudy } from '../../electron/core/export/export-study.ts';
import { closeStudy, openStudy, type Study } from '../../electron/core/store/study-file.ts';
import { REC, studyWithHistory } from '../helpers/audit-history.ts';
import { PASS_ENV, run3rs, WITH_PASS } from '../helpers/cli.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
}

/** What someone with the passphrase could do: rewrite an entry and re-hash the whole chain so that it verifies. */
function rewriteHistory(study: Study, seq: number, actor: string): void {
  const { db } = study;
  db.exec('DROP TRIGGER audit_log_no_update');
  const rows = db.prepare('SELECT seq, at, actor, action, entity, entity_id, before, after FROM audit_log ORDER BY seq').all() as Row[];
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const r = {
      seq: row.seq,
      at: row.at,
      actor: row.seq === seq ? actor : row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      before: row.before,
      after: row.after,
      prevHash,
    };
    const hash = hashRecord(r);
    db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(r.actor, prevHash, hash, row.seq);
    prevHash = hash;
  }
}

function exportedStudy(dir: string) {
  const { study } = studyWithHistory(dir);
  const out = join(dir, 'export');
  mkdirSync(out);
  const { manifest } = exportStudy(study.db, { outDir: out });
  return { study, manifestPath: join(out, 'manifest.json'), manifest };
}

describe('anchors: the audit head leaves the machine in every export', () => {
  it("an export's manifest carries the chain head as it was when the export read the study", () => {
    const { study, manifestPath, manifest } = exportedStudy(tempDir());
    expect(manifest.auditHead).toEqual(auditHead(study.db));
    expect(JSON.parse(readFileSync(manifestPath, 'utf8')).auditHead).toEqual(manifest.auditHead);
    closeStudy(study);
  });

  it('3rs study verify --anchor proves the chain still holds it after more work, and exits 1 with a sentence once history was rewritten', async () => {
    const dir = tempDir();
    const { study, manifestPath, manifest } = exportedStudy(dir);
    addMark(study.db, REC, 'L01', { code: 'W4', clarity: 'check', timeMs: 1_000 }, 'L01');
    closeStudy(study);

    const held = await run3rs(['study', 'verify', study.path, '--anchor', manifestPath, ...WITH_PASS], { env: PASS_ENV });
    expect(held.code).toBe(0);
    expect(held.stdout).toMatch(
      new RegExp(`ok\\s+audit-anchor\\s+the chain still holds entry ${manifest.auditHead.seq} with the anchor's hash .*; 1 entries were added since`),
    );

    const reopened = openStudy(study.path, PASSPHRASE);
    rewriteHistory(reopened, 2, 'someone else');
    closeStudy(reopened);

    const broken = await run3rs(['study', 'verify', study.path, '--anchor', manifestPath, ...WITH_PASS], { env: PASS_ENV });
    expect(broken.code).toBe(1);
    // The re-hashed chain verifies on its own; only the anchor shows the rewrite.
    expect(broken.stdout).toMatch(/ok\s+audit-chain/);
    expect(broken.stdout).toMatch(
      new RegExp(
        `FAIL\\s+audit-anchor\\s+audit entry ${manifest.auditHead.seq} has hash .* the anchor says .*: the log was rewritten up to that entry`,
      ),
    );
    expect(broken.stderr).toMatch(/^3rs: 1 check\(s\) failed \(audit-anchor\)/);
  });

  it('a file with no audit head is refused before the passphrase is asked for', async () => {
    const dir = tempDir();
    const file = join(dir, 'old-manifest.json');
    writeFileSync(file, JSON.stringify({ app: '3RS Station', files: [] }));
    const r = await run3rs(['study', 'verify', join(dir, 'none.3rs'), '--anchor', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no audit head .* older exports carry none/);
  });
});
