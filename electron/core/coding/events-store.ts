// SQL for the events table (the marks). Marks are soft-deleted so undo can bring them back.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { codeById, type Category, type Clarity, type Scheme } from '../scheme/index.ts';
import type { CodingRef } from './coding-ref.ts';
import { statement } from '../store/statements.ts';

/** A mark as the screen and the exports show it; when it was made or changed is the audit log's to say. */
export interface Mark {
  id: number;
  recording: string;
  coder: string;
  code: string;
  category: Category;
  clarity: Clarity;
  timeMs: number;
  note: string;
}

export interface NewMark {
  code: string;
  clarity: Clarity;
  timeMs: number;
  note?: string;
}

/** A mark's editable fields after validation. */
export type MarkFields = Required<NewMark>;

interface EventRow {
  id: number;
  code: string;
  clarity: Clarity;
  time_ms: number;
  note: string;
  deleted: 0 | 1;
  recording_code: string;
  coder_code: string;
}

const SELECT_EVENTS = `SELECT e.id, e.code, e.clarity, e.time_ms, e.note, e.deleted,
    r.code AS recording_code, c.code AS coder_code
  FROM events e JOIN recordings r ON r.id = e.recording_id JOIN coders c ON c.id = e.coder_id`;

function toMark(scheme: Scheme, row: EventRow): Mark {
  const def = codeById(scheme, row.code);
  if (!def) {
    throw new AppError(
      'STUDY_CORRUPT',
      `Mark ${row.id} has code "${row.code}", which the study's scheme does not know. Restore the study from a backup.`,
    );
  }
  return {
    id: row.id,
    recording: row.recording_code,
    coder: row.coder_code,
    code: row.code,
    category: def.category,
    clarity: row.clarity,
    timeMs: row.time_ms,
    note: row.note,
  };
}

/** A mark whether live or deleted; undefined if the id was never used. */
export function readEvent(db: Database, scheme: Scheme, id: number): { mark: Mark; deleted: boolean } | undefined {
  const row = statement(db, `${SELECT_EVENTS} WHERE e.id = ?`).get(id) as EventRow | undefined;
  return row && { mark: toMark(scheme, row), deleted: row.deleted === 1 };
}

/** The answer for a mark id that names no live mark (or, to a coder, one of another coder's marks). */
export const noSuchMark = (id: number): AppError =>
  new AppError('NOT_FOUND', `There is no mark with id ${id} (it may have been deleted). List the coding's marks to find the right id.`);

export function liveEvent(db: Database, scheme: Scheme, id: number): Mark {
  const found = Number.isInteger(id) ? readEvent(db, scheme, id) : undefined;
  if (!found || found.deleted) throw noSuchMark(id);
  return found.mark;
}

export function liveEvents(db: Database, scheme: Scheme, ref: CodingRef): Mark[] {
  const rows = statement(db, `${SELECT_EVENTS} WHERE e.recording_id = ? AND e.coder_id = ? AND e.deleted = 0 ORDER BY e.time_ms, e.id`).all(
    ref.recording.id,
    ref.coder.id,
  ) as EventRow[];
  return rows.map((row) => toMark(scheme, row));
}

export function insertEvent(db: Database, ref: CodingRef, fields: MarkFields, at: string): number {
  const result = statement(
    db,
    `INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, note, created_at, updated_at)
     VALUES (@r, @c, @code, @clarity, @timeMs, @note, @at, @at)`,
  ).run({ r: ref.recording.id, c: ref.coder.id, ...fields, at });
  return Number(result.lastInsertRowid);
}

export function updateEvent(db: Database, id: number, fields: MarkFields, at: string): void {
  statement(db, 'UPDATE events SET code = @code, clarity = @clarity, time_ms = @timeMs, note = @note, updated_at = @at WHERE id = @id').run({
    id,
    ...fields,
    at,
  });
}

export function setEventDeleted(db: Database, id: number, deleted: boolean, at: string): void {
  statement(db, 'UPDATE events SET deleted = ?, updated_at = ? WHERE id = ?').run(deleted ? 1 : 0, at, id);
}
