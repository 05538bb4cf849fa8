// Passphrases: weak ones refused with advice; the same letters however a keyboard composes them.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { listCoders } from '../../electron/core/store/coders.ts';
import { closeStudy, createStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { caught } from '../helpers/errors.ts';
import { ACTOR, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { WEAK_PASSPHRASES } from '../helpers/weak-passphrases.ts';

const tempDir = useTempDir();

/** "Café crème …" with its accents as combining marks (NFD), as some keyboards and systems send them. */
const DECOMPOSED = 'Cafe\u0301 cre\u0300me au lait tous les matins';
const COMPOSED = DECOMPOSED.normalize('NFC');

describe('weak passphrases', () => {
  for (const weak of WEAK_PASSPHRASES) {
    it(`${JSON.stringify(weak)} is refused at create with the reason and a suggestion, and no file is left`, () => {
      const dir = tempDir();
      const err = caught(() => createStudy(join(dir, 'study.3rs'), weak, { actor: ACTOR }));
      expect(err.code).toBe('WEAK_PASSPHRASE');
      expect(err.message).toMatch(/^This passphrase is too easy to guess: [^.]+\. .*words/);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('the study’s own file name does not make a passphrase', () => {
    const dir = tempDir();
    expect(caught(() => createStudy(join(dir, 'alliancerupturestudy.3rs'), 'alliancerupturestudy', { actor: ACTOR }))).toMatchObject({
      code: 'WEAK_PASSPHRASE',
    });
    expect(existsSync(join(dir, 'alliancerupturestudy.3rs'))).toBe(false);
  });

  it('a sentence of a few unrelated words is accepted', () => {
    closeStudy(createStudy(join(tempDir(), 's.3rs'), PASSPHRASE, { actor: ACTOR }));
  });
});

describe('passphrases are compared as text, not as keystrokes', () => {
  it('a study made with composed accents opens with the same passphrase typed as combining marks, and back', () => {
    const made = createStudy(join(tempDir(), 's.3rs'), COMPOSED, { actor: ACTOR });
    closeStudy(made);
    closeStudy(openStudy(made.path, DECOMPOSED));
    const other = createStudy(join(tempDir(), 't.3rs'), DECOMPOSED, { actor: ACTOR });
    closeStudy(other);
    closeStudy(openStudy(other.path, COMPOSED));
  });

  it('a study keyed with the bytes as typed (before passphrases were normalised) still opens with them', () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'C01');
    closeStudy(study);
    // Re-key it by hand with the decomposed bytes, as an older version would have.
    const db = new Database(study.path);
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.key(Buffer.from(PASSPHRASE, 'utf8'));
    db.pragma('journal_mode = DELETE');
    db.rekey(Buffer.from(DECOMPOSED, 'utf8'));
    db.pragma('journal_mode = WAL');
    db.close();
    const reopened = openStudy(study.path, DECOMPOSED);
    expect(listCoders(reopened.db).map((c) => c.code)).toEqual(['C01']);
    closeStudy(reopened);
  });
});
