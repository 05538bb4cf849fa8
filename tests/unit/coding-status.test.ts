import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { addMark, changeMark, deleteMark, importMarks, undo } from '../../electron/core/coding/marks.ts';
import { getSegmentNotes, markSegmentWatched, setSegmentNote, watchedSegments } from '../../electron/core/coding/notes.ts';
import { clearRating, getRatings, importRatings, setRating } from '../../electron/core/coding/ratings.ts';
import { completeCoding, recordCodingUse, reopenCoding, signOffCheck } from '../../electron/core/coding/sign-off.ts';
import { getCodingState } from '../../electron/core/coding/status.ts';
import { caught } from '../helpers/errors.ts';
import { rateTheRest } from '../helpers/ratings.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** A 5-minute recording D01-S01 in 1-minute segments; C01 codes it, L01 is a lead. */
function setup() {
  const study = makeStudy(tempDir(), 60);
  addFakeRecording(study, 'D01-S01', 300_000);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'L01', 'lead');
  return study;
}

const lastSeq = (db: Database) => (db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
const actionsSince = (db: Database, seq: number) =>
  (db.prepare('SELECT action FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as { action: string }[]).map((r) => r.action);
const state = (db: Database) => getCodingState(db, 'D01-S01', 'C01');

describe('the state of a coding', () => {
  it('goes from not started to in progress with the first mark, then to complete', () => {
    const { db } = setup();
    expect(state(db)).toBe('not-started');
    addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 0 }, ACTOR);
    expect(state(db)).toBe('in-progress');
    rateTheRest(db, 'D01-S01', 'C01');
    completeCoding(db, 'D01-S01', 'C01', 'C01');
    expect(state(db)).toBe('complete');
  });

  it('a rating, a note or a watched segment also starts a coding', () => {
    const study = setup();
    addTestCoder(study, 'C02');
    addTestCoder(study, 'C03');
    setRating(study.db, 'D01-S01', 'C01', 'W1', 1, ACTOR);
    setSegmentNote(study.db, 'D01-S01', 'C02', 0, 'slow start', ACTOR);
    markSegmentWatched(study.db, 'D01-S01', 'C03', 0, ACTOR);
    for (const coder of ['C01', 'C02', 'C03']) expect(getCodingState(study.db, 'D01-S01', coder)).toBe('in-progress');
    expect(getCodingState(study.db, 'D01-S01', 'L01')).toBe('not-started');
  });

  it('counts data written without a status row as started', () => {
    const { db } = setup();
    db.prepare("INSERT INTO ratings (recording_id, coder_id, item, value, updated_at) VALUES (1, 1, 'W1', 1, 'x')").run();
    expect(state(db)).toBe('in-progress');
  });

  it('a complete coding refuses every edit until it is reopened', () => {
    const { db } = setup();
    const mark = addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 0 }, ACTOR);
    rateTheRest(db, 'D01-S01', 'C01');
    completeCoding(db, 'D01-S01', 'C01', 'C01');
    const seq = lastSeq(db);
    const refused = expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/Reopen it first/) });
    expect(() => addMark(db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 0 }, ACTOR)).toThrow(refused);
    expect(() => changeMark(db, mark.id, { code: 'W3' }, ACTOR)).toThrow(refused);
    expect(() => deleteMark(db, mark.id, ACTOR)).toThrow(refused);
    expect(() => undo(db, 'D01-S01', 'C01', ACTOR)).toThrow(refused);
    expect(() => importMarks(db, 'D01-S01', 'C01', [{ code: 'W2', clarity: 'check', timeMs: 0 }], ACTOR)).toThrow(refused);
    expect(() => setRating(db, 'D01-S01', 'C01', 'W1', 2, ACTOR)).toThrow(refused);
    expect(() => importRatings(db, 'D01-S01', 'C01', [{ item: 'W1', value: 2 }], ACTOR)).toThrow(refused);
    expect(() => setSegmentNote(db, 'D01-S01', 'C01', 0, 'late thought', ACTOR)).toThrow(refused);
    expect(() => markSegmentWatched(db, 'D01-S01', 'C01', 1, ACTOR)).toThrow(refused);
    expect(lastSeq(db)).toBe(seq);
    reopenCoding(db, 'D01-S01', 'C01', 'L01');
    expect(changeMark(db, mark.id, { code: 'W3' }, ACTOR).code).toBe('W3');
  });

  // Who may reopen (its coder until the coding is used, a lead always) is the policy's: tests/unit/authorization.test.ts.
  it('reopening takes a complete coding back to in progress, audited with the actor given', () => {
    const { db } = setup();
    rateTheRest(db, 'D01-S01', 'C01');
    completeCoding(db, 'D01-S01', 'C01', 'C01');
    const seq = lastSeq(db);
    reopenCoding(db, 'D01-S01', 'C01', 'C01');
    expect(state(db)).toBe('in-progress');
    expect(actionsSince(db, seq)).toEqual(['coding.reopen']);
  });

  it('a lead’s use (compare, consensus, export) or a check against a reference is recorded once, and a reopen clears it', () => {
    for (const use of ['compare', 'consensus', 'export', 'training'] as const) {
      const { db } = setup();
      rateTheRest(db, 'D01-S01', 'C01');
      completeCoding(db, 'D01-S01', 'C01', 'C01');
      const seq = lastSeq(db);
      recordCodingUse(db, [{ recording: 'D01-S01', coder: 'C01' }], use, 'L01');
      recordCodingUse(db, [{ recording: 'D01-S01', coder: 'C01' }], use, 'L01');
      expect(actionsSince(db, seq)).toEqual(['coding.use']);
      expect(signOffCheck(db, 'D01-S01', 'C01').usedAt).not.toBeNull();
      reopenCoding(db, 'D01-S01', 'C01', 'L01');
      // Reopened (by a lead) and completed again, it is unused: its coder's to reopen until its next use.
      completeCoding(db, 'D01-S01', 'C01', 'C01');
      expect(signOffCheck(db, 'D01-S01', 'C01').usedAt).toBeNull();
    }
  });

  it('a use of a coding that is not complete is not recorded: it can still change anyway', () => {
    const { db } = setup();
    setRating(db, 'D01-S01', 'C01', 'W1', 1, ACTOR);
    const seq = lastSeq(db);
    recordCodingUse(db, [{ recording: 'D01-S01', coder: 'C01' }], 'compare', 'L01');
    expect(lastSeq(db)).toBe(seq);
    rateTheRest(db, 'D01-S01', 'C01');
    completeCoding(db, 'D01-S01', 'C01', 'C01');
    reopenCoding(db, 'D01-S01', 'C01', 'C01');
    expect(state(db)).toBe('in-progress');
  });

  it('completing twice or reopening an open coding is refused, and each transition is audited', () => {
    const { db } = setup();
    markSegmentWatched(db, 'D01-S01', 'C01', 0, 'C01');
    rateTheRest(db, 'D01-S01', 'C01');
    const seq = lastSeq(db);
    expect(() => reopenCoding(db, 'D01-S01', 'C01', 'L01')).toThrow(/nothing to reopen/);
    completeCoding(db, 'D01-S01', 'C01', 'C01');
    expect(() => completeCoding(db, 'D01-S01', 'C01', 'C01')).toThrow(/already complete/);
    reopenCoding(db, 'D01-S01', 'C01', 'L01');
    expect(actionsSince(db, seq)).toEqual(['coding.complete', 'coding.reopen']);
  });

  it('a coding with nothing in it cannot be marked complete: it would open the reference to a coder who never coded', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    expect(() => completeCoding(db, 'D01-S01', 'C01', 'C01')).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/has nothing in it yet/) }),
    );
    expect(state(db)).toBe('not-started');
    expect(lastSeq(db)).toBe(seq);
  });
});

