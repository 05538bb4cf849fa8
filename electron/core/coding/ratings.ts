// Global ratings made after the whole session: significance per marker type, the two overall
// significances, overall resolution and therapist contribution. Each is an integer 1–5.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { ratingItemIds, type Scheme } from '../scheme/index.ts';
import { codingLabel, resolveCoding, studyScheme, type CodingRef } from './coding-ref.ts';
import { forgetEarlyRating, noteRatingTime } from './early-ratings.ts';
import { editCoding } from './status.ts';
import { forRow } from './validation.ts';
import { statement } from '../store/statements.ts';

export interface RatingRow {
  item: string;
  value: number;
}

function checkItem(scheme: Scheme, item: unknown): string {
  const items = ratingItemIds(scheme);
  if (typeof item !== 'string' || !items.includes(item)) {
    const named = items.filter((id) => id.includes('_')).join(', ');
    throw new AppError('INVALID_INPUT', `"${String(item)}" is not a rating item. Use a marker code (such as W1 or R10) or one of ${named}.`);
  }
  return item;
}

function checkValue(item: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
    throw new AppError('INVALID_INPUT', `The rating of ${item} must be a whole number from 1 to 5 (got ${String(value)}).`);
  }
  return value;
}

function readRatings(db: Database, ref: CodingRef): Record<string, number> {
  const rows = statement(db, 'SELECT item, value FROM ratings WHERE recording_id = ? AND coder_id = ? ORDER BY item').all(
    ref.recording.id,
    ref.coder.id,
  ) as RatingRow[];
  return Object.fromEntries(rows.map((r) => [r.item, r.value]));
}

function writeRating(db: Database, ref: CodingRef, item: string, value: number, at: string): void {
  statement(
    db,
    `INSERT INTO ratings (recording_id, coder_id, item, value, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (recording_id, coder_id, item) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(ref.recording.id, ref.coder.id, item, value, at);
}

export function getRatings(db: Database, recording: string, coder: string): Record<string, number> {
  return readRatings(db, resolveCoding(db, recording, coder));
}

export function setRating(db: Database, recording: string, coder: string, item: string, value: number, actor: string): void {
  editCoding(db, recording, coder, (ref, at) => {
    const scheme = studyScheme(db);
    const valid = checkValue(checkItem(scheme, item), value);
    const before = readRatings(db, ref)[item] ?? null;
    writeRating(db, ref, item, valid, at);
    noteRatingTime(db, ref, [item], at);
    appendAudit(db, { actor, action: 'rating.set', entity: 'rating', entityId: `${codingLabel(ref)}/${item}`, before, after: valid }, at);
  });
}

export function clearRating(db: Database, recording: string, coder: string, item: string, actor: string): void {
  editCoding(db, recording, coder, (ref, at) => {
    checkItem(studyScheme(db), item);
    const before = readRatings(db, ref)[item];
    if (before === undefined) {
      throw new AppError('NOT_FOUND', `${item} has no rating in ${codingLabel(ref)}, so there is nothing to clear.`);
    }
    statement(db, 'DELETE FROM ratings WHERE recording_id = ? AND coder_id = ? AND item = ?').run(ref.recording.id, ref.coder.id, item);
    forgetEarlyRating(db, ref, item);
    appendAudit(db, { actor, action: 'rating.clear', entity: 'rating', entityId: `${codingLabel(ref)}/${item}`, before }, at);
  });
}

function checkRows(scheme: Scheme, rows: RatingRow[]): RatingRow[] {
  const seen = new Set<string>();
  return rows.map((row, i) =>
    forRow(`Rating ${i + 1}`, () => {
      const item = checkItem(scheme, row.item);
      if (seen.has(item)) throw new AppError('INVALID_INPUT', `${item} is rated more than once. Keep one rating per item.`);
      seen.add(item);
      return { item, value: checkValue(item, row.value) };
    }),
  );
}

/** Sets the given items all-or-none with one audit entry; items not in `rows` keep their ratings. */
export function importRatings(db: Database, recording: string, coder: string, rows: RatingRow[], actor: string): void {
  editCoding(db, recording, coder, (ref, at) => {
    const valid = checkRows(studyScheme(db), rows);
    const before = readRatings(db, ref);
    for (const row of valid) writeRating(db, ref, row.item, row.value, at);
    noteRatingTime(
      db,
      ref,
      valid.map((r) => r.item),
      at,
    );
    const after = Object.fromEntries(valid.map((r) => [r.item, r.value]));
    appendAudit(
      db,
      { actor, action: 'rating.import', entity: 'rating', entityId: codingLabel(ref), before, after: { count: valid.length, ratings: after } },
      at,
    );
  });
}
