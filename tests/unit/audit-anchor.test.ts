import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditHead, checkAuditAnchor, listAudit } from '../../electron/core/audit/audit-log.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

describe('the audit head and its anchors', () => {
  it('the head is the last entry written; an empty log is position 0 with the genesis hash', () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'C01');
    const last = listAudit(study.db, { limit: 1 })[0]!;
    expect(auditHead(study.db)).toEqual({ seq: last.seq, hash: last.hash });
    study.db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log');
    expect(auditHead(study.db)).toEqual({ seq: 0, hash: GENESIS_HASH });
    closeStudy(study);
  });

  it('an anchor taken earlier still holds after more entries are appended', () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'C01');
    const anchor = auditHead(study.db);
    addTestCoder(study, 'C02');
    addFakeRecording(study, 'D01-S01', 60_000);
    const check = checkAuditAnchor(study.db, anchor);
    expect(check).toEqual({ ok: true, head: auditHead(study.db) });
    expect(checkAuditAnchor(study.db, { seq: 0, hash: GENESIS_HASH }).ok).toBe(true);
    closeStudy(study);
  });

  it('an anchor fails when the history up to it was rewritten, cut short, or belongs to another study', () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'C01');
    const anchor = auditHead(study.db);
    expect(checkAuditAnchor(study.db, { seq: anchor.seq + 5, hash: anchor.hash })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ends at entry/),
    });
    expect(checkAuditAnchor(study.db, { seq: anchor.seq, hash: 'a'.repeat(64) })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/rewritten/),
    });

    // Another study has a valid chain of the same length, but not this anchor.
    const other = makeStudy(tempDir(), 300, 'other.3rs');
    addTestCoder(other, 'C09');
    expect(checkAuditAnchor(other.db, anchor)).toMatchObject({ ok: false });
    closeStudy(other);

    study.db.exec('DROP TRIGGER audit_log_no_update');
    study.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run();
    expect(checkAuditAnchor(study.db, anchor)).toMatchObject({ ok: false, reason: expect.stringMatching(/broken/) });
    closeStudy(study);
  });
});
