import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { codingLabel, resolveCoding, type CodingRef } from './coding-ref.ts';
import { statement } from '../store/statements.ts';

export type CodingState = 'not-started' | 'in-progress' | 'complete';

type StoredState = 'in-progress' | 'complete';

const ids = (ref: CodingRef) => ({ r: ref.recording.id, c: ref.coder.id });

function storedState(db: Database, ref: CodingRef): StoredState | undefined {
  const row = statement(db, 'SELECT state FROM coding_status WHERE recording_id = @r AND coder_id = @c').get(ids(ref)) as
    { state: StoredState } | undefined;
  return row?.state;
}

/**
 * An SQL condition: the coding of recording id `r` by coder id `c` (column names or parameters) holds any work.
 * Reads across the coding's tables, each by its index, so a coding with data but no status row (e.g. written by
 * an older version) still counts as started.
 */
export const hasWorkSql = (r: string, c: string): string => `(
    EXISTS (SELECT 1 FROM events WHERE recording_id = ${r} AND coder_id = ${c} AND deleted = 0)
 OR EXISTS (SELECT 1 FROM ratings WHERE recording_id = ${r} AND coder_id = ${c})
 OR EXISTS (SELECT 1 FROM segment_notes WHERE recording_id = ${r} AND coder_id = ${c})
 OR EXISTS (SELECT 1 FROM watched_segments WHERE recording_id = ${r} AND coder_id = ${c}))`;

const HAS_WORK_SQL = `SELECT ${hasWorkSql('@r', '@c')} AS started`;

export function codingStateOf(db: Database, ref: CodingRef): CodingState {
  const stored = storedState(db, ref);
  if (stored) return stored;
  return (statement(db, HAS_WORK_SQL).get(ids(ref)) as { started: number }).started ? 'in-progress' : 'not-started';
}

export function getCodingState(db: Database, recording: string, coder: string): CodingState {
  return codingStateOf(db, resolveCoding(db, recording, coder));
}

export function assertCodingOpen(db: Database, ref: CodingRef): void {
  if (storedState(db, ref) === 'complete') {
    throw new AppError(
      'CONFLICT',
      `The coding ${codingLabel(ref)} is marked complete, so it cannot be changed. Reopen it first (its coder can, until a lead has used it; a lead always can).`,
    );
  }
}

function ensureInProgress(db: Database, ref: CodingRef, at: string): void {
  statement(
    db,
    `INSERT INTO coding_status (recording_id, coder_id, state, updated_at) VALUES (@r, @c, 'in-progress', @at)
     ON CONFLICT (recording_id, coder_id) DO NOTHING`,
  ).run({ ...ids(ref), at });
}

/**
 * Runs one write to a coding in one transaction: refuses a complete coding and records a new one as
 * in progress, so the status and the write commit together or not at all.
 */
export function editCoding<T>(db: Database, recording: string, coder: string, write: (ref: CodingRef, at: string) => T): T {
  return db.transaction(() => {
    const ref = resolveCoding(db, recording, coder);
    assertCodingOpen(db, ref);
    const at = new Date().toISOString();
    ensureInProgress(db, ref, at);
    return write(ref, at);
  })();
}

export function setStoredState(db: Database, ref: CodingRef, state: StoredState, at: string): void {
  statement(
    db,
    `INSERT INTO coding_status (recording_id, coder_id, state, updated_at) VALUES (@r, @c, @state, @at)
     ON CONFLICT (recording_id, coder_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run({ ...ids(ref), state, at });
}
