// Reads the chosen codings out of the study in two queries (all live marks, all ratings), because a report
// over a thousand recordings would otherwise make thousands of per-coding round trips.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { segmentGrid, segmentIndexAt } from '../coding/segments.ts';
import { AppError } from '../errors.ts';
import type { Recording } from '../recordings/registry.ts';
import type { Scheme } from '../scheme/index.ts';
import { codeBits } from './keys.ts';
import type { CheckMinus, Selection } from './selection.ts';

/** The segments compared: those of every chosen recording that every chosen coder has coded. */
export interface SegmentUnits {
  recordings: Recording[];
  /** bits[coder][unit]: the codes that coder marked in that segment, one bit per code (see codeBits). */
  bits: Int32Array[];
  count: number;
}

interface MarkRow {
  recording_id: number;
  coder_id: number;
  code: string;
  clarity: 'check' | 'check-minus';
  time_ms: number;
}

interface RatingRow {
  recording_id: number;
  coder_id: number;
  item: string;
  value: number;
}

const indexById = (items: { id: number }[]) => new Map(items.map((item, i) => [item.id, i]));

export function segmentUnits(db: Database, selection: Selection, scheme: Scheme, segmentSeconds: number, checkMinus: CheckMinus): SegmentUnits {
  const recordings = selection.recordings.filter((_, r) => selection.coded[r]!.every(Boolean));
  const offsets = new Map<number, { offset: number; recording: Recording }>();
  let count = 0;
  for (const recording of recordings) {
    offsets.set(recording.id, { offset: count, recording });
    count += segmentGrid(recording.durationMs, segmentSeconds).length;
  }
  const coderIndex = indexById(selection.coders);
  const bits = selection.coders.map(() => new Int32Array(count));
  const bitOf = codeBits(scheme);
  const rows = db.prepare('SELECT recording_id, coder_id, code, clarity, time_ms FROM events WHERE deleted = 0').all() as MarkRow[];
  for (const row of rows) {
    const place = offsets.get(row.recording_id);
    const c = coderIndex.get(row.coder_id);
    if (!place || c === undefined || (checkMinus === 'absent' && row.clarity === 'check-minus')) continue;
    const bit = bitOf.get(row.code);
    if (bit === undefined) {
      throw new AppError('STUDY_CORRUPT', `A mark in ${place.recording.code} has code "${row.code}", which the study's scheme does not know. Restore the study from a backup.`);
    }
    bits[c]![place.offset + segmentIndexAt(row.time_ms, segmentSeconds, place.recording.durationMs)]! |= bit;
  }
  return { recordings, bits, count };
}

/**
 * For each rating item, the matrix of ratings (recordings in rows, coders in columns) over the chosen
 * recordings that every chosen coder rated on that item.
 */
export function ratingMatrices(db: Database, selection: Selection, items: readonly string[]): Map<string, number[][]> {
  const recordingIndex = indexById(selection.recordings);
  const coderIndex = indexById(selection.coders);
  const m = selection.coders.length;
  // cells.get(item)[recording][coder]; NaN marks a rating not given.
  const cells = new Map(items.map((item) => [item, selection.recordings.map(() => new Array<number>(m).fill(Number.NaN))]));
  for (const row of db.prepare('SELECT recording_id, coder_id, item, value FROM ratings').all() as RatingRow[]) {
    const r = recordingIndex.get(row.recording_id);
    const c = coderIndex.get(row.coder_id);
    const grid = cells.get(row.item);
    if (r !== undefined && c !== undefined && grid) grid[r]![c] = row.value;
  }
  return new Map([...cells].map(([item, grid]) => [item, grid.filter((ratings) => ratings.every((v) => !Number.isNaN(v)))]));
}
