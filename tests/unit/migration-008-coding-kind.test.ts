// Upgrade to version 8: a coding's kind becomes a column, set from the consensus.start entries of the audit log.
// The study is filled at version 7 as the app of that version left it, then migrated this one step.

import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../electron/core/audit/audit-log.ts';
import { CONSENSUS_LOOKUPS, consensusCoderCodes, consensusCodings } from '../../electron/core/consensus/index.ts';
import { schemaVersion } from '../../electron/core/store/migrations/index.ts';
import { migrateTo } from '../helpers/migrations.ts';

const AT = '2026-11-02T10:00:00.000Z';
const opened: Database.Database[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

/**
 * A lead's study at version 7: C01 and C02 coded D01-S01, C01's coding signed off and used; L01 started the
 * consensus CONSENSUS from it. On D01-S02 L01 started a consensus under the code AGREED; afterwards the
 * recording was renamed D01-S05 and AGREED renamed PANEL, and a new person took the code AGREED and began
 * their own coding of D01-S05.
 */
function studyAtVersion7(): Database.Database {
  const db = new Database(':memory:');
  opened.push(db);
  migrateTo(db, 7);
  const audit = (actor: string, action: string, entity: string, entityId: string | null, after?: unknown, before?: unknown) =>
    appendAudit(db, { actor, action, entity, entityId, before, after }, AT);
  const coder = (code: string, role: 'coder' | 'lead', name: string) => {
    db.prepare('INSERT INTO coders (code, name, role, created_at) VALUES (?, ?, ?, ?)').run(code, name, role, AT);
    audit('cli:lab', 'coder.add', 'coder', code, { code, name, role });
  };
  const recording = (code: string, hash: string) => {
    db.prepare(
      `INSERT INTO recordings (code, path, size_bytes, sha256, duration_ms, container, video_codec, audio_codec, fps, width, height, added_at)
       VALUES (?, ?, 1000, ?, 600000, 'mp4', 'h264', 'aac', 25, 320, 240, ?)`,
    ).run(code, `/videos/${code}.mp4`, hash, AT);
    audit('cli:lab', 'recording.add', 'recording', code, { code, sha256: hash, durationMs: 600_000 });
  };
  const id = (table: 'coders' | 'recordings', code: string) => (db.prepare(`SELECT id FROM ${table} WHERE code = ?`).get(code) as { id: number }).id;
  const status = (rec: string, who: string, state: 'in-progress' | 'complete', usedAt: string | null = null) =>
    db
      .prepare('INSERT INTO coding_status (recording_id, coder_id, state, updated_at, used_at) VALUES (?, ?, ?, ?, ?)')
      .run(id('recordings', rec), id('coders', who), state, AT, usedAt);
  const mark = (rec: string, who: string, code: string, timeMs: number) =>
    db
      .prepare("INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, created_at, updated_at) VALUES (?, ?, ?, 'check', ?, ?, ?)")
      .run(id('recordings', rec), id('coders', who), code, timeMs, AT, AT);

  db.prepare("INSERT INTO study (id, scheme_id, segment_seconds, created_at, min_final_seconds) VALUES (1, '3rs-2015', 300, ?, 60)").run(AT);
  audit('cli:lab', 'study.create', 'study', '1', { schemeId: '3rs-2015', segmentSeconds: 300, minFinalSeconds: 60 });
  coder('C01', 'coder', 'Ann');
  coder('C02', 'coder', 'Bo');
  coder('L01', 'lead', 'Lee');
  recording('D01-S01', 'a'.repeat(64));
  recording('D01-S02', 'b'.repeat(64));

  mark('D01-S01', 'C01', 'W1', 10_000);
  mark('D01-S01', 'C02', 'C2', 20_000);
  status('D01-S01', 'C01', 'complete', AT);
  status('D01-S01', 'C02', 'in-progress');
  coder('CONSENSUS', 'coder', 'Consensus');
  mark('D01-S01', 'CONSENSUS', 'W1', 10_000);
  status('D01-S01', 'CONSENSUS', 'in-progress');
  audit('L01', 'consensus.start', 'coding', 'D01-S01/CONSENSUS', { from: 'D01-S01/C01', to: 'D01-S01/CONSENSUS', marks: [], ratings: {}, notes: {} });

  coder('AGREED', 'coder', 'Consensus');
  status('D01-S02', 'AGREED', 'in-progress');
  audit('L01', 'consensus.start', 'coding', 'D01-S02/AGREED', { from: 'D01-S02/C02', to: 'D01-S02/AGREED', marks: [], ratings: {}, notes: {} });
  db.prepare("UPDATE recordings SET code = 'D01-S05' WHERE code = 'D01-S02'").run();
  audit('cli:lab', 'recording.rename', 'recording', 'D01-S05', { code: 'D01-S05' }, { code: 'D01-S02' });
  db.prepare("UPDATE coders SET code = 'PANEL' WHERE code = 'AGREED'").run();
  audit('cli:lab', 'coder.rename', 'coder', 'PANEL', { code: 'PANEL' }, { code: 'AGREED' });
  coder('AGREED', 'coder', 'Dee');
  status('D01-S05', 'AGREED', 'in-progress');
  return db;
}

const kinds = (db: Database.Database) =>
  db
    .prepare(
      `SELECT r.code || '/' || c.code AS coding, s.kind, s.state, s.used_at AS usedAt FROM coding_status s
       JOIN recordings r ON r.id = s.recording_id JOIN coders c ON c.id = s.coder_id ORDER BY coding`,
    )
    .all();
const indexes = (db: Database.Database) =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('audit_log', 'coding_status') AND sql IS NOT NULL ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('upgrading a study from version 7 to 8: a coding’s kind is data', () => {
  it('a coding a consensus.start entry began is a consensus coding, followed through later renames; every other coding is its coder’s own', () => {
    const db = studyAtVersion7();
    migrateTo(db, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(kinds(db)).toEqual([
      { coding: 'D01-S01/C01', kind: 'own', state: 'complete', usedAt: AT },
      { coding: 'D01-S01/C02', kind: 'own', state: 'in-progress', usedAt: null },
      { coding: 'D01-S01/CONSENSUS', kind: 'consensus', state: 'in-progress', usedAt: null },
      // The new person who took the old code AGREED codes as themself.
      { coding: 'D01-S05/AGREED', kind: 'own', state: 'in-progress', usedAt: null },
      { coding: 'D01-S05/PANEL', kind: 'consensus', state: 'in-progress', usedAt: null },
    ]);
    expect(consensusCodings(db)).toEqual([
      { recording: 'D01-S01', coder: 'CONSENSUS' },
      { recording: 'D01-S05', coder: 'PANEL' },
    ]);
    expect([...consensusCoderCodes(db)].sort()).toEqual(['CONSENSUS', 'PANEL']);
  });

  it('a rename entry whose JSON is damaged is passed over: the upgrade goes on and the other codings get their kind', () => {
    const db = studyAtVersion7();
    db.prepare(
      "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES (?, 'x', 'coder.rename', 'coder', 'C9', '{not json', '{\"code\":', 'x', 'y')",
    ).run(AT);
    migrateTo(db, 8);
    expect(consensusCodings(db)).toEqual([
      { recording: 'D01-S01', coder: 'CONSENSUS' },
      { recording: 'D01-S05', coder: 'PANEL' },
    ]);
  });

  it('leaves the audit log as it was: the same entries, the chain intact', () => {
    const db = studyAtVersion7();
    const before = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
    migrateTo(db, 8);
    expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(before);
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: before.length });
  });

  it('a study with no consensus has only own codings', () => {
    const db = new Database(':memory:');
    opened.push(db);
    migrateTo(db, 7);
    db.prepare("INSERT INTO study (id, scheme_id, segment_seconds, created_at) VALUES (1, '3rs-2015', 300, ?)").run(AT);
    db.prepare("INSERT INTO coders (code, name, role, created_at) VALUES ('C01', 'Ann', 'coder', ?)").run(AT);
    db.prepare("INSERT INTO recordings (code, path, size_bytes, sha256, duration_ms, added_at) VALUES ('D01-S01', '/v.mp4', 1, 'c', 1000, ?)").run(
      AT,
    );
    db.prepare("INSERT INTO coding_status (recording_id, coder_id, state, updated_at) VALUES (1, 1, 'in-progress', ?)").run(AT);
    migrateTo(db, 8);
    expect(kinds(db)).toEqual([{ coding: 'D01-S01/C01', kind: 'own', state: 'in-progress', usedAt: null }]);
  });

  it('the consensus lookups read the kind through an index, never scanning the codings, and none reads the audit log', () => {
    const db = studyAtVersion7();
    migrateTo(db, 8);
    const plans = {
      codings: plan(db, CONSENSUS_LOOKUPS.codings),
      coders: plan(db, CONSENSUS_LOOKUPS.coders),
      codersOfRecording: plan(db, CONSENSUS_LOOKUPS.codersOfRecording, 'D01-S01'),
      kindOfCoding: plan(db, CONSENSUS_LOOKUPS.kindOfCoding, 1, 1),
    };
    expect(plans.codings).toMatch(/SCAN s USING COVERING INDEX coding_status_consensus/);
    expect(plans.coders).toMatch(/coding_status_consensus/);
    expect(plans.codersOfRecording).toMatch(/SEARCH s USING (PRIMARY KEY|INDEX sqlite_autoindex_coding_status_1) \(recording_id=\?/);
    expect(plans.kindOfCoding).toMatch(/SEARCH coding_status USING INDEX sqlite_autoindex_coding_status_1 \(recording_id=\? AND coder_id=\?\)/);
    for (const [name, detail] of Object.entries(plans)) {
      expect(detail, name).not.toMatch(/audit_log/);
      expect(detail, name).not.toMatch(/SCAN (coding_status|s)(?! USING COVERING INDEX coding_status_consensus)/);
    }
  });

  it('the audit index made for the text search goes; the Security page’s list of actions keeps a narrower one', () => {
    const db = studyAtVersion7();
    expect(indexes(db)).toContain('audit_log_by_action');
    migrateTo(db, 8);
    expect(indexes(db)).toEqual(['audit_log_by_action_actor', 'coding_status_consensus']);
  });

  it('a kind other than own or consensus is refused by the table', () => {
    const db = studyAtVersion7();
    migrateTo(db, 8);
    expect(() => db.prepare("UPDATE coding_status SET kind = 'shared'").run()).toThrow(/CHECK constraint failed/);
  });
});
