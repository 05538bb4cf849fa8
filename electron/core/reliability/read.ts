// Reads the chosen codings out of the study in two queries (all live marks, all ratings), because a report
// over a thousand recordings would otherwise make thousands of per-coding round trips. Each row goes straight
// into the report's input; the rows are dropped once read.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { GridRule } from '../coding/segments.ts';
import type { Scheme } from '../scheme/index.ts';
import { ReliabilityInput, type CodingMark } from './input.ts';
import type { CheckMinus, Selection } from './selection.ts';

interface MarkRow extends CodingMark {
  recording_id: number;
  coder_id: number;
}

interface RatingRow {
  recording_id: number;
  coder_id: number;
  item: string;
  value: number;
}

/** Call inside a transaction, with the selection read in it. */
export function readInput(
  db: Database,
  selection: Selection,
  scheme: Scheme,
  { segmentSeconds, minFinalSeconds }: GridRule,
  checkMinus: CheckMinus,
): ReliabilityInput {
  const { coders, recordings, coded } = selection;
  const input = new ReliabilityInput({ scheme, segmentSeconds, minFinalSeconds, coders, recordings, coded }, checkMinus);
  const recordingIndex = new Map(recordings.map((r, i) => [r.id, i]));
  const coderIndex = new Map(coders.map((c, i) => [c.id, i]));
  for (const mark of db.prepare('SELECT recording_id, coder_id, code, clarity, time_ms AS timeMs FROM events WHERE deleted = 0').all() as MarkRow[]) {
    const r = recordingIndex.get(mark.recording_id);
    const c = coderIndex.get(mark.coder_id);
    if (r !== undefined && c !== undefined) input.addMark(r, c, mark);
  }
  for (const row of db.prepare('SELECT recording_id, coder_id, item, value FROM ratings').all() as RatingRow[]) {
    const r = recordingIndex.get(row.recording_id);
    const c = coderIndex.get(row.coder_id);
    if (r !== undefined && c !== undefined) input.addRating(r, c, row.item, row.value);
  }
  return input;
}
