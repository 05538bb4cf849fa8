import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { DEFAULT_SCHEME_ID, getScheme } from '../scheme/index.ts';
import { migrate, schemaVersion } from './migrations/index.ts';

export const MIN_PASSPHRASE_LENGTH = 10;
export const DEFAULT_SEGMENT_SECONDS = 300;
export const STUDY_EXTENSION = '.3rs';

export interface Study {
  readonly path: string;
  readonly db: Db;
}

export interface CreateStudyOptions {
  segmentSeconds?: number;
  schemeId?: string;
  actor: string;
}

export function assertPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError(
      'WEAK_PASSPHRASE',
      `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long. Choose a longer one (a short sentence works well).`,
    );
  }
}

export function assertSegmentSeconds(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 24 * 3600) {
    throw new AppError('INVALID_INPUT', `Segment length must be a whole number of seconds between 1 and 86400 (got ${seconds}).`);
  }
}

/**
 * Study paths come from a form, the api or a script: a relative one would land wherever the app happened to
 * start, and SQLite would cut a path at a NUL byte and use the shorter name. Both are refused before the disk is touched.
 */
function assertStudyPath(path: string): void {
  if (path.includes('\0')) {
    throw new AppError('INVALID_INPUT', 'The study path contains a NUL character, which no file name can hold. Type the full path of the .3rs file again.');
  }
  if (!isAbsolute(path)) {
    throw new AppError('INVALID_INPUT', `"${path}" is not a full path. Give the study file's full path, e.g. /home/lab/studies/alliance.3rs.`);
  }
}

/** SQLCipher 4 compatible AES-256 with HMAC per page; the key comes from the passphrase through the cipher's KDF. */
function applyKey(db: Db, passphrase: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.key(Buffer.from(passphrase, 'utf8'));
}

function applyRuntimePragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a mark shown as saved survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
}

function translateOpenError(err: unknown, path: string): AppError {
  // better-sqlite3 reports extended result codes (SQLITE_CANTOPEN_ISDIR, SQLITE_IOERR_WRITE…): the primary code is what matters here.
  const code = (err as { code?: unknown }).code;
  const primary = typeof code === 'string' ? /^SQLITE_[A-Z]+/.exec(code)?.[0] : undefined;
  if (primary === 'SQLITE_NOTADB') {
    return new AppError(
      'WRONG_PASSPHRASE',
      `Could not unlock ${path}: the passphrase is wrong, or the file is not a 3RS study. Check the passphrase (it is case-sensitive) and try again.`,
    );
  }
  if (primary === 'SQLITE_CORRUPT') {
    return new AppError('STUDY_CORRUPT', `The study file ${path} is damaged. Restore it from your latest backup; run "3rs study verify" for details.`);
  }
  if (primary === 'SQLITE_BUSY' || primary === 'SQLITE_LOCKED') {
    return new AppError('CONFLICT', `The study ${path} is busy in another window or process. Close it there and try again.`);
  }
  if (primary === 'SQLITE_CANTOPEN' || primary === 'SQLITE_READONLY' || primary === 'SQLITE_PERM') {
    return new AppError('IO_ERROR', `Cannot open ${path} for writing. Check that the folder exists and you may write to it.`);
  }
  if (primary === 'SQLITE_FULL') {
    return new AppError('IO_ERROR', `The disk holding ${path} is full. Free some space or choose another disk, then try again.`);
  }
  if (primary === 'SQLITE_IOERR') {
    return new AppError('IO_ERROR', `The disk reported an error reading or writing ${path}. Check the disk (or choose another one) and try again.`);
  }
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('IO_ERROR', `Could not open ${path}: ${message}.`);
}

export function createStudy(path: string, passphrase: string, options: CreateStudyOptions): Study {
  assertStudyPath(path);
  assertPassphrase(passphrase);
  const segmentSeconds = options.segmentSeconds ?? DEFAULT_SEGMENT_SECONDS;
  assertSegmentSeconds(segmentSeconds);
  const schemeId = options.schemeId ?? DEFAULT_SCHEME_ID;
  try {
    getScheme(schemeId);
  } catch (err) {
    throw new AppError('INVALID_INPUT', (err as Error).message);
  }
  if (existsSync(path)) {
    throw new AppError('STUDY_EXISTS', `${path} already exists. Choose another file name, or open the existing study instead.`);
  }
  const folder = dirname(path);
  if (!existsSync(folder)) {
    throw new AppError('IO_ERROR', `The folder ${folder} does not exist. Create it first or choose another location.`);
  }
  if (!statSync(folder).isDirectory()) {
    throw new AppError('IO_ERROR', `${folder} is a file, not a folder. Choose a folder to hold the new study.`);
  }
  let db: Db | undefined;
  try {
    db = new Database(path);
    applyKey(db, passphrase);
    // Set before the first table: freed pages are given back at each commit, so every page in the file
    // belongs to a table or index and a full integrity check reads (and authenticates) all of them.
    db.pragma('auto_vacuum = FULL');
    applyRuntimePragmas(db);
    const study: Study = { path, db };
    const created = db.transaction(() => {
      migrate(db as Db);
      const at = new Date().toISOString();
      (db as Db)
        .prepare('INSERT INTO study (id, scheme_id, segment_seconds, created_at) VALUES (1, ?, ?, ?)')
        .run(schemeId, segmentSeconds, at);
      appendAudit(db as Db, { actor: options.actor, action: 'study.create', entity: 'study', entityId: 1, after: { schemeId, segmentSeconds } }, at);
    });
    created();
    return study;
  } catch (err) {
    // Only a file this call made is removed: when the open itself failed there is none, and whatever is there is not ours.
    if (db) {
      db.close();
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
    }
    throw translateOpenError(err, path);
  }
}

export function openStudy(path: string, passphrase: string): Study {
  assertStudyPath(path);
  if (!existsSync(path)) {
    throw new AppError('STUDY_NOT_FOUND', `No study at ${path}. Check the path, or create a new study there.`);
  }
  if (!statSync(path).isFile()) {
    throw new AppError('NOT_A_STUDY', `${path} is a folder, not a study file. Choose the .3rs file inside it.`);
  }
  let db: Db | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    applyKey(db, passphrase);
    // The first read decrypts page 1: a wrong key fails here, before anything is written.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (schemaVersion(db) === 0) {
      throw new AppError('NOT_A_STUDY', `${path} is an encrypted database but not a 3RS study. Choose a .3rs file made by 3RS Station.`);
    }
    applyRuntimePragmas(db);
    migrate(db);
    return { path, db };
  } catch (err) {
    db?.close();
    throw translateOpenError(err, path);
  }
}

export function closeStudy(study: Study): void {
  if (study.db.open) study.db.close();
}

/** Changes the passphrase. SQLite refuses to rekey a WAL database, so it briefly leaves WAL mode. */
export function rekeyStudy(study: Study, newPassphrase: string, actor: string): void {
  assertPassphrase(newPassphrase);
  const { db } = study;
  db.pragma('journal_mode = DELETE');
  try {
    db.rekey(Buffer.from(newPassphrase, 'utf8'));
  } finally {
    db.pragma('journal_mode = WAL');
  }
  db.transaction(() => appendAudit(db, { actor, action: 'study.rekey', entity: 'study', entityId: 1 }))();
}
