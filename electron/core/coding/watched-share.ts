// How much of each segment a coder has actually seen: the spans they played forward, merged, and the share of
// each segment those spans cover. A segment counts as watched once that share reaches WATCHED_SHARE; the
// playhead merely crossing a segment's end (a seek, a skip) says nothing about what was seen.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { getSettings } from '../store/settings.ts';
import { statement } from '../store/statements.ts';
import { resolveCoding, type CodingRef } from './coding-ref.ts';
import { markSegmentWatched, watchedSegments } from './notes.ts';
import { segmentGrid, type Segment } from './segments.ts';
import { editCoding } from './status.ts';

/** The share of a segment that must have been played forward for it to count as watched. */
export const WATCHED_SHARE = 0.9;

/** [startMs, endMs) of the recording, played forward at an ordinary speed. */
export interface PlayedSpan {
  startMs: number;
  endMs: number;
}

/** Sorted, with overlapping or touching spans joined. */
export function mergeSpans(spans: readonly PlayedSpan[]): PlayedSpan[] {
  const merged: PlayedSpan[] = [];
  for (const span of [...spans].sort((a, b) => a.startMs - b.startMs)) {
    const last = merged[merged.length - 1];
    if (last && span.startMs <= last.endMs) last.endMs = Math.max(last.endMs, span.endMs);
    else merged.push({ ...span });
  }
  return merged;
}

/** Per segment, the share 0–1 of it that the spans cover (an empty segment counts as seen). */
export function segmentShares(grid: readonly Segment[], spans: readonly PlayedSpan[]): number[] {
  const merged = mergeSpans(spans);
  return grid.map((s) => {
    const length = s.endMs - s.startMs;
    if (length <= 0) return 1;
    const covered = merged.reduce((sum, p) => sum + Math.max(0, Math.min(p.endMs, s.endMs) - Math.max(p.startMs, s.startMs)), 0);
    return Math.min(1, covered / length);
  });
}

function readSpans(db: Database, ref: CodingRef): PlayedSpan[] {
  return statement(db, 'SELECT start_ms AS startMs, end_ms AS endMs FROM played_spans WHERE recording_id = ? AND coder_id = ? ORDER BY start_ms').all(
    ref.recording.id,
    ref.coder.id,
  ) as PlayedSpan[];
}

/** The segments the study's settings cut the coding's recording into. */
export const codingGrid = (db: Database, ref: CodingRef): Segment[] => segmentGrid(ref.recording.durationMs, getSettings(db));

/** Per segment of the coding, the share 0–1 the coder has played forward. */
export function playedShares(db: Database, recording: string, coder: string): number[] {
  const ref = resolveCoding(db, recording, coder);
  return segmentShares(codingGrid(db, ref), readSpans(db, ref));
}

function checkSpan(span: PlayedSpan, durationMs: number): PlayedSpan {
  const { startMs, endMs } = span;
  if (!Number.isInteger(startMs) || !Number.isInteger(endMs) || startMs < 0 || endMs <= startMs || endMs > durationMs) {
    throw new AppError(
      'INVALID_INPUT',
      `A played span must be whole milliseconds with 0 ≤ start < end ≤ ${durationMs} (the recording's length); got ${String(startMs)}–${String(endMs)}.`,
    );
  }
  return { startMs, endMs };
}

/**
 * Adds spans the coder played forward, then records as watched every segment whose share reached
 * WATCHED_SHARE (audited as before, so a replay of the audit log rebuilds which segments were watched). The
 * spans themselves are not audited: they are many, and the watched segments are what the coding holds.
 * All spans or none are taken; a completed coding takes none.
 */
export function recordPlayed(db: Database, recording: string, coder: string, spans: readonly PlayedSpan[], actor: string): void {
  if (spans.length === 0) return;
  db.transaction(() => {
    editCoding(db, recording, coder, (ref) => {
      const valid = spans.map((s) => checkSpan(s, ref.recording.durationMs));
      const before = readSpans(db, ref);
      const after = mergeSpans([...before, ...valid]);
      if (after.length === before.length && after.every((s, i) => s.startMs === before[i]!.startMs && s.endMs === before[i]!.endMs)) return;
      statement(db, 'DELETE FROM played_spans WHERE recording_id = ? AND coder_id = ?').run(ref.recording.id, ref.coder.id);
      const insert = statement(db, 'INSERT INTO played_spans (recording_id, coder_id, start_ms, end_ms) VALUES (?, ?, ?, ?)');
      for (const s of after) insert.run(ref.recording.id, ref.coder.id, s.startMs, s.endMs);
    });
    const seen = new Set(watchedSegments(db, recording, coder));
    playedShares(db, recording, coder).forEach((share, index) => {
      if (share >= WATCHED_SHARE && !seen.has(index)) markSegmentWatched(db, recording, coder, index, actor);
    });
  })();
}
