import { copyFileSync, constants, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { assertMinFinalSeconds, defaultMinFinalSeconds } from '../coding/segments.ts';
import { AppError } from '../errors.ts';
import { flushFile, flushFolder } from '../io/durable.ts';
import { createPrivateFile, keepPrivate } from '../io/private-files.ts';
import { DEFAULT_SCHEME_ID, getScheme } from '../scheme/index.ts';
import { migrate, schemaVersion } from './migrations/index.ts';
import { assertStrongPassphrase } from './passphrase-strength.ts';
import { describeWalDamage, inspectWalAtRest } from './wal.ts';

export { MIN_PASSPHRASE_LENGTH } from './passphrase-strength.ts';
export const DEFAULT_SEGMENT_SECONDS = 300;
export const STUDY_EXTENSION = '.3rs';
/** SQLite's smallest page: a study file shorter than this has lost its first page. */
const MIN_STUDY_BYTES = 512;

export interface Study {
  readonly path: string;
  /** Replaced when a rekey swaps the file: callers keep the Study, never the connection. */
  db: Db;
  /** One sentence per thing the open tidied up on its way (e.g. an interrupted passphrase change), for the user. */
  readonly warnings?: readonly string[];
}

export interface CreateStudyOptions {
  segmentSeconds?: number;
  /** A final part shorter than this joins the previous segment; default a fifth of the segment length. */
  minFinalSeconds?: number;
  schemeId?: string;
  actor: string;
}

/** Refuses a new passphrase that is too short or too easy to guess; words from the study's file name count against it. */
export function assertPassphrase(passphrase: string, studyPath?: string): void {
  const context = studyPath ? [basename(studyPath, extname(studyPath))] : [];
  assertStrongPassphrase(passphrase.normalize('NFC'), context);
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
    throw new AppError(
      'INVALID_INPUT',
      'The study path contains a NUL character, which no file name can hold. Type the full path of the .3rs file again.',
    );
  }
  if (!isAbsolute(path)) {
    throw new AppError('INVALID_INPUT', `"${path}" is not a full path. Give the study file's full path, e.g. /home/lab/studies/alliance.3rs.`);
  }
}

/**
 * SQLCipher 4 compatible AES-256 with HMAC-SHA512 per page; the key comes from the passphrase through the
 * cipher's KDF (PBKDF2-HMAC-SHA512, 256,000 iterations, a random salt per file).
 */
function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.key(key);
}

/**
 * The key bytes for a typed passphrase: its NFC form (the same letters typed on another keyboard or system
 * give the same bytes), then, for studies made before passphrases were normalised, the bytes as typed.
 * The caller zeroes them once the cipher has its own copy.
 */
function keyCandidates(passphrase: string): Buffer[] {
  const nfc = passphrase.normalize('NFC');
  return nfc === passphrase ? [Buffer.from(nfc, 'utf8')] : [Buffer.from(nfc, 'utf8'), Buffer.from(passphrase, 'utf8')];
}

/** SQLite's error code (SQLITE_BUSY, …), or '' for an error that has none. */
const sqliteCode = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

const isNotADb = (err: unknown): boolean => sqliteCode(err).startsWith('SQLITE_NOTADB');

