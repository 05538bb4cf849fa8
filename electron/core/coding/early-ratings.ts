// Ratings made before the whole session was watched. The manual makes the global ratings after the whole
// session; one made earlier stays flagged until the coder reviews it once everything is watched (rates the
// item again, or confirms the ratings as they stand), rather than the flag vanishing once the rest is played.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { statement } from '../store/statements.ts';
import { codingLabel, resolveCoding, type CodingRef } from './coding-ref.ts';
import { watchedSegments } from './notes.ts';
import { editCoding } from './status.ts';
import { codingGrid } from './watched-share.ts';
import { describeSegments } from './warnings.ts';

function unwatchedOf(db: Database, ref: CodingRef): number[] {
  const seen = new Set(watchedSegments(db, ref.recording.code, ref.coder.code));
  return codingGrid(db, ref)
    .map((s) => s.index)
    .filter((i) => !seen.has(i));
}

/**
 * Called inside the write that rates `items`: rated while part of the session is unwatched, they are flagged;
 * rated again once all is watched, that is their review and the flag goes.
 */
export function noteRatingTime(db: Database, ref: CodingRef, items: readonly string[], at: string): void {
  const early = unwatchedOf(db, ref).length > 0;
  for (const item of items) {
    if (early) {
      statement(db, 'INSERT INTO early_ratings (recording_id, coder_id, item, rated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
        ref.recording.id,
        ref.coder.id,
        item,
        at,
      );
    } else forgetEarlyRating(db, ref, item);
  }
}

/** A cleared rating is no longer one made too early. */
export function forgetEarlyRating(db: Database, ref: CodingRef, item: string): void {
  statement(db, 'DELETE FROM early_ratings WHERE recording_id = ? AND coder_id = ? AND item = ?').run(ref.recording.id, ref.coder.id, item);
}

function readEarly(db: Database, ref: CodingRef): string[] {
  const rows = statement(db, 'SELECT item FROM early_ratings WHERE recording_id = ? AND coder_id = ? ORDER BY item').all(
    ref.recording.id,
    ref.coder.id,
  ) as {
    item: string;
  }[];
  return rows.map((r) => r.item);
}

/** The items still flagged as rated before the whole session was watched. */
export function earlyRatings(db: Database, recording: string, coder: string): string[] {
  return readEarly(db, resolveCoding(db, recording, coder));
}

/**
 * The coder has looked at every rating again after watching the whole session: the flags go (audited, with the
 * items that were flagged). Refused while a segment is unwatched, since the review must follow the watching.
 */
export function confirmRatingsReviewed(db: Database, recording: string, coder: string, actor: string): void {
  editCoding(db, recording, coder, (ref, at) => {
    const unwatched = unwatchedOf(db, ref);
    if (unwatched.length > 0) {
      throw new AppError('CONFLICT', `Watch the whole session first: ${describeSegments(unwatched)} not watched yet. Then review the ratings.`);
    }
    const flagged = readEarly(db, ref);
    if (flagged.length === 0) return;
    statement(db, 'DELETE FROM early_ratings WHERE recording_id = ? AND coder_id = ?').run(ref.recording.id, ref.coder.id);
    appendAudit(db, { actor, action: 'rating.review', entity: 'rating', entityId: codingLabel(ref), before: flagged }, at);
  });
}
