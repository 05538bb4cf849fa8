import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import { assertMinFinalSeconds, defaultMinFinalSeconds, type GridRule } from '../coding/segments.ts';
import { AppError } from '../errors.ts';
import { checked } from '../io/checked-json.ts';
import { assertSegmentSeconds } from './study-file.ts';
import { count, statement } from './statements.ts';

/** The grid rule (segment length, shortest final segment) is part of the settings, so the settings cut a recording. */
export interface StudySettings extends GridRule {
  schemeId: string;
  createdAt: string;
  /** A coder sees only their own coding (the default); off, coders may look at each other's codings. */
  blindCoding: boolean;
}

/** The settings row as the study must hold it; anything else is damage (the table's own checks let some through, e.g. text for a number). */
const SettingsRow = z.object({
  scheme_id: z.string().min(1),
  segment_seconds: z.number().int().positive(),
  min_final_seconds: z.number().int().nonnegative(),
  created_at: z.string(),
  blind_coding: z.union([z.literal(0), z.literal(1)]),
});

const damagedSettings = (problem: string): AppError =>
  new AppError('STUDY_CORRUPT', `The study's settings are damaged (${problem}). Restore the study from a backup.`);

export function getSettings(db: Database): StudySettings {
  const found: unknown = statement(
    db,
    'SELECT scheme_id, segment_seconds, min_final_seconds, created_at, blind_coding FROM study WHERE id = 1',
  ).get();
  if (!found) throw new AppError('NOT_A_STUDY', 'The study has no settings row; the file is damaged. Restore it from a backup.');
  const row = checked(SettingsRow, found, damagedSettings);
  return {
    schemeId: row.scheme_id,
    segmentSeconds: row.segment_seconds,
    minFinalSeconds: row.min_final_seconds,
    createdAt: row.created_at,
    blindCoding: row.blind_coding === 1,
  };
}

/**
 * What a reliability figure must be read with when coding has not always been blind in this study: codings
 * made while coders could see each other's are not independent. Null when it has always been blind. Said
 * without dates, as exports carry none; the audit log has them.
 */
export function blindCodingNote(db: Database): string | null {
  if (!getSettings(db).blindCoding) {
    return 'Blind coding is off in this study: coders can see each other’s codings, so codings made while it is off are not independent.';
  }
  const off = statement(db, "SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = 'study.set-blind-coding' AND after = 'false') AS off").get() as {
    off: number;
  };
  return off.off === 1
    ? 'Blind coding was turned off for a time in this study: codings made then may not be independent (the study’s audit log says when).'
    : null;
}

/** Turns blind coding on or off; audited. Who may do it is the caller's rule (a lead, in the app). */
export function setBlindCoding(db: Database, blind: boolean, actor: string): StudySettings {
  return db.transaction(() => {
    const before = getSettings(db);
    if (before.blindCoding === blind) return before;
    statement(db, 'UPDATE study SET blind_coding = ? WHERE id = 1').run(blind ? 1 : 0);
    appendAudit(db, { actor, action: 'study.set-blind-coding', entity: 'study', entityId: 1, before: before.blindCoding, after: blind });
    return getSettings(db);
  })();
}

/** The study's live marks, every coder's: kept per coder by the database (migration 9), never counted mark by mark. */
export const liveMarks = (db: Database): number => count(db, 'SELECT coalesce(sum(n), 0) AS n FROM live_marks');

/** Segment length is locked once any mark exists: moving the grid would silently re-bin every mark. */
export function isSegmentLengthLocked(db: Database): boolean {
  return liveMarks(db) > 0;
}

/**
 * Changes how recordings are cut: the segment length, the shortest final segment, or both, checked as a pair
 * and written together (each change audited). Refused once any mark exists, as either moves marks between
 * segments.
 */
export function setSegmentGrid(db: Database, change: Partial<GridRule>, actor: string): StudySettings {
  return db.transaction(() => {
    const before = getSettings(db);
    const segmentSeconds = change.segmentSeconds ?? before.segmentSeconds;
    // A final segment left at its default (a fifth) follows a new segment length; one the lab chose stays.
    const followsLength = change.minFinalSeconds === undefined && before.minFinalSeconds === defaultMinFinalSeconds(before.segmentSeconds);
    const minFinalSeconds = change.minFinalSeconds ?? (followsLength ? defaultMinFinalSeconds(segmentSeconds) : before.minFinalSeconds);
    const after: GridRule = { segmentSeconds, minFinalSeconds };
    assertSegmentSeconds(after.segmentSeconds);
    assertMinFinalSeconds(after.minFinalSeconds, after.segmentSeconds);
    if (before.segmentSeconds === after.segmentSeconds && before.minFinalSeconds === after.minFinalSeconds) return before;
    const marks = liveMarks(db);
    if (marks > 0) {
      throw new AppError(
        'LOCKED_SETTING',
        `How recordings are cut into segments cannot change once coding has started (${marks} marks exist). Create a new study for another segment length or final segment.`,
      );
    }
    if (before.segmentSeconds !== after.segmentSeconds) {
      statement(db, 'UPDATE study SET segment_seconds = ? WHERE id = 1').run(after.segmentSeconds);
      appendAudit(db, {
        actor,
        action: 'study.set-segment-seconds',
        entity: 'study',
        entityId: 1,
        before: before.segmentSeconds,
        after: after.segmentSeconds,
      });
    }
    if (before.minFinalSeconds !== after.minFinalSeconds) {
      statement(db, 'UPDATE study SET min_final_seconds = ? WHERE id = 1').run(after.minFinalSeconds);
      appendAudit(db, {
        actor,
        action: 'study.set-min-final-seconds',
        entity: 'study',
        entityId: 1,
        before: before.minFinalSeconds,
        after: after.minFinalSeconds,
      });
    }
    return getSettings(db);
  })();
}

export const setSegmentSeconds = (db: Database, seconds: number, actor: string): StudySettings =>
  setSegmentGrid(db, { segmentSeconds: seconds }, actor);
