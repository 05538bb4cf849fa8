// The companion media file (`<study>.media`): derived media (proxies, thumbnails, waveforms) as numbered
// chunks in an encrypted SQLite database, so the cipher is SQLite3 Multiple Ciphers' and any byte range
// reads only the chunks it needs. Everything in it can be made again from the originals.

import { existsSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { createPrivateFile, keepPrivate } from '../io/private-files.ts';
import type { Study } from '../store/study-file.ts';
import { mediaKey } from './media-key.ts';

export interface MediaStore {
  readonly path: string;
  readonly db: Db;
  /** The study it belongs to: recording codes are looked up there. */
  readonly study: Study;
}

const MEDIA_SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    recording_sha256 TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('proxy', 'thumbs', 'waveform')),
    content_type TEXT NOT NULL,
    total_size INTEGER NOT NULL CHECK (total_size >= 0),
    chunk_size INTEGER NOT NULL CHECK (chunk_size > 0),
    -- 'writing' while a job adds chunks; readers only ever see 'ready' or 'failed'.
    status TEXT NOT NULL CHECK (status IN ('writing', 'ready', 'failed')),
    error TEXT,
    params TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX assets_current ON assets(recording_sha256, kind) WHERE status <> 'writing';

  CREATE TABLE chunks (
    asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL CHECK (idx >= 0),
    data BLOB NOT NULL,
    PRIMARY KEY (asset_id, idx)
  );
`;

export const mediaStorePath = (study: Study): string => `${study.path}.media`;

export function mediaStoreExists(study: Study): boolean {
  return existsSync(mediaStorePath(study));
}

/**
 * AEGIS-256 (SQLite3 Multiple Ciphers' authenticated cipher, AES-NI accelerated): every page is encrypted
 * and authenticated like the study's, but video is read in bulk and SQLCipher's per-page HMAC-SHA512 made
 * cold reads about 7x slower. The key is a raw random 256-bit key, so no KDF is needed.
 */
function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher = 'aegis'`);
  db.key(Buffer.from(`x'${key.toString('hex')}'`, 'utf8'));
}

function applyRuntimePragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // Derived data can be made again: a power cut may lose the last job, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Sorts and statement journals stay in memory, never in temporary files.
  db.pragma('temp_store = MEMORY');
}

function openFailure(err: unknown, path: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_NOTADB') {
    return new AppError(
      'CONFLICT',
      `${path} was not made for this study (its key does not fit). It holds only prepared media: delete it, then prepare the media again.`,
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError('CONFLICT', `The media file ${path} is busy in another process. Wait for it to finish and try again.`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('IO_ERROR', `Cannot open the media file ${path} (${message}). Check that its folder exists and you may write to it.`);
}

/**
 * Opens (creating on first use) the study's media file. Its key is made on first use and kept inside the
 * study; making it is a study write, audited as `actor`.
 */
export function openMediaStore(study: Study, actor = 'app'): MediaStore {
  const path = mediaStorePath(study);
  const key = mediaKey(study.db, actor);
  let db: Db | undefined;
  try {
    // Owner-only before SQLite opens it, so that its -wal and -shm (which copy its mode) are private too.
    if (existsSync(path)) keepPrivate(path);
    else createPrivateFile(path);
    db = new Database(path);
    applyKey(db, key);
    // The first read decrypts page 1: a file made for another study fails here.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MEDIA_SCHEMA_VERSION) {
      throw new AppError(
        'STUDY_TOO_NEW',
        `The media file ${path} was made by a newer version of 3RS Station. Update the app, or delete the file and prepare the media again.`,
      );
    }
    applyRuntimePragmas(db);
    if (version === 0) {
      const created = db.transaction(() => {
        (db as Db).exec(SCHEMA);
        (db as Db).pragma(`user_version = ${MEDIA_SCHEMA_VERSION}`);
      });
      created();
    }
    return { path, db, study };
  } catch (err) {
    db?.close();
    throw openFailure(err, path);
  }
}

export function closeMediaStore(media: MediaStore): void {
  if (media.db.open) media.db.close();
}