describe('a sign-off that checks', () => {
  it('with global ratings missing, completing is refused and names what is missing; nothing changes', () => {
    const { db } = setup();
    addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 0 }, ACTOR);
    setRating(db, 'D01-S01', 'C01', 'W1', 2, ACTOR);
    const seq = lastSeq(db);
    const refused = caught(() => completeCoding(db, 'D01-S01', 'C01', 'C01'));
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/27 of the global ratings are still missing \(W2, W3, W4, W5, W6 and 22 more\)\. Rate every item/),
    });
    expect(refused.details).toEqual({ missingRatings: expect.arrayContaining(['W2', 'overall_resolution']) });
    expect(state(db)).toBe('in-progress');
    expect(lastSeq(db)).toBe(seq);
  });

  it('says what completing would leave open: missing ratings, warnings and unwatched segments', () => {
    const { db } = setup();
    addMark(db, 'D01-S01', 'C01', { code: 'R2', clarity: 'check', timeMs: 10_000 }, ACTOR);
    markSegmentWatched(db, 'D01-S01', 'C01', 0, ACTOR);
    setRating(db, 'D01-S01', 'C01', 'W1', 1, ACTOR);
    const check = signOffCheck(db, 'D01-S01', 'C01');
    expect(check).toMatchObject({ state: 'in-progress', unwatched: [1, 2, 3, 4], usedAt: null });
    expect(check.missingRatings).toHaveLength(27);
    expect(check.warnings.map((w) => w.rule)).toEqual(expect.arrayContaining(['resolution-without-rupture', 'rated-before-watched']));
    expect(check.warnings.map((w) => w.rule)).not.toContain('ratings-incomplete');
  });

  it('completing with warnings or unwatched segments goes through once every rating is made, and the audit says what was open', () => {
    const { db } = setup();
    addMark(db, 'D01-S01', 'C01', { code: 'R2', clarity: 'check', timeMs: 10_000 }, ACTOR);
    markSegmentWatched(db, 'D01-S01', 'C01', 0, ACTOR);
    rateTheRest(db, 'D01-S01', 'C01');
    completeCoding(db, 'D01-S01', 'C01', 'C01');
    expect(state(db)).toBe('complete');
    const entry = db.prepare("SELECT after FROM audit_log WHERE action = 'coding.complete'").get() as { after: string };
    expect(JSON.parse(entry.after)).toEqual({
      state: 'complete',
      open: { warnings: expect.arrayContaining(['resolution-without-rupture']), unwatched: [1, 2, 3, 4] },
    });
  });
});

