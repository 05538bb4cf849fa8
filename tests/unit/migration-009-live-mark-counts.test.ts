// Upgrade to version 9: each coder's live marks are counted once and then kept by triggers, so the study's facts
// read one row per coder instead of every mark. The study is filled at version 8, then migrated this one step.

import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { addMark, deleteMark, importMarks, undo } from '../../electron/core/coding/index.ts';
import { coderLiveMarks, studyInfo } from '../../electron/core/store/info.ts';
import { schemaVersion } from '../../electron/core/store/migrations/index.ts';
import { isSegmentLengthLocked } from '../../electron/core/store/settings.ts';
import { migrateTo } from '../helpers/migrations.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const AT = '2026-11-02T10:00:00.000Z';
const opened: Database.Database[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});
const tempDir = useTempDir();

/** Coders 1 and 2 on one recording at version 8: C01 with three marks (one deleted), C02 with one. */
function studyAtVersion8(): Database.Database {
  const db = new Database(':memory:');
  opened.push(db);
  migrateTo(db, 8);
  for (const code of ['C01', 'C02', 'C03'])
    db.prepare("INSERT INTO coders (code, name, role, created_at) VALUES (?, ?, 'coder', ?)").run(code, code, AT);
  db.prepare(`INSERT INTO recordings (code, path, size_bytes, sha256, duration_ms, added_at) VALUES ('D01-S01', '/v/d01.mp4', 1, ?, 600000, ?)`).run(
    'a'.repeat(64),
    AT,
  );
  const mark = (coder: number, deleted: 0 | 1) =>
    db
      .prepare(
        "INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, created_at, updated_at, deleted) VALUES (1, ?, 'W1', 'check', 1000, ?, ?, ?)",
      )
      .run(coder, AT, AT, deleted);
  mark(1, 0);
  mark(1, 0);
  mark(1, 1);
  mark(2, 0);
  return db;
}

/** What counting every mark says, per coder with any: the truth the kept counts must match. */
const counted = (db: Database.Database) =>
  db.prepare('SELECT coder_id, count(*) AS n FROM events WHERE deleted = 0 GROUP BY coder_id ORDER BY coder_id').all();
const kept = (db: Database.Database) => db.prepare('SELECT coder_id, n FROM live_marks WHERE n > 0 ORDER BY coder_id').all();

describe('migration 9: live marks counted per coder', () => {
  it('counts each coder’s live marks from the marks the study holds, deleted ones left out', () => {
    const db = studyAtVersion8();
    migrateTo(db, 9);
    expect(schemaVersion(db)).toBe(9);
    expect(kept(db)).toEqual([
      { coder_id: 1, n: 2 },
      { coder_id: 2, n: 1 },
    ]);
  });

  it('keeps the counts through every later write: a mark added, deleted, restored, moved to another coder, removed', () => {
    const db = studyAtVersion8();
    migrateTo(db, 9);
    const writes = [
      "INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, created_at, updated_at) VALUES (1, 3, 'C1', 'check', 5, '', '')",
      "INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, created_at, updated_at, deleted) VALUES (1, 3, 'C1', 'check', 6, '', '', 1)",
      'UPDATE events SET deleted = 1 WHERE id = 1',
      'UPDATE events SET deleted = 0 WHERE id = 3',
      "UPDATE events SET note = 'renamed' WHERE id = 2",
      'UPDATE events SET coder_id = 2 WHERE id = 2',
      'UPDATE events SET coder_id = 1, deleted = 0 WHERE id = 6',
      'DELETE FROM events WHERE id = 4',
      'DELETE FROM events WHERE id = 1',
    ];
    for (const sql of writes) {
      db.exec(sql);
      expect(kept(db), sql).toEqual(counted(db));
    }
  });

  it('the study’s facts read the kept counts, and agree with the marks as a coder adds, deletes and undoes', () => {
    const study = makeStudy(tempDir());
    const c01 = addTestCoder(study, 'C01');
    addTestCoder(study, 'C02');
    addFakeRecording(study, 'D01-S01', 600_000);
    expect(isSegmentLengthLocked(study.db)).toBe(false);
    const first = addMark(study.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, ACTOR);
    importMarks(study.db, 'D01-S01', 'C02', [{ code: 'C2', clarity: 'check', timeMs: 2_000 }], ACTOR);
    expect(studyInfo(study.db).events).toBe(2);
    expect(isSegmentLengthLocked(study.db)).toBe(true);
    deleteMark(study.db, first.id, ACTOR);
    expect([studyInfo(study.db).events, coderLiveMarks(study.db, c01.id)]).toEqual([1, 0]);
    undo(study.db, 'D01-S01', 'C01', ACTOR);
    expect([studyInfo(study.db).events, coderLiveMarks(study.db, c01.id)]).toEqual([2, 1]);
    const plan = (study.db.prepare('EXPLAIN QUERY PLAN SELECT coalesce(sum(n), 0) AS n FROM live_marks').all() as { detail: string }[]).map(
      (p) => p.detail,
    );
    expect(plan.join('\n')).not.toMatch(/events/);
  });
});
