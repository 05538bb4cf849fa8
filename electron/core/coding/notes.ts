// Per-segment notes and the record of which segments the coder has watched through.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { getSettings } from '../store/settings.ts';
import { codingLabel, resolveCoding, type CodingRef } from './coding-ref.ts';
import { segmentGrid } from './segments.ts';
import { editCoding } from './status.ts';
import { checkNote, checkSegmentIndex } from './validation.ts';
import { statement } from '../store/statements.ts';

function checkIndexIn(db: Database, ref: CodingRef, index: number): number {
  return checkSegmentIndex(index, segmentGrid(ref.recording.durationMs, getSettings(db)));
}

const segmentKey = (ref: CodingRef, index: number) => `${codingLabel(ref)}/${index}`;

function readNotes(db: Database, ref: CodingRef): Record<number, string> {
  const rows = statement(db, 'SELECT segment_index, note FROM segment_notes WHERE recording_id = ? AND coder_id = ? ORDER BY segment_index').all(
    ref.recording.id,
    ref.coder.id,
  ) as { segment_index: number; note: string }[];
  return Object.fromEntries(rows.map((r) => [r.segment_index, r.note]));
}

export function getSegmentNotes(db: Database, recording: string, coder: string): Record<number, string> {
  return readNotes(db, resolveCoding(db, recording, coder));
}

/** An empty (or blank) note removes the segment's note. */
export function setSegmentNote(db: Database, recording: string, coder: string, segmentIndex: number, note: string, actor: string): void {
  editCoding(db, recording, coder, (ref, at) => {
    const index = checkIndexIn(db, ref, segmentIndex);
    const text = checkNote(note);
    const before = readNotes(db, ref)[index] ?? null;
    const key = { r: ref.recording.id, c: ref.coder.id, index, text, at };
    if (text.trim() === '') {
      if (before === null) return;
      statement(db, 'DELETE FROM segment_notes WHERE recording_id = @r AND coder_id = @c AND segment_index = @index').run(key);
      appendAudit(db, { actor, action: 'note.clear', entity: 'segment-note', entityId: segmentKey(ref, index), before }, at);
      return;
    }
    statement(
      db,
      `INSERT INTO segment_notes (recording_id, coder_id, segment_index, note, updated_at) VALUES (@r, @c, @index, @text, @at)
       ON CONFLICT (recording_id, coder_id, segment_index) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at`,
    ).run(key);
    appendAudit(db, { actor, action: 'note.set', entity: 'segment-note', entityId: segmentKey(ref, index), before, after: text }, at);
  });
}

function isWatched(db: Database, ref: CodingRef, index: number): boolean {
  return (
    statement(db, 'SELECT 1 FROM watched_segments WHERE recording_id = ? AND coder_id = ? AND segment_index = ?').get(
      ref.recording.id,
      ref.coder.id,
      index,
    ) !== undefined
  );
}

/**
 * Idempotent: returns false, writing nothing, when the segment was already watched, so replaying a
 * completed coding does not fail. A new watch is a write and is refused on a complete coding.
 */
export function markSegmentWatched(db: Database, recording: string, coder: string, segmentIndex: number, actor: string): boolean {
  return db.transaction(() => {
    const ref = resolveCoding(db, recording, coder);
    const index = checkIndexIn(db, ref, segmentIndex);
    if (isWatched(db, ref, index)) return false;
    editCoding(db, recording, coder, (_, at) => {
      statement(db, 'INSERT INTO watched_segments (recording_id, coder_id, segment_index, watched_at) VALUES (?, ?, ?, ?)').run(
        ref.recording.id,
        ref.coder.id,
        index,
        at,
      );
      appendAudit(db, { actor, action: 'segment.watch', entity: 'segment', entityId: segmentKey(ref, index) }, at);
    });
    return true;
  })();
}

export function watchedSegments(db: Database, recording: string, coder: string): number[] {
  const ref = resolveCoding(db, recording, coder);
  const rows = statement(db, 'SELECT segment_index FROM watched_segments WHERE recording_id = ? AND coder_id = ? ORDER BY segment_index').all(
    ref.recording.id,
    ref.coder.id,
  ) as { segment_index: number }[];
  return rows.map((r) => r.segment_index);
}
