// One coder's coding of one recording as plain data: what a packet carries, what a digest is taken of, and
// what an import writes back. Row ids and write times are local to a study file, so they are left out; a mark is
// known across workstations by its uid.

import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { checkClarity, checkCode, checkNote, checkTime } from '../coding/validation.ts';
import { AppError } from '../errors.ts';
import { ratingItemIds, type Scheme } from '../scheme/index.ts';
import { statement } from '../store/statements.ts';
import { canonicalJson } from './canonical-json.ts';

const uid = z.string().regex(/^[0-9a-f]{32}$/);
const whole = z.number().int().min(0);

export const codingStateSchema = z.strictObject({
  status: z.enum(['in-progress', 'complete']).nullable(),
  marks: z.array(z.strictObject({ uid, code: z.string(), clarity: z.enum(['check', 'check-minus']), timeMs: whole, note: z.string() })),
  ratings: z.array(z.strictObject({ item: z.string(), value: z.number().int().min(1).max(5) })),
  notes: z.array(z.strictObject({ segment: whole, note: z.string() })),
  watched: z.array(whole),
  played: z.array(z.tuple([whole, whole])),
  earlyRatings: z.array(z.string()),
});

export type CodingState = z.infer<typeof codingStateSchema>;
export type StateMark = CodingState['marks'][number];

export interface CodingKey {
  recordingId: number;
  coderId: number;
}

const byKey = (k: CodingKey) => ({ r: k.recordingId, c: k.coderId });

export function readCodingState(db: Database, key: CodingKey): CodingState {
  const k = byKey(key);
  const status = statement(db, 'SELECT state FROM coding_status WHERE recording_id = @r AND coder_id = @c').get(k) as
    { state: 'in-progress' | 'complete' } | undefined;
  return {
    status: status?.state ?? null,
    marks: statement(
      db,
      'SELECT uid, code, clarity, time_ms AS timeMs, note FROM events WHERE recording_id = @r AND coder_id = @c AND deleted = 0 ORDER BY time_ms, uid',
    ).all(k) as StateMark[],
    ratings: statement(db, 'SELECT item, value FROM ratings WHERE recording_id = @r AND coder_id = @c ORDER BY item').all(
      k,
    ) as CodingState['ratings'],
    notes: statement(
      db,
      'SELECT segment_index AS segment, note FROM segment_notes WHERE recording_id = @r AND coder_id = @c ORDER BY segment_index',
    ).all(k) as CodingState['notes'],
    watched: (
      statement(db, 'SELECT segment_index AS s FROM watched_segments WHERE recording_id = @r AND coder_id = @c ORDER BY segment_index').all(k) as {
        s: number;
      }[]
    ).map((r) => r.s),
    played: (
      statement(db, 'SELECT start_ms AS s, end_ms AS e FROM played_spans WHERE recording_id = @r AND coder_id = @c ORDER BY start_ms').all(k) as {
        s: number;
        e: number;
      }[]
    ).map((r): [number, number] => [r.s, r.e]),
    earlyRatings: (
      statement(db, 'SELECT item FROM early_ratings WHERE recording_id = @r AND coder_id = @c ORDER BY item').all(k) as { item: string }[]
    ).map((r) => r.item),
  };
}

export const isEmptyState = (s: CodingState): boolean =>
  s.status === null && s.marks.length + s.ratings.length + s.notes.length + s.watched.length + s.played.length + s.earlyRatings.length === 0;

export const digestState = (s: CodingState): string => createHash('sha256').update(canonicalJson(s)).digest('hex');

