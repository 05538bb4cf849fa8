import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { findCoder } from '../store/coders.ts';
import { codingLabel, resolveCoding, type CodingRef } from './coding-ref.ts';
import { statement } from '../store/statements.ts';

export type CodingState = 'not-started' | 'in-progress' | 'complete';

type StoredState = 'in-progress' | 'complete';

const ids = (ref: CodingRef) => ({ r: ref.recording.id, c: ref.coder.id });

function storedState(db: Database, ref: CodingRef): StoredState | undefined {
  const row = statement(db, 'SELECT state FROM coding_status WHERE recording_id = @r AND coder_id = @c').get(ids(ref)) as
    | { state: StoredState }
    | undefined;
  return row?.state;
}

// Reads across the coding's tables so a coding with data but no status row (e.g. written by an older
// version) still counts as started.
const HAS_WORK_SQL = `SELECT
    EXISTS (SELECT 1 FROM events WHERE recording_id = @r AND coder_id = @c AND deleted = 0)
 OR EXISTS (SELECT 1 FROM ratings WHERE recording_id = @r AND coder_id = @c)
 OR EXISTS (SELECT 1 FROM segment_notes WHERE recording_id = @r AND coder_id = @c)
 OR EXISTS (SELECT 1 FROM watched_segments WHERE recording_id = @r AND coder_id = @c) AS started`;

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
      `The coding ${codingLabel(ref)} is marked complete, so it cannot be changed. Reopen it first (a lead can reopen it).`,
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

function setStoredState(db: Database, ref: CodingRef, state: StoredState, at: string): void {
  statement(
    db,
    `INSERT INTO coding_status (recording_id, coder_id, state, updated_at) VALUES (@r, @c, @state, @at)
     ON CONFLICT (recording_id, coder_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run({ ...ids(ref), state, at });
}

export function completeCoding(db: Database, recording: string, coder: string, actor: string): void {
  db.transaction(() => {
    const ref = resolveCoding(db, recording, coder);
    const before = codingStateOf(db, ref);
    if (before === 'complete') {
      throw new AppError('CONFLICT', `The coding ${codingLabel(ref)} is already complete. Nothing was changed.`);
    }
    // Signing off an empty coding would open the training check's reference to a coder who never coded.
    if (before === 'not-started') {
      throw new AppError('CONFLICT', `The coding ${codingLabel(ref)} has nothing in it yet: watch the session and code it (marks, or at least the global ratings) before marking it complete.`);
    }
    const at = new Date().toISOString();
    setStoredState(db, ref, 'complete', at);
    appendAudit(db, { actor, action: 'coding.complete', entity: 'coding', entityId: codingLabel(ref), before, after: 'complete' }, at);
  })();
}

/** Completing is a sign-off, so taking it back is a lead's decision, not the coder's. */
export function reopenCoding(db: Database, recording: string, coder: string, actor: string): void {
  db.transaction(() => {
    const ref = resolveCoding(db, recording, coder);
    if (findCoder(db, actor)?.role !== 'lead') {
      throw new AppError('FORBIDDEN', `Only a lead can reopen a completed coding: ask a lead to reopen ${codingLabel(ref)}.`);
    }
    const before = codingStateOf(db, ref);
    if (before !== 'complete') {
      throw new AppError('CONFLICT', `The coding ${codingLabel(ref)} is not complete (it is ${before}), so there is nothing to reopen.`);
    }
    const at = new Date().toISOString();
    setStoredState(db, ref, 'in-progress', at);
    appendAudit(db, { actor, action: 'coding.reopen', entity: 'coding', entityId: codingLabel(ref), before, after: 'in-progress' }, at);
  })();
}
