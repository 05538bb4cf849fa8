// Signing a coding off (complete) and taking the sign-off back (reopen). Completing says what is still open
// (warnings, unwatched segments) so it is done knowingly, and is refused while a global rating is missing.
// A coder may reopen their own coding until it has been used: compared, taken into a consensus or exported
// by a lead, or checked against a reference in training (which shows the reference's marks). From then on
// only a lead reopens it, as the use may rest on it.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { ratingItemIds } from '../scheme/index.ts';
import { statement } from '../store/statements.ts';
import { codingLabel, resolveCoding, studyScheme, type CodingRef } from './coding-ref.ts';
import { watchedSegments } from './notes.ts';
import { buildScoresheet, type Scoresheet } from './scoresheet.ts';
import { codingStateOf, setStoredState, type CodingState } from './status.ts';
import type { Warning } from './warnings.ts';

/** What the sign-off of a coding would leave open. */
export interface SignOffCheck {
  state: CodingState;
  /** Rating items not rated yet, in scoresheet order: completing is refused while any is missing. */
  missingRatings: string[];
  /** Open warnings, but for missing ratings (listed above): completing with them asks to confirm. */
  warnings: Warning[];
  /** Segments (0-based) not watched yet: completing with them asks to confirm. */
  unwatched: number[];
  /** When the complete coding was first used (see the top of this file); null while it was not. */
  usedAt: string | null;
}

/** The ways a coding is used that end its coder's right to reopen it. */
export type CodingUse = 'compare' | 'consensus' | 'export' | 'training';

const ids = (ref: CodingRef) => ({ r: ref.recording.id, c: ref.coder.id });

/** When the complete coding was first used (see the top of this file); null while it was not. */
export function codingUsedAt(db: Database, ref: CodingRef): string | null {
  const row = statement(db, 'SELECT used_at FROM coding_status WHERE recording_id = @r AND coder_id = @c').get(ids(ref)) as
    { used_at: string | null } | undefined;
  return row?.used_at ?? null;
}

/** The check over a scoresheet and watched segments the caller already read (the coding view has both). */
export function signOffOf(db: Database, sheet: Scoresheet, watchedSegments: readonly number[]): SignOffCheck {
  const watched = new Set(watchedSegments);
  return {
    state: sheet.state,
    missingRatings: ratingItemIds(studyScheme(db)).filter((id) => sheet.ratings[id] === undefined),
    warnings: sheet.warnings.filter((w) => w.rule !== 'ratings-incomplete'),
    unwatched: sheet.segments.map((s) => s.index).filter((i) => !watched.has(i)),
    usedAt: codingUsedAt(db, resolveCoding(db, sheet.recording, sheet.coder)),
  };
}

export const signOffCheck = (db: Database, recording: string, coder: string): SignOffCheck =>
  signOffOf(db, buildScoresheet(db, recording, coder), watchedSegments(db, recording, coder));

/** "W3, C1 and 4 more": enough to find them on the ratings screen without a wall of codes. */
function someItems(items: string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

export function completeCoding(db: Database, recording: string, coder: string, actor: string): void {
  db.transaction(() => {
    const ref = resolveCoding(db, recording, coder);
    const check = signOffCheck(db, recording, coder);
    if (check.state === 'complete') {
      throw new AppError('CONFLICT', `The coding ${codingLabel(ref)} is already complete. Nothing was changed.`);
    }
    // Signing off an empty coding would open the training check's reference to a coder who never coded.
    if (check.state === 'not-started') {
      throw new AppError(
        'CONFLICT',
        `The coding ${codingLabel(ref)} has nothing in it yet: watch the session and code it (marks and the global ratings) before marking it complete.`,
      );
    }
    const missing = check.missingRatings;
    if (missing.length > 0) {
      throw new AppError(
        'CONFLICT',
        `The coding ${codingLabel(ref)} cannot be marked complete: ${missing.length} of the global ratings ${missing.length === 1 ? 'is' : 'are'} still missing (${someItems(missing)}). Rate every item, then complete it.`,
        { missingRatings: missing },
      );
    }
    const at = new Date().toISOString();
    setStoredState(db, ref, 'complete', at);
    // What was still open when the coder signed off, so the log shows it was done knowingly.
    const open = { warnings: check.warnings.map((w) => w.rule), unwatched: check.unwatched };
    appendAudit(
      db,
      { actor, action: 'coding.complete', entity: 'coding', entityId: codingLabel(ref), before: check.state, after: { state: 'complete', open } },
      at,
    );
  })();
}

/**
 * Reopens a complete coding. Who may (its coder until the coding is used, a lead at any time) is the caller's
 * to decide (api/authorization.ts); the audit names `actor`.
 */
export function reopenCoding(db: Database, recording: string, coder: string, actor: string): void {
  db.transaction(() => {
    const ref = resolveCoding(db, recording, coder);
    const before = codingStateOf(db, ref);
    if (before !== 'complete') {
      throw new AppError('CONFLICT', `The coding ${codingLabel(ref)} is not complete (it is ${before}), so there is nothing to reopen.`);
    }
    const at = new Date().toISOString();
    setStoredState(db, ref, 'in-progress', at);
    // A lead's reopen starts the coding's life afresh: once completed again, its coder may reopen it until the next use.
    statement(db, 'UPDATE coding_status SET used_at = NULL WHERE recording_id = @r AND coder_id = @c').run(ids(ref));
    appendAudit(db, { actor, action: 'coding.reopen', entity: 'coding', entityId: codingLabel(ref), before, after: 'in-progress' }, at);
  })();
}

/** Every recording × coder pair of a selection (e.g. an export's): recordCodingUse skips pairs that are no complete coding. */
export const eachPair = (recordings: readonly string[], coders: readonly string[]): { recording: string; coder: string }[] =>
  recordings.flatMap((recording) => coders.map((coder) => ({ recording, coder })));

/**
 * Records that complete codings were used (see the top of this file); codings not complete, or already used,
 * are left as they are. One audit entry per coding newly marked. Call inside the transaction of the use where
 * there is one.
 */
export function recordCodingUse(db: Database, codings: readonly { recording: string; coder: string }[], use: CodingUse, actor: string): void {
  db.transaction(() => {
    const at = new Date().toISOString();
    for (const { recording, coder } of codings) {
      const ref = resolveCoding(db, recording, coder);
      const marked = statement(
        db,
        "UPDATE coding_status SET used_at = @at WHERE recording_id = @r AND coder_id = @c AND state = 'complete' AND used_at IS NULL",
      ).run({
        ...ids(ref),
        at,
      });
      if (marked.changes > 0) appendAudit(db, { actor, action: 'coding.use', entity: 'coding', entityId: codingLabel(ref), after: { use } }, at);
    }
  })();
}
