// Changing the passphrase: a re-keyed copy renamed over the study, so no moment leaves a file neither passphrase opens.
import { createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { listCoders } from '../../electron/core/store/coders.ts';
import { closeStudy, openStudy, rekeyStudy, rekeyTempPath } from '../../electron/core/store/study-file.ts';
import { verifyStudy } from '../../electron/core/store/verify.ts';
import { caught } from '../helpers/errors.ts';
import { ACTOR, addTestCoder, makeStudy, NEW_PASSPHRASE, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/**
 * Checks page 1 of a closed study with Node's own crypto, as SQLCipher 4 defines it: key = PBKDF2-HMAC-SHA512
 * (passphrase, the file's first 16 bytes, 256,000 iterations); the page's HMAC-SHA512 over its ciphertext, IV
 * and page number, keyed from the key by PBKDF2 (salt ^ 0x3a, 2 iterations); AES-256-CBC underneath.
 * Returns the page size the decrypted header states.
 */
function pageOneUnder(path: string, passphrase: string): number {
  const file = readFileSync(path);
  const pageSize = 4096;
  const reserve = 80; // 16-byte IV + 64-byte HMAC
  const salt = file.subarray(0, 16);
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, 256_000, 32, 'sha512');
  const macKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  const data = file.subarray(16, pageSize - reserve);
  const iv = file.subarray(pageSize - reserve, pageSize - reserve + 16);
  const pageNo = Buffer.alloc(4);
  pageNo.writeUInt32LE(1);
  const mac = createHmac('sha512', macKey).update(data).update(iv).update(pageNo).digest();
  if (!mac.equals(file.subarray(pageSize - reserve + 16, pageSize))) throw new Error('page 1 does not authenticate under this passphrase');
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([decipher.update(data), decipher.final()]).readUInt16BE(0);
}

describe('changing the passphrase', () => {
  it('keeps the data, the cipher settings (SQLCipher 4: PBKDF2-HMAC-SHA512, 256,000 iterations) and auto_vacuum FULL, and the audit entry is in the new file', () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'C01');
    expect(pageOneUnder(study.path, PASSPHRASE)).toBe(4096);
    rekeyStudy(study, PASSPHRASE, NEW_PASSPHRASE, ACTOR);
    // The handle now points at the re-keyed file: a write after the rekey is kept.
    addTestCoder(study, 'C02');
    closeStudy(study);
    expect(pageOneUnder(study.path, NEW_PASSPHRASE)).toBe(4096);
    expect(() => pageOneUnder(study.path, PASSPHRASE)).toThrow(/does not authenticate/);
    const reopened = openStudy(study.path, NEW_PASSPHRASE);
    expect(listCoders(reopened.db).map((c) => c.code)).toEqual(['C01', 'C02']);
    expect(reopened.db.pragma('auto_vacuum', { simple: true })).toBe(1);
    expect(listAudit(reopened.db).map((e) => e.action)).toContain('study.rekey');
    expect(verifyStudy(reopened).ok).toBe(true);
    closeStudy(reopened);
    expect(readdirSync(dirname(study.path))).toEqual(['study.3rs']);
  });

  it('a copy left by a rekey killed before its rename is removed at the next open, with a warning, and the study keeps its old passphrase', () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'C01');
    closeStudy(study);
    // What a kill part-way leaves: the copy, half re-keyed, and its rollback journal.
    copyFileSync(study.path, rekeyTempPath(study.path));
    writeFileSync(`${rekeyTempPath(study.path)}-journal`, Buffer.alloc(4096, 9));
    const before = readFileSync(study.path);
    const wrong = caught(() => openStudy(study.path, NEW_PASSPHRASE));
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect(wrong.message).toMatch(/change of passphrase was interrupted.*still opens with its previous passphrase/);
    expect(readFileSync(study.path).equals(before)).toBe(true);
    expect(existsSync(rekeyTempPath(study.path))).toBe(true);

    const reopened = openStudy(study.path, PASSPHRASE);
    expect(reopened.warnings).toEqual([
      expect.stringMatching(/^A change of passphrase was interrupted.*unfinished copy was removed.*keeps its previous passphrase\.$/),
    ]);
    expect(existsSync(rekeyTempPath(study.path))).toBe(false);
    expect(existsSync(`${rekeyTempPath(study.path)}-journal`)).toBe(false);
    expect(listAudit(reopened.db).map((e) => e.action)).not.toContain('study.rekey');
    closeStudy(reopened);
  });

  it('is refused while another connection has the study open, and nothing changes', () => {
    const study = makeStudy(tempDir());
    const other = openStudy(study.path, PASSPHRASE);
    expect(caught(() => rekeyStudy(study, PASSPHRASE, NEW_PASSPHRASE, ACTOR))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/open in another window or process/),
    });
    addTestCoder(study, 'C01');
    closeStudy(other);
    closeStudy(study);
    expect(existsSync(rekeyTempPath(study.path))).toBe(false);
    const reopened = openStudy(study.path, PASSPHRASE);
    expect(listCoders(reopened.db)).toHaveLength(1);
    closeStudy(reopened);
  });

  it('refuses a weak new passphrase before touching anything', () => {
    const study = makeStudy(tempDir());
    expect(caught(() => rekeyStudy(study, PASSPHRASE, 'password12', ACTOR))).toMatchObject({ code: 'WEAK_PASSPHRASE' });
    closeStudy(study);
    expect(existsSync(rekeyTempPath(study.path))).toBe(false);
    closeStudy(openStudy(study.path, PASSPHRASE));
  });
});