describe('global ratings', () => {
  it('are set, changed and cleared, each with an audit entry', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    setRating(db, 'D01-S01', 'C01', 'overall_resolution', 3, ACTOR);
    setRating(db, 'D01-S01', 'C01', 'overall_resolution', 4, ACTOR);
    setRating(db, 'D01-S01', 'C01', 'W2', 2, ACTOR);
    clearRating(db, 'D01-S01', 'C01', 'W2', ACTOR);
    expect(getRatings(db, 'D01-S01', 'C01')).toEqual({ overall_resolution: 4 });
    expect(actionsSince(db, seq)).toEqual(['rating.set', 'rating.set', 'rating.set', 'rating.clear']);
    const second = db.prepare("SELECT before, after FROM audit_log WHERE action = 'rating.set' ORDER BY seq LIMIT 1 OFFSET 1").get() as {
      before: string;
      after: string;
    };
    expect([JSON.parse(second.before), JSON.parse(second.after)]).toEqual([3, 4]);
  });

  it('refuse an unknown item, a value outside 1 to 5, and clearing what is not rated', () => {
    const { db } = setup();
    expect(() => setRating(db, 'D01-S01', 'C01', 'overall_mood', 3, ACTOR)).toThrow(/not a rating item.*overall_withdrawal/);
    expect(() => setRating(db, 'D01-S01', 'C01', 'W1', 6, ACTOR)).toThrow(/whole number from 1 to 5/);
    expect(() => setRating(db, 'D01-S01', 'C01', 'W1', 2.5, ACTOR)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => clearRating(db, 'D01-S01', 'C01', 'W1', ACTOR)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(state(db)).toBe('not-started');
  });

  it('an import is all or none with one audit entry, and a repeated item is refused', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    expect(() =>
      importRatings(
        db,
        'D01-S01',
        'C01',
        [
          { item: 'W1', value: 1 },
          { item: 'C1', value: 2 },
          { item: 'W1', value: 3 },
        ],
        ACTOR,
      ),
    ).toThrow(/^Rating 3: W1 is rated more than once/);
    expect(() =>
      importRatings(
        db,
        'D01-S01',
        'C01',
        [
          { item: 'W1', value: 1 },
          { item: 'C1', value: 0 },
        ],
        ACTOR,
      ),
    ).toThrow(/^Rating 2:/);
    expect(getRatings(db, 'D01-S01', 'C01')).toEqual({});
    expect(lastSeq(db)).toBe(seq);
    importRatings(
      db,
      'D01-S01',
      'C01',
      [
        { item: 'W1', value: 1 },
        { item: 'C1', value: 2 },
      ],
      ACTOR,
    );
    expect(getRatings(db, 'D01-S01', 'C01')).toEqual({ W1: 1, C1: 2 });
    expect(actionsSince(db, seq)).toEqual(['rating.import']);
  });
});

describe('segment notes and watched segments', () => {
  it('a note is set, replaced and removed by an empty note, each audited', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    setSegmentNote(db, 'D01-S01', 'C01', 4, 'patient late', ACTOR);
    setSegmentNote(db, 'D01-S01', 'C01', 4, 'patient 10 min late', ACTOR);
    expect(getSegmentNotes(db, 'D01-S01', 'C01')).toEqual({ 4: 'patient 10 min late' });
    setSegmentNote(db, 'D01-S01', 'C01', 4, '  ', ACTOR);
    expect(getSegmentNotes(db, 'D01-S01', 'C01')).toEqual({});
    expect(actionsSince(db, seq)).toEqual(['note.set', 'note.set', 'note.clear']);
  });

  it('a note outside the grid is refused', () => {
    const { db } = setup();
    expect(() => setSegmentNote(db, 'D01-S01', 'C01', 5, 'x', ACTOR)).toThrow(/segments 0 to 4/);
    expect(() => setSegmentNote(db, 'D01-S01', 'C01', -1, 'x', ACTOR)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('watching a segment twice is recorded and audited once', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    expect(markSegmentWatched(db, 'D01-S01', 'C01', 2, ACTOR)).toBe(true);
    expect(markSegmentWatched(db, 'D01-S01', 'C01', 2, ACTOR)).toBe(false);
    markSegmentWatched(db, 'D01-S01', 'C01', 0, ACTOR);
    expect(watchedSegments(db, 'D01-S01', 'C01')).toEqual([0, 2]);
    expect(actionsSince(db, seq)).toEqual(['segment.watch', 'segment.watch']);
  });

  it('re-watching an already watched segment of a complete coding is not an error', () => {
    const { db } = setup();
    markSegmentWatched(db, 'D01-S01', 'C01', 0, ACTOR);
    rateTheRest(db, 'D01-S01', 'C01');
    completeCoding(db, 'D01-S01', 'C01', 'C01');
    expect(markSegmentWatched(db, 'D01-S01', 'C01', 0, ACTOR)).toBe(false);
    expect(watchedSegments(db, 'D01-S01', 'C01')).toEqual([0]);
  });
});