/** A connection to `path` unlocked by `passphrase`, or SQLITE_NOTADB. The first read decrypts page 1: a wrong key fails there, before anything is written. */
function unlock(path: string, passphrase: string): Db {
  const keys = keyCandidates(passphrase);
  try {
    for (let i = 0; ; i++) {
      const db = new Database(path, { fileMustExist: true });
      try {
        applyKey(db, keys[i]!);
        db.prepare('SELECT count(*) FROM sqlite_master').get();
        return db;
      } catch (err) {
        db.close();
        if (i === keys.length - 1 || !isNotADb(err)) throw err;
      }
    }
  } finally {
    for (const key of keys) key.fill(0);
  }
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
    // The cipher cannot tell a wrong key from a damaged first page: both fail page 1's authentication.
    return new AppError(
      'WRONG_PASSPHRASE',
      `Could not unlock ${path}: a wrong passphrase or a damaged first page (the two look the same), or the file is not a 3RS study. Check the passphrase (it is case-sensitive) and try again; if it is right, restore the study from your latest backup.`,
    );
  }
  if (primary === 'SQLITE_CORRUPT') {
    return new AppError(
      'STUDY_CORRUPT',
      `The study file ${path} is damaged. Restore it from your latest backup; run "3rs study verify" for details.`,
    );
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
  assertPassphrase(passphrase, path);
  const segmentSeconds = options.segmentSeconds ?? DEFAULT_SEGMENT_SECONDS;
  assertSegmentSeconds(segmentSeconds);
  const minFinalSeconds = options.minFinalSeconds ?? defaultMinFinalSeconds(segmentSeconds);
  assertMinFinalSeconds(minFinalSeconds, segmentSeconds);
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
  try {
    // Made here, owner-only, so that SQLite's -wal and -shm (which copy the study's mode) are private too.
    createPrivateFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError('STUDY_EXISTS', `${path} already exists. Choose another file name, or open the existing study instead.`);
    }
    throw new AppError('IO_ERROR', `Cannot open ${path} for writing. Check that the folder exists and you may write to it.`);
  }
  let db: Db | undefined;
  const key = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  try {
    db = new Database(path);
    applyKey(db, key);
    key.fill(0);
    // Set before the first table: freed pages are given back at each commit, so every page in the file
    // belongs to a table or index and a full integrity check reads (and authenticates) all of them.
    db.pragma('auto_vacuum = FULL');
    applyRuntimePragmas(db);
    const study: Study = { path, db };
    const created = db.transaction(() => {
      migrate(db as Db);
      const at = new Date().toISOString();
      (db as Db)
        .prepare('INSERT INTO study (id, scheme_id, segment_seconds, min_final_seconds, created_at) VALUES (1, ?, ?, ?, ?)')
        .run(schemeId, segmentSeconds, minFinalSeconds, at);
      appendAudit(
        db as Db,
        { actor: options.actor, action: 'study.create', entity: 'study', entityId: 1, after: { schemeId, segmentSeconds, minFinalSeconds } },
        at,
      );
    });
    created();
    return study;
  } catch (err) {
    // The file is this call's own (createPrivateFile refuses one that exists), and so are its companions.
    key.fill(0);
    db?.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
    throw translateOpenError(err, path);
  }
}

/** Where a rekey writes the re-keyed copy, beside the study so that the rename is atomic. */
export const rekeyTempPath = (path: string): string => `${path}.rekey`;
const SQLITE_COMPANIONS = ['', '-journal', '-wal', '-shm'];

/** Files a killed rekey left beside the study: its unfinished copy and that copy's journals. */
function rekeyLeftovers(path: string): string[] {
  return SQLITE_COMPANIONS.map((suffix) => rekeyTempPath(path) + suffix).filter((file) => existsSync(file));
}

const INTERRUPTED_REKEY = 'A change of passphrase was interrupted before it finished';

/** Refuses a file that SQLite would silently misread: too short to hold a first page, or a WAL that would lose committed work. */
function assertReadable(path: string): void {
  const size = statSync(path).size;
  if (size < MIN_STUDY_BYTES) {
    throw new AppError(
      'STUDY_CORRUPT',
      `The study file ${path} is damaged: it holds only ${size} byte${size === 1 ? '' : 's'}, less than its first page. Restore it from your latest backup.`,
    );
  }
  const { damage } = inspectWalAtRest(path);
  if (damage) {
    throw new AppError(
      'STUDY_CORRUPT',
      `The study ${path} was not opened: ${describeWalDamage(damage)}. Nothing was changed. Keep the study and its -wal and -shm files as they are, and restore from your latest backup or ask for help to recover them.`,
    );
  }
}

/** The study's connection made ready for work: WAL, durability, and a schema at the latest version. */
function prepare(db: Db, path: string): void {
  applyRuntimePragmas(db);
  migrate(db);
  for (const suffix of ['', '-wal', '-shm']) keepPrivate(path + suffix);
}

