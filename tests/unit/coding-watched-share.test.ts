import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import {
  codingView,
  codingsOf,
  completeCoding,
  confirmRatingsReviewed,
  markSegmentWatched,
  mergeSpans,
  recordPlayed,
  setRating,
} from '../../electron/core/coding/index.ts';
import { rateTheRest } from '../helpers/ratings.ts';
import { migrateTo } from '../helpers/migrations.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const MIN = 60_000;

/** A 12-minute recording in 5-minute segments (5, 5 and 2 minutes), coded by C01. */
function setup(): Database.Database {
  const study = makeStudy(tempDir());
  addFakeRecording(study, 'D01-S01', 12 * MIN);
  addTestCoder(study, 'C01');
  return study.db;
}

const view = (db: Database.Database) => codingView(db, 'D01-S01', 'C01');
const play = (db: Database.Database, ...spans: [number, number][]) =>
  recordPlayed(
    db,
    'D01-S01',
    'C01',
    spans.map(([startMs, endMs]) => ({ startMs, endMs })),
    ACTOR,
  );
const auditCount = (db: Database.Database, action: string) =>
  (db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

describe('"watched" means watched: the share of each segment played forward', () => {
  it('25 s played across two boundaries leaves every segment unwatched, with the share each got, in the lead’s column too', () => {
    const db = setup();
    play(db, [5 * MIN - 10_000, 5 * MIN + 2_500], [10 * MIN - 10_000, 10 * MIN + 2_500]);
    const v = view(db);
    expect(v.watched).toEqual([]);
    expect(v.played.map((s) => Math.round(s * 1000) / 1000)).toEqual([0.033, 0.042, 0.021]);
    // The lead's "watched" column counts the same segments.
    expect(codingsOf(db, 'D01-S01').find((c) => c.coder === 'C01')?.watchedSegments).toBe(0);
    play(db, [0, 12 * MIN]);
    expect(codingsOf(db, 'D01-S01').find((c) => c.coder === 'C01')?.watchedSegments).toBe(3);
  });

  it('a segment counts as watched at 90 % played, however the playing was split, and not before', () => {
    const db = setup();
    play(db, [0, 2 * MIN], [2 * MIN, 4 * MIN]);
    expect(view(db).watched).toEqual([]);
    play(db, [4 * MIN, 4.5 * MIN]);
    expect(view(db).watched).toEqual([0]);
    expect(auditCount(db, 'segment.watch')).toBe(1);
  });

  it('playing the same minute twice counts it once', () => {
    const db = setup();
    for (let i = 0; i < 10; i++) play(db, [0, MIN]);
    expect(view(db).played[0]).toBeCloseTo(0.2, 6);
    expect(view(db).watched).toEqual([]);
  });

  it('overlapping and touching spans merge; separate ones stay apart', () => {
    expect(
      mergeSpans([
        { startMs: 50, endMs: 80 },
        { startMs: 0, endMs: 10 },
        { startMs: 10, endMs: 20 },
        { startMs: 60, endMs: 100 },
      ]),
    ).toEqual([
      { startMs: 0, endMs: 20 },
      { startMs: 50, endMs: 100 },
    ]);
  });

  it('migration 6 keeps a study’s watched segments and starts every share at 0', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateTo(db, 5);
    db.exec(`INSERT INTO recordings (id, code, path, size_bytes, sha256, duration_ms, added_at) VALUES (1, 'D01-S01', '/x', 1, 'h', 720000, 'now');
             INSERT INTO coders (id, code, name, role, created_at) VALUES (1, 'C01', 'C', 'coder', 'now');
             INSERT INTO watched_segments VALUES (1, 1, 1, 'then');`);
    migrateTo(db, 6);
    expect(db.prepare('SELECT segment_index FROM watched_segments').all()).toEqual([{ segment_index: 1 }]);
    expect(db.prepare('SELECT count(*) AS n FROM played_spans').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM early_ratings').get()).toEqual({ n: 0 });
    db.close();
  });

  it('a study from before play was counted keeps its watched segments as watched', () => {
    const db = setup();
    markSegmentWatched(db, 'D01-S01', 'C01', 1, ACTOR);
    expect(view(db).watched).toEqual([1]);
    expect(view(db).played[1]).toBe(0);
  });

  it('a span outside the recording, backwards or in fractions of a ms is refused and nothing is kept', () => {
    const db = setup();
    for (const bad of [
      [-1, 1000],
      [2000, 1000],
      [0, 12 * MIN + 1],
      [0.5, 1000],
    ] as [number, number][]) {
      expect(() => play(db, [0, MIN], bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    expect(view(db).played[0]).toBe(0);
  });

  it('a completed coding takes no more spans', () => {
    const db = setup();
    play(db, [0, MIN]);
    rateTheRest(db, 'D01-S01', 'C01');
    completeCoding(db, 'D01-S01', 'C01', 'C01');
    expect(() => play(db, [MIN, 2 * MIN])).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});

describe('ratings made before the whole session was watched stay flagged until reviewed (manual l. 345–346)', () => {
  const warned = (db: Database.Database) => view(db).scoresheet.warnings.filter((w) => w.rule === 'rated-before-watched');

  it('watching the rest later does not clear the flag; rating the item again after watching does', () => {
    const db = setup();
    setRating(db, 'D01-S01', 'C01', 'W1', 2, ACTOR);
    play(db, [0, 12 * MIN]);
    expect(view(db).watched).toEqual([0, 1, 2]);
    expect(view(db).earlyRatings).toEqual(['W1']);
    expect(warned(db)).toEqual([expect.objectContaining({ message: expect.stringContaining('(W1)') })]);
    setRating(db, 'D01-S01', 'C01', 'W1', 2, ACTOR);
    expect(view(db).earlyRatings).toEqual([]);
    expect(warned(db)).toEqual([]);
  });

  it('the coder may confirm the ratings as reviewed once all is watched (audited), not before', () => {
    const db = setup();
    setRating(db, 'D01-S01', 'C01', 'W1', 2, ACTOR);
    setRating(db, 'D01-S01', 'C01', 'C3', 1, ACTOR);
    expect(() => confirmRatingsReviewed(db, 'D01-S01', 'C01', ACTOR)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    play(db, [0, 12 * MIN]);
    confirmRatingsReviewed(db, 'D01-S01', 'C01', ACTOR);
    expect(view(db).earlyRatings).toEqual([]);
    expect(auditCount(db, 'rating.review')).toBe(1);
  });

  it('a rating made after the whole session was watched is never flagged', () => {
    const db = setup();
    play(db, [0, 12 * MIN]);
    setRating(db, 'D01-S01', 'C01', 'W1', 2, ACTOR);
    expect(view(db).earlyRatings).toEqual([]);
  });
});