/** Checks a state from a packet against the study it is written into, before anything is written. */
export function checkCodingState(state: CodingState, scheme: Scheme, durationMs: number, label: string): void {
  const items = new Set(ratingItemIds(scheme));
  const fail = (what: string) => {
    throw new AppError('INVALID_INPUT', `The packet's coding of ${label} ${what}; it was refused and nothing was changed.`);
  };
  try {
    for (const m of state.marks) {
      checkCode(scheme, m.code);
      checkClarity(m.clarity);
      checkTime(m.timeMs, durationMs);
      checkNote(m.note);
    }
    for (const n of state.notes) checkNote(n.note);
  } catch (err) {
    fail(`holds a mark or note this study cannot take (${(err as Error).message})`);
  }
  if (new Set(state.marks.map((m) => m.uid)).size !== state.marks.length) fail('names a mark twice');
  for (const r of state.ratings) if (!items.has(r.item)) fail(`rates "${r.item}", which is not an item of the scheme`);
  for (const item of state.earlyRatings) if (!items.has(item)) fail(`flags "${item}", which is not an item of the scheme`);
  for (const [start, end] of state.played) if (end <= start) fail('holds a played span that ends before it starts');
}

export interface StateDiff {
  marksAdded: number;
  marksChanged: number;
  marksDeleted: number;
  ratingsChanged: number;
  notesChanged: number;
  statusBefore: CodingState['status'];
  statusAfter: CodingState['status'];
}

const sameMark = (a: StateMark, b: StateMark) => a.code === b.code && a.clarity === b.clarity && a.timeMs === b.timeMs && a.note === b.note;

export function diffStates(before: CodingState, after: CodingState): StateDiff {
  const old = new Map(before.marks.map((m) => [m.uid, m]));
  const next = new Map(after.marks.map((m) => [m.uid, m]));
  const rated = new Map(before.ratings.map((r) => [r.item, r.value]));
  const noted = new Map(before.notes.map((n) => [n.segment, n.note]));
  const afterRated = new Set(after.ratings.map((r) => r.item));
  const afterNoted = new Set(after.notes.map((n) => n.segment));
  return {
    marksAdded: after.marks.filter((m) => !old.has(m.uid)).length,
    marksChanged: after.marks.filter((m) => old.has(m.uid) && !sameMark(old.get(m.uid)!, m)).length,
    marksDeleted: before.marks.filter((m) => !next.has(m.uid)).length,
    ratingsChanged: after.ratings.filter((r) => rated.get(r.item) !== r.value).length + before.ratings.filter((r) => !afterRated.has(r.item)).length,
    notesChanged: after.notes.filter((n) => noted.get(n.segment) !== n.note).length + before.notes.filter((n) => !afterNoted.has(n.segment)).length,
    statusBefore: before.status,
    statusAfter: after.status,
  };
}

/**
 * Makes the coding equal to `state`, inside the caller's transaction. Marks keep their uid: one the study
 * already has is updated (brought back if it was deleted), one it lacks is added, and a live mark the state
 * does not hold is deleted (softly, as everywhere). The coding's undo history is closed: it describes edits
 * the state has replaced.
 */
