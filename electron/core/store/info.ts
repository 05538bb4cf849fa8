import type { Database } from 'better-sqlite3-multiple-ciphers';
import { schemaVersion } from './migrations/index.ts';
import { getSettings, liveMarks } from './settings.ts';
import { count } from './statements.ts';

export interface StudyInfo {
  segmentSeconds: number;
  /** A final part shorter than this joins the previous segment (0: never). */
  minFinalSeconds: number;
  scheme: string;
  schemaVersion: number;
  createdAt: string;
  recordings: number;
  coders: number;
  events: number;
}

export function studyInfo(db: Database): StudyInfo {
  const settings = getSettings(db);
  return {
    segmentSeconds: settings.segmentSeconds,
    minFinalSeconds: settings.minFinalSeconds,
    scheme: settings.schemeId,
    schemaVersion: schemaVersion(db),
    createdAt: settings.createdAt,
    recordings: count(db, 'SELECT count(*) AS n FROM recordings'),
    coders: count(db, 'SELECT count(*) AS n FROM coders'),
    events: liveMarks(db),
  };
}

/** One coder's live marks, in every recording. */
export const coderLiveMarks = (db: Database, coderId: number): number =>
  count(db, 'SELECT coalesce((SELECT n FROM live_marks WHERE coder_id = ?), 0) AS n', coderId);
