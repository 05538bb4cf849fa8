// SQL for edit_ops: the persisted undo/redo stack of one coding. Each op keeps the mark before and
// after the edit, so undo writes `before` back and redo writes `after` again.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { parseJson } from '../io/checked-json.ts';
import type { Category, Clarity } from '../scheme/index.ts';
import type { CodingRef } from './coding-ref.ts';
import type { Mark } from './events-store.ts';
import { statement } from '../store/statements.ts';

export type EditKind = 'add' | 'change' | 'delete';

export interface EditOp {
  id: number;
  eventId: number;
  kind: EditKind;
  /** The mark before the edit; null when it did not exist (add). */
  before: Mark | null;
  /** The mark after the edit; null when it no longer exists (delete). */
  after: Mark | null;
}

interface OpRow {
  id: number;
  event_id: number;
  kind: EditKind;
  before: string | null;
  after: string | null;
}

/** A mark as recordEdit stored it. */
const StoredMark = z.object({
  id: z.number().int(),
  recording: z.string(),
  coder: z.string(),
  code: z.string(),
  category: z.enum(['withdrawal', 'confrontation', 'resolution'] satisfies Category[]),
  clarity: z.enum(['check', 'check-minus'] satisfies Clarity[]),
  timeMs: z.number(),
  note: z.string(),
}) satisfies z.ZodType<Mark>;

/** A side of an op, as the mark it held; a damaged one stops undo or redo before anything is written. */
function parse(op: number, json: string | null): Mark | null {
  if (json === null) return null;
  return parseJson(
    StoredMark,
    json,
    (problem) =>
      new AppError('STUDY_CORRUPT', `The undo history of this coding is damaged (step ${op}: ${problem}). Restore the study from a backup.`),
  );
}
const ids = (ref: CodingRef) => ({ r: ref.recording.id, c: ref.coder.id });

/** A new edit makes the undone ops unreachable, as in any editor. */
export function dropRedoStack(db: Database, ref: CodingRef): void {
  statement(db, "UPDATE edit_ops SET state = 'dropped' WHERE recording_id = @r AND coder_id = @c AND state = 'undone'").run(ids(ref));
}

export function recordEdit(db: Database, ref: CodingRef, op: Omit<EditOp, 'id'>, at: string): void {
  dropRedoStack(db, ref);
  statement(
    db,
    `INSERT INTO edit_ops (recording_id, coder_id, event_id, kind, before, after, state, at)
     VALUES (@r, @c, @eventId, @kind, @before, @after, 'done', @at)`,
  ).run({
    ...ids(ref),
    eventId: op.eventId,
    kind: op.kind,
    before: op.before && JSON.stringify(op.before),
    after: op.after && JSON.stringify(op.after),
    at,
  });
}

/**
 * The op undo would revert (latest 'done') or redo would re-apply. Undone ops always form the top of
 * the stack, so the most recently undone one is the lowest id among them.
 */
export function nextOp(db: Database, ref: CodingRef, state: 'done' | 'undone'): EditOp | undefined {
  const order = state === 'done' ? 'DESC' : 'ASC';
  const row = statement(
    db,
    `SELECT id, event_id, kind, before, after FROM edit_ops
     WHERE recording_id = @r AND coder_id = @c AND state = @state ORDER BY id ${order} LIMIT 1`,
  ).get({ ...ids(ref), state }) as OpRow | undefined;
  return row && { id: row.id, eventId: row.event_id, kind: row.kind, before: parse(row.id, row.before), after: parse(row.id, row.after) };
}

export function setOpState(db: Database, id: number, state: 'done' | 'undone'): void {
  statement(db, 'UPDATE edit_ops SET state = ? WHERE id = ?').run(state, id);
}