export function applyCodingState(db: Database, key: CodingKey, state: CodingState, at: string): void {
  const k = byKey(key);
  const existing = new Map(
    (statement(db, 'SELECT id, uid FROM events WHERE recording_id = @r AND coder_id = @c').all(k) as { id: number; uid: string }[]).map((r) => [
      r.uid,
      r.id,
    ]),
  );
  const keep = new Set<string>();
  const update = statement(
    db,
    'UPDATE events SET code = @code, clarity = @clarity, time_ms = @timeMs, note = @note, deleted = 0, updated_at = @at WHERE id = @id',
  );
  const insert = statement(
    db,
    `INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, note, created_at, updated_at, uid)
     VALUES (@r, @c, @code, @clarity, @timeMs, @note, @at, @at, @uid)`,
  );
  for (const m of state.marks) {
    keep.add(m.uid);
    const id = existing.get(m.uid);
    if (id !== undefined) update.run({ id, code: m.code, clarity: m.clarity, timeMs: m.timeMs, note: m.note, at });
    else {
      try {
        insert.run({ ...k, code: m.code, clarity: m.clarity, timeMs: m.timeMs, note: m.note, at, uid: m.uid });
      } catch (err) {
        // The uid index is unique: a mark of this coding is never another coding's.
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new AppError('INVALID_INPUT', `The packet names mark ${m.uid}, which belongs to another coding in this study; it was refused.`);
        }
        throw err;
      }
    }
  }
  const remove = statement(db, 'UPDATE events SET deleted = 1, updated_at = ? WHERE id = ? AND deleted = 0');
  for (const [u, id] of existing) if (!keep.has(u)) remove.run(at, id);
  statement(db, "UPDATE edit_ops SET state = 'dropped' WHERE recording_id = @r AND coder_id = @c AND state <> 'dropped'").run(k);

  statement(db, 'DELETE FROM ratings WHERE recording_id = @r AND coder_id = @c').run(k);
  const rate = statement(db, 'INSERT INTO ratings (recording_id, coder_id, item, value, updated_at) VALUES (@r, @c, @item, @value, @at)');
  for (const r of state.ratings) rate.run({ ...k, item: r.item, value: r.value, at });

  statement(db, 'DELETE FROM segment_notes WHERE recording_id = @r AND coder_id = @c').run(k);
  const note = statement(
    db,
    'INSERT INTO segment_notes (recording_id, coder_id, segment_index, note, updated_at) VALUES (@r, @c, @segment, @note, @at)',
  );
  for (const n of state.notes) note.run({ ...k, segment: n.segment, note: n.note, at });

  statement(db, 'DELETE FROM watched_segments WHERE recording_id = @r AND coder_id = @c').run(k);
  const watch = statement(db, 'INSERT INTO watched_segments (recording_id, coder_id, segment_index, watched_at) VALUES (@r, @c, @segment, @at)');
  for (const segment of state.watched) watch.run({ ...k, segment, at });

  statement(db, 'DELETE FROM played_spans WHERE recording_id = @r AND coder_id = @c').run(k);
  const play = statement(db, 'INSERT INTO played_spans (recording_id, coder_id, start_ms, end_ms) VALUES (@r, @c, @start, @end)');
  for (const [start, end] of state.played) play.run({ ...k, start, end });

  statement(db, 'DELETE FROM early_ratings WHERE recording_id = @r AND coder_id = @c').run(k);
  const early = statement(db, 'INSERT INTO early_ratings (recording_id, coder_id, item, rated_at) VALUES (@r, @c, @item, @at)');
  for (const item of state.earlyRatings) early.run({ ...k, item, at });

  if (state.status === null) statement(db, 'DELETE FROM coding_status WHERE recording_id = @r AND coder_id = @c').run(k);
  else {
    statement(
      db,
      `INSERT INTO coding_status (recording_id, coder_id, state, updated_at) VALUES (@r, @c, @state, @at)
       ON CONFLICT (recording_id, coder_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    ).run({ ...k, state: state.status, at });
  }
}

/**
 * A coding as a packet left it (`state`, now written), for the audit entry: its marks with this study's ids (and
 * uids), the ids of the marks it deleted, and every other part in full, so verify's replay rebuilds the coding
 * from the entry alone.
 */
export function auditedCoding(
  db: Database,
  key: CodingKey,
  labels: { recording: string; coder: string },
  state: CodingState,
  liveBefore: readonly number[],
) {
  const ids = new Map(
    (
      statement(db, 'SELECT id, uid FROM events WHERE recording_id = @r AND coder_id = @c AND deleted = 0').all(byKey(key)) as {
        id: number;
        uid: string;
      }[]
    ).map((r) => [r.uid, r.id]),
  );
  const live = new Set(ids.values());
  return {
    recording: labels.recording,
    coder: labels.coder,
    marks: state.marks.map((m) => ({ id: ids.get(m.uid)!, ...m, recording: labels.recording, coder: labels.coder })),
    deletedMarks: liveBefore.filter((id) => !live.has(id)),
    ratings: Object.fromEntries(state.ratings.map((r) => [r.item, r.value])),
    notes: Object.fromEntries(state.notes.map((n) => [String(n.segment), n.note])),
    watched: state.watched,
    played: state.played,
    earlyRatings: state.earlyRatings,
    status: state.status,
  };
}

/** This coding's live mark ids, read before a packet changes it. */
export const liveMarkIds = (db: Database, key: CodingKey): number[] =>
  (statement(db, 'SELECT id FROM events WHERE recording_id = @r AND coder_id = @c AND deleted = 0').all(byKey(key)) as { id: number }[]).map(
    (r) => r.id,
  );
