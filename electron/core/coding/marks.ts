// Marks: the markers and resolution strategies a coder places on a recording. Every edit is a new
// write recorded in edit_ops, so undo and redo are writes too and survive closing the study.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import type { Scheme } from '../scheme/index.ts';
import { codingLabel, resolveCoding, studyScheme } from './coding-ref.ts';
import { dropRedoStack, nextOp, recordEdit, setOpState, type EditKind } from './edit-ops.ts';
import {
  insertEvent,
  liveEvent,
  liveEvents,
  readEvent,
  setEventDeleted,
  updateEvent,
  type Mark,
  type MarkFields,
  type NewMark,
} from './events-store.ts';
import { editCoding } from './status.ts';
import { checkClarity, checkCode, checkNote, checkTime, forRow } from './validation.ts';

export type { Mark, NewMark } from './events-store.ts';

export interface UndoResult {
  kind: EditKind;
  /** The mark as it stands after the step; when the step removed it, the mark as it was. */
  mark: Mark;
}

function validateMark(scheme: Scheme, durationMs: number, mark: NewMark): MarkFields {
  return {
    code: checkCode(scheme, mark.code).id,
    clarity: checkClarity(mark.clarity),
    timeMs: checkTime(mark.timeMs, durationMs),
    note: checkNote(mark.note ?? ''),
  };
}

/** A live mark by id; NOT_FOUND when it does not exist or was deleted. */
export function getMark(db: Database, id: number): Mark {
  return liveEvent(db, studyScheme(db), id);
}

export function listMarks(db: Database, recording: string, coder: string): Mark[] {
  return liveEvents(db, studyScheme(db), resolveCoding(db, recording, coder));
}

export function addMark(db: Database, recording: string, coder: string, mark: NewMark, actor: string): Mark {
  return editCoding(db, recording, coder, (ref, at) => {
    const scheme = studyScheme(db);
    const id = insertEvent(db, ref, validateMark(scheme, ref.recording.durationMs, mark), at);
    const after = liveEvent(db, scheme, id);
    recordEdit(db, ref, { eventId: id, kind: 'add', before: null, after }, at);
    appendAudit(db, { actor, action: 'event.add', entity: 'event', entityId: id, after }, at);
    return after;
  });
}

export function changeMark(db: Database, id: number, patch: Partial<NewMark>, actor: string): Mark {
  const scheme = studyScheme(db);
  const owner = liveEvent(db, scheme, id);
  if (Object.values(patch).every((v) => v === undefined)) {
    throw new AppError('INVALID_INPUT', 'Nothing to change: give a new code, clarity, time or note for the mark.');
  }
  return editCoding(db, owner.recording, owner.coder, (ref, at) => {
    const before = liveEvent(db, scheme, id);
    const merged: NewMark = {
      code: patch.code ?? before.code,
      clarity: patch.clarity ?? before.clarity,
      timeMs: patch.timeMs ?? before.timeMs,
      note: patch.note ?? before.note,
    };
    updateEvent(db, id, validateMark(scheme, ref.recording.durationMs, merged), at);
    const after = liveEvent(db, scheme, id);
    recordEdit(db, ref, { eventId: id, kind: 'change', before, after }, at);
    appendAudit(db, { actor, action: 'event.change', entity: 'event', entityId: id, before, after }, at);
    return after;
  });
}

/** Soft delete: the row stays (deleted = 1) so undo can restore it. Returns the mark as it was. */
export function deleteMark(db: Database, id: number, actor: string): Mark {
  const scheme = studyScheme(db);
  const owner = liveEvent(db, scheme, id);
  return editCoding(db, owner.recording, owner.coder, (ref, at) => {
    const before = liveEvent(db, scheme, id);
    setEventDeleted(db, id, true, at);
    recordEdit(db, ref, { eventId: id, kind: 'delete', before, after: null }, at);
    appendAudit(db, { actor, action: 'event.delete', entity: 'event', entityId: id, before }, at);
    return before;
  });
}

/** Writes a remembered state back: null means the mark should not exist. Returns the before/after for the audit. */
function restoreState(db: Database, scheme: Scheme, id: number, state: Mark | null, at: string) {
  const current = readEvent(db, scheme, id);
  if (!current) throw new AppError('STUDY_CORRUPT', `The edit history points at mark ${id}, which is missing. Restore the study from a backup.`);
  if (state) updateEvent(db, id, { code: state.code, clarity: state.clarity, timeMs: state.timeMs, note: state.note }, at);
  setEventDeleted(db, id, state === null, at);
  const now = readEvent(db, scheme, id)!.mark;
  return { before: current.deleted ? null : current.mark, after: state === null ? null : now, mark: now };
}

function step(db: Database, recording: string, coder: string, actor: string, direction: 'undo' | 'redo'): UndoResult {
  return editCoding(db, recording, coder, (ref, at) => {
    const op = nextOp(db, ref, direction === 'undo' ? 'done' : 'undone');
    if (!op) {
      throw direction === 'undo'
        ? new AppError(
            'NOTHING_TO_UNDO',
            `There is nothing to undo in ${codingLabel(ref)}: every edit of its marks has already been undone, or none was made yet.`,
          )
        : new AppError('NOTHING_TO_REDO', `There is nothing to redo in ${codingLabel(ref)}: redo only repeats a step you have just undone.`);
    }
    const scheme = studyScheme(db);
    const { before, after, mark } = restoreState(db, scheme, op.eventId, direction === 'undo' ? op.before : op.after, at);
    setOpState(db, op.id, direction === 'undo' ? 'undone' : 'done');
    appendAudit(db, { actor, action: `event.${direction}`, entity: 'event', entityId: op.eventId, before, after }, at);
    return { kind: op.kind, mark };
  });
}

/** Reverts the latest edit of this coding as a new write. */
export function undo(db: Database, recording: string, coder: string, actor: string): UndoResult {
  return step(db, recording, coder, actor, 'undo');
}

/** Re-applies the most recently undone edit as a new write. */
export function redo(db: Database, recording: string, coder: string, actor: string): UndoResult {
  return step(db, recording, coder, actor, 'redo');
}

/**
 * Adds a batch of marks all-or-none, with one audit entry. Imported marks get no edit ops: an import is
 * a file-level action, and ctrl+Z taking it apart one mark at a time would surprise the coder. It is a
 * new edit, though, so it drops the redo stack like any other.
 */
export function importMarks(db: Database, recording: string, coder: string, marks: NewMark[], actor: string): Mark[] {
  return editCoding(db, recording, coder, (ref, at) => {
    const scheme = studyScheme(db);
    const fields = marks.map((m, i) => forRow(`Mark ${i + 1}`, () => validateMark(scheme, ref.recording.durationMs, m)));
    dropRedoStack(db, ref);
    const created = fields.map((f) => liveEvent(db, scheme, insertEvent(db, ref, f, at)));
    appendAudit(
      db,
      { actor, action: 'event.import', entity: 'event', entityId: codingLabel(ref), after: { count: created.length, marks: created } },
      at,
    );
    return created;
  });
}
