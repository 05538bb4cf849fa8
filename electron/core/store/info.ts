import type { Database } from 'better-sqlite3-multiple-ciphers';
import { schemaVersion } from './migrations/index.ts';
import { getSettings } from './settings.ts';

export interface StudyInfo {
  segmentSeconds: number;
  scheme: string;
  schemaVersion: number;
  createdAt: string;
  recordings: number;
  coders: number;
  events: number;
}

const count = (db: Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

export function studyInfo(db: Database): StudyInfo {
  const settings = getSettings(db);
  return {
    segmentSeconds: settings.segmentSeconds,
    scheme: settings.schemeId,
    schemaVersion: schemaVersion(db),
    createdAt: settings.createdAt,
    recordings: count(db, 'SELECT count(*) AS n FROM recordings'),
    coders: count(db, 'SELECT count(*) AS n FROM coders'),
    events: count(db, 'SELECT count(*) AS n FROM events WHERE deleted = 0'),
  };
}

/** One coder's live marks, in every recording. */
export const coderLiveMarks = (db: Database, coderId: number): number =>
  (db.prepare('SELECT count(*) AS n FROM events WHERE deleted = 0 AND coder_id = ?').get(coderId) as { n: number }).n;