export function openStudy(path: string, passphrase: string): Study {
  assertStudyPath(path);
  if (!existsSync(path)) {
    throw new AppError('STUDY_NOT_FOUND', `No study at ${path}. Check the path, or create a new study there.`);
  }
  if (!statSync(path).isFile()) {
    throw new AppError('NOT_A_STUDY', `${path} is a folder, not a study file. Choose the .3rs file inside it.`);
  }
  assertReadable(path);
  const leftovers = rekeyLeftovers(path);
  let db: Db | undefined;
  try {
    db = unlock(path, passphrase);
    if (schemaVersion(db) === 0) {
      throw new AppError('NOT_A_STUDY', `${path} is an encrypted database but not a 3RS study. Choose a .3rs file made by 3RS Station.`);
    }
    prepare(db, path);
  } catch (err) {
    db?.close();
    const error = translateOpenError(err, path);
    if (error.code === 'WRONG_PASSPHRASE' && leftovers.length > 0) {
      throw new AppError(error.code, `${error.message} ${INTERRUPTED_REKEY}: the study still opens with its previous passphrase.`);
    }
    throw error;
  }
  // Only someone holding the passphrase tidies up: the leftover is encrypted, but it is a copy of the study.
  for (const file of leftovers) rmSync(file, { force: true });
  const warnings = leftovers.length ? [`${INTERRUPTED_REKEY}; its unfinished copy was removed and the study keeps its previous passphrase.`] : [];
  return { path, db, warnings };
}

/** Folds the WAL into the study file first, so a closed (or locked) study is one file that verify reads whole. */
export function closeStudy(study: Study): void {
  if (!study.db.open) return;
  try {
    study.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A checkpoint that cannot run (a disk error, a statement still open) leaves every commit in the log,
    // where the next open reads it: a close or a lock must still happen.
  } finally {
    study.db.close();
  }
}

/** Refuses when another connection has the study open: it would go on writing to the file a rekey replaces. */
function holdAlone(db: Db, path: string): void {
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    db.pragma('locking_mode = NORMAL');
    const busy = /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(err));
    throw busy
      ? new AppError('CONFLICT', `The study ${path} is open in another window or process. Close it there, then change the passphrase.`)
      : err;
  } finally {
    db.pragma('busy_timeout = 5000');
  }
}

/**
 * Changes the passphrase without ever rewriting the study in place: the study is copied beside itself, the
 * copy is re-keyed (SQLite re-keys only outside WAL mode, and a kill part-way would leave a file neither
 * passphrase opens: that is why it is a copy), the audit entry goes into the copy, the copy is flushed and
 * renamed over the study, and the folder is flushed. A kill before the rename leaves the study as it was
 * (the copy is removed at the next open), after it the re-keyed study: one passphrase or the other always
 * opens it. `study.db` is then a connection to the new file.
 */
export function rekeyStudy(study: Study, currentPassphrase: string, newPassphrase: string, actor: string): void {
  const { path } = study;
  assertPassphrase(newPassphrase, path);
  const temp = rekeyTempPath(path);
  holdAlone(study.db, path);
  let copy: Db | undefined;
  try {
    for (const file of rekeyLeftovers(path)) rmSync(file, { force: true });
    // Everything into the main file, which is then copied whole while this connection keeps others out.
    study.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(path, temp, constants.COPYFILE_EXCL);
    keepPrivate(temp);
    copy = unlock(temp, currentPassphrase);
    copy.pragma('journal_mode = DELETE');
    const key = Buffer.from(newPassphrase.normalize('NFC'), 'utf8');
    try {
      copy.rekey(key);
    } finally {
      key.fill(0);
    }
    const rekeyed = copy;
    rekeyed.transaction(() => appendAudit(rekeyed, { actor, action: 'study.rekey', entity: 'study', entityId: 1 }))();
    rekeyed.close();
    copy = undefined;
    flushFile(temp);
  } catch (err) {
    copy?.close();
    for (const file of rekeyLeftovers(path)) rmSync(file, { force: true });
    study.db.pragma('locking_mode = NORMAL');
    throw translateOpenError(err, path);
  }
  // The old file closes cleanly (its -wal and -shm removed) before its name goes to the copy.
  study.db.close();
  try {
    renameSync(temp, path);
  } catch (err) {
    study.db = unlock(path, currentPassphrase);
    prepare(study.db, path);
    for (const file of rekeyLeftovers(path)) rmSync(file, { force: true });
    throw new AppError(
      'IO_ERROR',
      `Could not put the re-keyed study in place of ${path} (${(err as Error).message}). The study keeps its previous passphrase.`,
    );
  }
  study.db = unlock(path, newPassphrase);
  prepare(study.db, path);
  // Makes the rename survive a power cut; the study is already the re-keyed one whatever happens here.
  flushFolder(dirname(path));
}
