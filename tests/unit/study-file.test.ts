import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { addCoder, listCoders } from '../../electron/core/store/coders.ts';
import { LATEST_VERSION, migrate, schemaVersion } from '../../electron/core/store/migrations/index.ts';
import { getSettings, setSegmentSeconds } from '../../electron/core/store/settings.ts';
import { closeStudy, createStudy, openStudy, rekeyStudy } from '../../electron/core/store/study-file.ts';
import { insertRecording } from '../../electron/core/recordings/registry.ts';
import { caught } from '../helpers/errors.ts';
import { ACTOR, NEW_PASSPHRASE, PASSPHRASE, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

describe('the encrypted study file', () => {
  it('holds no plaintext: a unique recording code and a note are not in its bytes', () => {
    const dir = tempDir();
    const study = makeStudy(dir);
    const marker = `UNIQ${Date.now()}XYZ`;
    addFakeRecording(study, `${marker}-S01`, 60_000);
    study.db.prepare("INSERT INTO coders (code, name, role, created_at) VALUES ('C09', ?, 'coder', 'x')").run(`note ${marker}`);
    closeStudy(study);
    const bytes = readFileSync(study.path);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from(marker))).toBe(false);
    expect(bytes.includes(Buffer.from(marker, 'utf16le'))).toBe(false);
  });

  it('refuses a passphrase shorter than 10 characters and leaves no file behind', () => {
    const dir = tempDir();
    expect(() => createStudy(join(dir, 's.3rs'), 'short', { actor: ACTOR })).toThrow(/at least 10 characters/);
    expect(() => readFileSync(join(dir, 's.3rs'))).toThrow();
  });

  it('does not overwrite an existing file', () => {
    const dir = tempDir();
    closeStudy(makeStudy(dir));
    expect(() => makeStudy(dir)).toThrow(expect.objectContaining({ code: 'STUDY_EXISTS' }));
  });

  it('a wrong passphrase fails with a clear message and leaves the file byte-identical', () => {
    const dir = tempDir();
    const study = makeStudy(dir);
    addTestCoder(study);
    closeStudy(study);
    const before = readFileSync(study.path);
    expect(() => openStudy(study.path, 'not the passphrase')).toThrow(expect.objectContaining({ code: 'WRONG_PASSPHRASE' }));
    expect(readFileSync(study.path).equals(before)).toBe(true);
    const again = openStudy(study.path, PASSPHRASE);
    expect(listCoders(again.db).map((c) => c.code)).toEqual(['C01']);
    closeStudy(again);
  });

  it('a missing file and a plain (unencrypted) SQLite file get their own messages', () => {
    const dir = tempDir();
    expect(() => openStudy(join(dir, 'none.3rs'), PASSPHRASE)).toThrow(expect.objectContaining({ code: 'STUDY_NOT_FOUND' }));
    const plain = new Database(join(dir, 'plain.3rs'));
    plain.exec('CREATE TABLE t (a)');
    plain.close();
    expect(() => openStudy(join(dir, 'plain.3rs'), PASSPHRASE)).toThrow(expect.objectContaining({ code: 'WRONG_PASSPHRASE' }));
  });

  it('rekey works and the old passphrase stops working', () => {
    const dir = tempDir();
    const study = makeStudy(dir);
    addTestCoder(study);
    rekeyStudy(study, PASSPHRASE, NEW_PASSPHRASE, ACTOR);
    addTestCoder(study, 'C02');
    closeStudy(study);
    expect(() => openStudy(study.path, PASSPHRASE)).toThrow(expect.objectContaining({ code: 'WRONG_PASSPHRASE' }));
    const reopened = openStudy(study.path, NEW_PASSPHRASE);
    expect(listCoders(reopened.db).map((c) => c.code)).toEqual(['C01', 'C02']);
    expect(reopened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    closeStudy(reopened);
  });

  it('runs in WAL mode with foreign keys on', () => {
    const study = makeStudy(tempDir());
    expect(study.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(study.db.pragma('foreign_keys', { simple: true })).toBe(1);
    closeStudy(study);
  });
});

describe('where a study file may be', () => {
  /** Runs `fn` with `dir` as the working directory, where a relative path would land. */
  function inFolder<T>(dir: string, fn: () => T): T {
    const before = process.cwd();
    process.chdir(dir);
    try {
      return fn();
    } finally {
      process.chdir(before);
    }
  }

  it('a study file is never created at a relative path, and nothing in the working folder is touched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'existing.3rs'), 'not ours');
    for (const relative of ['alliance.3rs', './alliance.3rs', 'sub/alliance.3rs', '', 'existing.3rs']) {
      const err = inFolder(dir, () => caught(() => createStudy(relative, PASSPHRASE, { actor: ACTOR })));
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.message).toMatch(/is not a full path\. Give the study file's full path, e\.g\. \//);
    }
    expect(readdirSync(dir)).toEqual(['existing.3rs']);
    expect(readFileSync(join(dir, 'existing.3rs'), 'utf8')).toBe('not ours');
  });

  it('a study is never opened at a relative path, even where a study of that name is in the working folder', () => {
    const dir = tempDir();
    closeStudy(makeStudy(dir, 300, 'here.3rs'));
    const before = readFileSync(join(dir, 'here.3rs'));
    const err = inFolder(dir, () => caught(() => openStudy('here.3rs', PASSPHRASE)));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/"here\.3rs" is not a full path/) });
    expect(readFileSync(join(dir, 'here.3rs')).equals(before)).toBe(true);
  });

  it('a path with a NUL byte is refused before SQLite could cut it short and use the file before the NUL', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), 'someone else’s file');
    for (const call of [() => createStudy(join(dir, 'a\0b.3rs'), PASSPHRASE, { actor: ACTOR }), () => openStudy(join(dir, 'a\0b.3rs'), PASSPHRASE)]) {
      expect(caught(call)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/NUL character.*Type the full path/) });
    }
    expect(readdirSync(dir)).toEqual(['a']);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('someone else’s file');
  });

  it('a study inside a "folder" that is a file is an IO_ERROR saying to choose a folder, and the file is untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'plain notes');
    const err = caught(() => createStudy(join(file, 'study.3rs'), PASSPHRASE, { actor: ACTOR }));
    expect(err).toMatchObject({ code: 'IO_ERROR', message: `${file} is a file, not a folder. Choose a folder to hold the new study.` });
    expect(readFileSync(file, 'utf8')).toBe('plain notes');
  });

  it('a study whose folder is missing, or whose path is a folder, is an IO_ERROR saying what to do', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'plain notes');
    expect(caught(() => createStudy(join(dir, 'missing', 'study.3rs'), PASSPHRASE, { actor: ACTOR }))).toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/does not exist\. Create it first or choose another location/),
    });
    expect(caught(() => createStudy(join(dir, 'notes.txt', 'deeper', 'study.3rs'), PASSPHRASE, { actor: ACTOR }))).toMatchObject({
      code: 'IO_ERROR',
    });
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(caught(() => createStudy('/proc/study.3rs', PASSPHRASE, { actor: ACTOR }))).toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/Cannot open \/proc\/study\.3rs for writing\. Check that the folder exists and you may write to it/),
    });
  });
});

