// A lead renames a recording's code or retires a recording: retired ones leave the lists and new assignments,
// their codings stay in the study (and in its reliability and exports when chosen by name).

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { statement } from '../store/statements.ts';
import { checkRecordingLabels, findRecording, getRecording, type Recording } from './registry.ts';

export function retiredRecordingIds(db: Database): Set<number> {
  return new Set((statement(db, 'SELECT id FROM recordings WHERE retired = 1').all() as { id: number }[]).map((r) => r.id));
}

export const isRecordingRetired = (db: Database, code: string): boolean => retiredRecordingIds(db).has(getRecording(db, code).id);

/** Retires (or, with `retired` false, brings back) a recording; audited. */
export function setRecordingRetired(db: Database, code: string, retired: boolean, actor: string): Recording {
  return db.transaction(() => {
    const rec = getRecording(db, code);
    const before = retiredRecordingIds(db).has(rec.id);
    if (before === retired) throw new AppError('CONFLICT', `${rec.code} is ${retired ? 'already retired' : 'not retired'}. Nothing was changed.`);
    statement(db, 'UPDATE recordings SET retired = ? WHERE id = ?').run(retired ? 1 : 0, rec.id);
    appendAudit(db, {
      actor,
      action: retired ? 'recording.retire' : 'recording.restore',
      entity: 'recording',
      entityId: rec.code,
      before,
      after: retired,
    });
    return rec;
  })();
}

/**
 * Gives a recording a new code; its codings follow (they hang on the row, not on the code). Dyad and session
 * are read again from a code like D014-S05, as when it was added.
 */
export function renameRecording(db: Database, code: string, newCode: string, actor: string): Recording {
  const labels = checkRecordingLabels({ code: newCode });
  return db.transaction(() => {
    const rec = getRecording(db, code);
    if (findRecording(db, newCode)) throw new AppError('DUPLICATE', `A recording with code ${newCode} already exists. Choose another code.`);
    statement(db, 'UPDATE recordings SET code = ?, dyad = ?, session_number = ? WHERE id = ?').run(
      newCode,
      labels.dyad ?? rec.dyad,
      labels.sessionNumber ?? rec.sessionNumber,
      rec.id,
    );
    appendAudit(db, {
      actor,
      action: 'recording.rename',
      entity: 'recording',
      entityId: newCode,
      before: { code: rec.code },
      after: { code: newCode },
    });
    return getRecording(db, newCode);
  })();
}
