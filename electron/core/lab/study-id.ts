import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { statement } from '../store/statements.ts';

/** The study's random id, which every packet names (given at creation, or by migration 7 to older studies). */
export function studyUid(db: Database): string {
  const row = statement(db, 'SELECT uid FROM study WHERE id = 1').get() as { uid: string | null } | undefined;
  if (!row?.uid) throw new AppError('STUDY_CORRUPT', 'The study has no id; the file is damaged. Restore it from a backup.');
  return row.uid;
}