describe('migrations', () => {
  it('bring an empty database to the latest version, and re-opening changes nothing', () => {
    const db = new Database(':memory:');
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['study', 'coders', 'recordings', 'events', 'segment_notes', 'ratings', 'coding_status', 'audit_log']),
    );
    db.close();
  });

  it('a study from a newer version is refused with a message to update', () => {
    const dir = tempDir();
    const study = makeStudy(dir);
    study.db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    closeStudy(study);
    expect(() => openStudy(study.path, PASSPHRASE)).toThrow(expect.objectContaining({ code: 'STUDY_TOO_NEW' }));
  });

  it('the events query for one coding uses its index', () => {
    const study = makeStudy(tempDir());
    const plan = study.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM events WHERE recording_id = 1 AND coder_id = 1 AND deleted = 0 ORDER BY time_ms')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('events_by_coding');
    closeStudy(study);
  });
});

describe('study settings', () => {
  it('default to 5-minute segments and the 3rs-2015 scheme', () => {
    const study = createStudy(join(tempDir(), 's.3rs'), PASSPHRASE, { actor: ACTOR });
    expect(getSettings(study.db)).toMatchObject({ segmentSeconds: 300, schemeId: '3rs-2015' });
    closeStudy(study);
  });

  it('segment length is locked once a mark exists', () => {
    const study = makeStudy(tempDir());
    expect(setSegmentSeconds(study.db, 120, ACTOR).segmentSeconds).toBe(120);
    const rec = addFakeRecording(study, 'D01-S01', 600_000);
    const coder = addCoder(study.db, { code: 'C01', name: 'A' }, ACTOR);
    study.db
      .prepare(
        "INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, created_at, updated_at) VALUES (?, ?, 'W1', 'check', 0, 'x', 'x')",
      )
      .run(rec.id, coder.id);
    expect(() => setSegmentSeconds(study.db, 60, ACTOR)).toThrow(expect.objectContaining({ code: 'LOCKED_SETTING' }));
    closeStudy(study);
  });

  it('a recording code like D014-S05 fills in dyad and session', () => {
    const study = makeStudy(tempDir());
    const rec = addFakeRecording(study, 'D014-S05', 1000);
    expect(rec).toMatchObject({ dyad: 'D014', sessionNumber: 5 });
    expect(() => insertRecording(study.db, { ...rec, code: 'D014-S06' }, ACTOR)).toThrow(expect.objectContaining({ code: 'DUPLICATE' }));
    closeStudy(study);
  });
});

// Keep the write helper honest: a plain overwrite must not look like a study.
describe('damaged files', () => {
  it('a file of random bytes is not mistaken for a study', () => {
    const dir = tempDir();
    const p = join(dir, 'random.3rs');
    writeFileSync(p, Buffer.alloc(8192, 7));
    expect(() => openStudy(p, PASSPHRASE)).toThrow(expect.objectContaining({ code: 'WRONG_PASSPHRASE' }));
  });
});
