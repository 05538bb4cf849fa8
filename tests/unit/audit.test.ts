import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAuditChain } from '../../electron/core/audit/audit-log.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { verifyStudy } from '../../electron/core/store/verify.ts';
import { PASSPHRASE, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

function studyWithHistory(dir: string) {
  const study = makeStudy(dir);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  addFakeRecording(study, 'D01-S01', 600_000);
  return study;
}

describe('the audit trail', () => {
  it('records who, when, what, before and after for every change', () => {
    const study = studyWithHistory(tempDir());
    const entries = listAudit(study.db);
    expect(entries.map((e) => e.action).reverse()).toEqual(['study.create', 'coder.add', 'coder.add', 'recording.add']);
    const last = entries[0]!;
    expect(last).toMatchObject({ actor: 'test', entity: 'recording', entityId: 'D01-S01' });
    expect(JSON.parse(last.after!)).toMatchObject({ code: 'D01-S01' });
    expect(Date.parse(last.at)).not.toBeNaN();
    expect(verifyAuditChain(study.db)).toEqual({ ok: true, entries: 4 });
    closeStudy(study);
  });

  it('cannot be updated or deleted through SQL', () => {
    const study = studyWithHistory(tempDir());
    expect(() => study.db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => study.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    closeStudy(study);
  });

  it('verify names the first altered entry when someone with the key rewrites history', () => {
    const study = studyWithHistory(tempDir());
    study.db.exec('DROP TRIGGER audit_log_no_update');
    study.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run();
    expect(verifyAuditChain(study.db)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/altered/) });
    closeStudy(study);
  });

  it('verify notices a removed entry and a re-hashed forgery that no longer links', () => {
    const study = studyWithHistory(tempDir());
    study.db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update');
    study.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(verifyAuditChain(study.db)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/missing/) });
    closeStudy(study);

    const other = studyWithHistory(tempDir());
    other.db.exec('DROP TRIGGER audit_log_no_update');
    // A forger who recomputes the row's own hash still breaks the link to the next entry.
    other.db.prepare("UPDATE audit_log SET actor = 'mallory', hash = ? WHERE seq = 2").run('f'.repeat(64));
    expect(verifyAuditChain(other.db)).toMatchObject({ ok: false, brokenAt: 2 });
    closeStudy(other);
  });

  it('an entry written in a rolled-back transaction leaves no trace', () => {
    const study = studyWithHistory(tempDir());
    const before = listAudit(study.db).length;
    expect(() =>
      study.db.transaction(() => {
        appendAudit(study.db, { actor: 'test', action: 'coder.add', entity: 'coder', entityId: 'X' });
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(listAudit(study.db)).toHaveLength(before);
    closeStudy(study);
  });
});

describe('study verify', () => {
  it('passes on a healthy study', () => {
    const study = studyWithHistory(tempDir());
    const report = verifyStudy(study);
    // Other checks may join these; every one passes.
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual(
      expect.arrayContaining([
        ['integrity', true],
        ['cipher-pages', true],
        ['audit-chain', true],
        ['audit-replay', true],
      ]),
    );
    expect(report.ok).toBe(true);
    closeStudy(study);
  });

  it('reports a flipped byte in the middle of the file', () => {
    const dir = tempDir();
    const study = studyWithHistory(dir);
    // Enough rows that the file has many pages and the middle one holds data.
    for (let i = 0; i < 40; i++) addFakeRecording(study, `D${String(i + 10).padStart(3, '0')}-S01`, 60_000);
    closeStudy(study);
    const bytes = readFileSync(study.path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x5a;
    writeFileSync(study.path, bytes);
    let report;
    try {
      const reopened = openStudy(study.path, PASSPHRASE);
      report = verifyStudy(reopened);
      closeStudy(reopened);
    } catch (err) {
      // The damaged page may be one that opening needs: that is a detection too.
      expect(err).toMatchObject({ code: 'STUDY_CORRUPT' });
      return;
    }
    expect(report.ok).toBe(false);
    expect(
      report.checks
        .filter((c) => !c.ok)
        .map((c) => c.detail)
        .join(' '),
    ).toMatch(/malformed|corrupt|page/i);
  });

  it('reports a truncated file', () => {
    const dir = tempDir();
    const study = studyWithHistory(dir);
    for (let i = 0; i < 40; i++) addFakeRecording(study, `D${String(i + 10).padStart(3, '0')}-S02`, 60_000);
    closeStudy(study);
    const bytes = readFileSync(study.path);
    writeFileSync(study.path, bytes.subarray(0, bytes.length - 4096));
    let failed: boolean;
    try {
      const reopened = openStudy(study.path, PASSPHRASE);
      failed = !verifyStudy(reopened).ok;
      closeStudy(reopened);
    } catch {
      failed = true;
    }
    expect(failed).toBe(true);
  });
});
