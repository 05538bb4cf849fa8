// Upgrade to version 10: a coding's marks are read from the index alone. The study is filled at version 9, then
// migrated this one step; the marks read back are the same, in the same order, and the plan never visits the table.

import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../electron/core/store/migrations/index.ts';
import { migrateTo } from '../helpers/migrations.ts';

const AT = '2026-11-02T10:00:00.000Z';
const opened: Database.Database[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

/** How the export and the coding view read one coding's live marks (without notes). */
const MARKS_OF = "SELECT code, clarity, time_ms, '' AS note FROM events WHERE recording_id = ? AND coder_id = ? AND deleted = 0 ORDER BY time_ms, id";

/** One coder on one recording at version 9, with two marks at the same moment (made in order) and a deleted one. */
function studyAtVersion9(): Database.Database {
  const db = new Database(':memory:');
  opened.push(db);
  migrateTo(db, 9);
  db.prepare("INSERT INTO coders (code, name, role, created_at) VALUES ('C01', 'C01', 'coder', ?)").run(AT);
  db.prepare(`INSERT INTO recordings (code, path, size_bytes, sha256, duration_ms, added_at) VALUES ('D01-S01', '/v/d01.mp4', 1, ?, 600000, ?)`).run(
    'a'.repeat(64),
    AT,
  );
  const mark = (code: string, timeMs: number, deleted: 0 | 1) =>
    db
      .prepare(
        "INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, created_at, updated_at, deleted) VALUES (1, 1, ?, 'check', ?, ?, ?, ?)",
      )
      .run(code, timeMs, AT, AT, deleted);
  mark('W1', 9000, 0);
  mark('C2', 4000, 0);
  mark('W3', 4000, 0);
  mark('R1', 2000, 1);
  return db;
}

const plan = (db: Database.Database) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${MARKS_OF}`).all(1, 1) as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('migration 10: a coding’s marks are read from the index alone', () => {
  it('before it, reading a coding’s marks looks each one up in the table', () => {
    const db = studyAtVersion9();
    expect(plan(db)).toMatch(/USING INDEX events_by_coding/);
    expect(plan(db)).not.toMatch(/COVERING/);
  });

  it('after it, the same marks come back in the same order, ties in the order they were made, from a covering index with no sort', () => {
    const db = studyAtVersion9();
    const before = db.prepare(MARKS_OF).all(1, 1);
    migrateTo(db, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare(MARKS_OF).all(1, 1)).toEqual(before);
    expect(before.map((m) => (m as { code: string }).code)).toEqual(['C2', 'W3', 'W1']);
    expect(plan(db)).toMatch(/USING COVERING INDEX events_by_coding/);
    expect(plan(db)).not.toMatch(/TEMP B-TREE/);
  });
});
