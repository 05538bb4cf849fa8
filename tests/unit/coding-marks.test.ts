import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/audit-log.ts';
import { addMark, changeMark, deleteMark, importMarks, listMarks, redo, undo } from '../../electron/core/coding/marks.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { ACTOR, PASSPHRASE, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** A 5-minute recording D01-S01 in 1-minute segments, coded by C01. */
function setup() {
  const study = makeStudy(tempDir(), 60);
  addFakeRecording(study, 'D01-S01', 300_000);
  addTestCoder(study, 'C01');
  return study;
}

const lastSeq = (db: Database) => (db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
const actionsSince = (db: Database, seq: number) =>
  (db.prepare('SELECT action FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as { action: string }[]).map((r) => r.action);
const summary = (db: Database) => listMarks(db, 'D01-S01', 'C01').map((m) => `${m.code}@${m.timeMs}${m.clarity === 'check' ? '' : '-'}`);

describe('adding, changing and deleting marks', () => {
  it('a mark is stored with its category and listed by time', () => {
    const { db } = setup();
    addMark(db, 'D01-S01', 'C01', { code: 'R4', clarity: 'check', timeMs: 90_000 }, ACTOR);
    const w = addMark(db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check-minus', timeMs: 30_000.4, note: 'long silence' }, ACTOR);
    expect(w).toMatchObject({
      recording: 'D01-S01',
      coder: 'C01',
      code: 'W2',
      category: 'withdrawal',
      clarity: 'check-minus',
      timeMs: 30_000,
      note: 'long silence',
    });
    expect(summary(db)).toEqual(['W2@30000-', 'R4@90000']);
  });

  it('a change is still there after the study is closed and opened again', () => {
    const study = setup();
    const mark = addMark(study.db, 'D01-S01', 'C01', { code: 'C1', clarity: 'check-minus', timeMs: 10_000 }, ACTOR);
    changeMark(study.db, mark.id, { code: 'C2', clarity: 'check' }, ACTOR);
    closeStudy(study);
    const again = openStudy(study.path, PASSPHRASE);
    expect(listMarks(again.db, 'D01-S01', 'C01')).toEqual([
      expect.objectContaining({ id: mark.id, code: 'C2', category: 'confrontation', clarity: 'check', timeMs: 10_000 }),
    ]);
    closeStudy(again);
  });

  it('a deleted mark leaves the list, and deleting it again says it is gone', () => {
    const { db } = setup();
    const mark = addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 0 }, ACTOR);
    expect(deleteMark(db, mark.id, ACTOR)).toMatchObject({ id: mark.id, code: 'W1' });
    expect(listMarks(db, 'D01-S01', 'C01')).toEqual([]);
    expect(() => deleteMark(db, mark.id, ACTOR)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => changeMark(db, mark.id, { note: 'x' }, ACTOR)).toThrow(/no mark with id/);
  });

  it('bad input is refused with a message that says what is allowed, and nothing is written', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    const add = (m: Parameters<typeof addMark>[3]) => () => addMark(db, 'D01-S01', 'C01', m, ACTOR);
    expect(add({ code: 'W9', clarity: 'check', timeMs: 0 })).toThrow(/Use one of W1–W7, C1–C7, R1–R10/);
    expect(add({ code: 'W1', clarity: 'maybe' as 'check', timeMs: 0 })).toThrow(/"check".*"check-minus"/);
    expect(add({ code: 'W1', clarity: 'check', timeMs: 300_001 })).toThrow(/from 0 to 300000 ms/);
    expect(add({ code: 'W1', clarity: 'check', timeMs: -5 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(add({ code: 'W1', clarity: 'check', timeMs: Number.NaN })).toThrow(/number of milliseconds/);
    expect(add({ code: 'W1', clarity: 'check', timeMs: 0, note: 'x'.repeat(2001) })).toThrow(/at most 2000 characters/);
    expect(() => addMark(db, 'D01-S99', 'C01', { code: 'W1', clarity: 'check', timeMs: 0 }, ACTOR)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(lastSeq(db)).toBe(seq);
    expect(listMarks(db, 'D01-S01', 'C01')).toEqual([]);
  });

  it('a mark exactly at the end of the recording is accepted', () => {
    const { db } = setup();
    expect(addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 300_000 }, ACTOR).timeMs).toBe(300_000);
  });

  it('a change is validated as a whole and an empty change is refused', () => {
    const { db } = setup();
    const mark = addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1000 }, ACTOR);
    expect(() => changeMark(db, mark.id, { timeMs: 400_000 }, ACTOR)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => changeMark(db, mark.id, {}, ACTOR)).toThrow(/Nothing to change/);
    expect(changeMark(db, mark.id, { note: 'refers to session 2' }, ACTOR)).toMatchObject({ code: 'W1', timeMs: 1000, note: 'refers to session 2' });
  });

  it('every write appends one audit entry naming what it did, and the chain still verifies', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    const mark = addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1000 }, ACTOR);
    changeMark(db, mark.id, { clarity: 'check-minus' }, ACTOR);
    deleteMark(db, mark.id, ACTOR);
    undo(db, 'D01-S01', 'C01', ACTOR);
    redo(db, 'D01-S01', 'C01', ACTOR);
    importMarks(
      db,
      'D01-S01',
      'C01',
      [
        { code: 'W2', clarity: 'check', timeMs: 0 },
        { code: 'C1', clarity: 'check', timeMs: 5 },
      ],
      ACTOR,
    );
    expect(actionsSince(db, seq)).toEqual(['event.add', 'event.change', 'event.delete', 'event.undo', 'event.redo', 'event.import']);
    const change = db.prepare("SELECT entity, entity_id, before, after FROM audit_log WHERE action = 'event.change'").get() as Record<string, string>;
    expect(change).toMatchObject({ entity: 'event', entity_id: String(mark.id) });
    expect(JSON.parse(change.before!)).toMatchObject({ clarity: 'check' });
    expect(JSON.parse(change.after!)).toMatchObject({ clarity: 'check-minus' });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe('undo and redo', () => {
  it('undoing an add removes the mark, and redo brings it back', () => {
    const { db } = setup();
    const mark = addMark(db, 'D01-S01', 'C01', { code: 'R1', clarity: 'check', timeMs: 5000 }, ACTOR);
    expect(undo(db, 'D01-S01', 'C01', ACTOR)).toMatchObject({ kind: 'add', mark: { id: mark.id, code: 'R1' } });
    expect(summary(db)).toEqual([]);
    expect(redo(db, 'D01-S01', 'C01', ACTOR)).toMatchObject({ kind: 'add', mark: { id: mark.id } });
    expect(summary(db)).toEqual(['R1@5000']);
  });

  it('undoing a change puts the old values back, and redo applies the change again', () => {
    const { db } = setup();
    const mark = addMark(db, 'D01-S01', 'C01', { code: 'W3', clarity: 'check', timeMs: 5000 }, ACTOR);
    changeMark(db, mark.id, { code: 'W4', clarity: 'check-minus', timeMs: 7000, note: 'story' }, ACTOR);
    expect(undo(db, 'D01-S01', 'C01', ACTOR)).toMatchObject({ kind: 'change', mark: { code: 'W3', clarity: 'check', timeMs: 5000, note: '' } });
    expect(summary(db)).toEqual(['W3@5000']);
    expect(redo(db, 'D01-S01', 'C01', ACTOR).mark).toMatchObject({ code: 'W4', note: 'story' });
    expect(summary(db)).toEqual(['W4@7000-']);
  });

  it('undoing a delete restores the mark, and redo deletes it again', () => {
    const { db } = setup();
    const mark = addMark(db, 'D01-S01', 'C01', { code: 'C5', clarity: 'check', timeMs: 5000 }, ACTOR);
    deleteMark(db, mark.id, ACTOR);
    expect(undo(db, 'D01-S01', 'C01', ACTOR)).toMatchObject({ kind: 'delete', mark: { id: mark.id, code: 'C5' } });
    expect(summary(db)).toEqual(['C5@5000']);
    expect(redo(db, 'D01-S01', 'C01', ACTOR).kind).toBe('delete');
    expect(summary(db)).toEqual([]);
  });

  it('steps back through several edits in reverse order and forward again in order', () => {
    const { db } = setup();
    const a = addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1000 }, ACTOR);
    addMark(db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 2000 }, ACTOR);
    changeMark(db, a.id, { timeMs: 3000 }, ACTOR);
    undo(db, 'D01-S01', 'C01', ACTOR);
    undo(db, 'D01-S01', 'C01', ACTOR);
    expect(summary(db)).toEqual(['W1@1000']);
    expect(redo(db, 'D01-S01', 'C01', ACTOR).mark.code).toBe('W2');
    expect(redo(db, 'D01-S01', 'C01', ACTOR).kind).toBe('change');
    expect(summary(db)).toEqual(['W2@2000', 'W1@3000']);
  });

  it('a new edit after an undo drops what could have been redone', () => {
    const { db } = setup();
    addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1000 }, ACTOR);
    undo(db, 'D01-S01', 'C01', ACTOR);
    addMark(db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 2000 }, ACTOR);
    expect(() => redo(db, 'D01-S01', 'C01', ACTOR)).toThrow(expect.objectContaining({ code: 'NOTHING_TO_REDO' }));
    expect(summary(db)).toEqual(['W2@2000']);
  });

  it('undo survives closing and reopening the study', () => {
    const study = setup();
    addMark(study.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1000 }, ACTOR);
    const second = addMark(study.db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 2000 }, ACTOR);
    closeStudy(study);
    const again = openStudy(study.path, PASSPHRASE);
    expect(undo(again.db, 'D01-S01', 'C01', ACTOR).mark.id).toBe(second.id);
    closeStudy(again);
    const third = openStudy(study.path, PASSPHRASE);
    expect(summary(third.db)).toEqual(['W1@1000']);
    expect(redo(third.db, 'D01-S01', 'C01', ACTOR).mark.id).toBe(second.id);
    closeStudy(third);
  });

  it('with nothing to undo or redo the coder is told so plainly', () => {
    const { db } = setup();
    expect(() => undo(db, 'D01-S01', 'C01', ACTOR)).toThrow(
      expect.objectContaining({ code: 'NOTHING_TO_UNDO', message: expect.stringMatching(/nothing to undo in D01-S01\/C01/) }),
    );
    expect(() => redo(db, 'D01-S01', 'C01', ACTOR)).toThrow(expect.objectContaining({ code: 'NOTHING_TO_REDO' }));
  });

  it("undo only touches the coder's own coding", () => {
    const study = setup();
    addTestCoder(study, 'C02');
    addMark(study.db, 'D01-S01', 'C02', { code: 'W1', clarity: 'check', timeMs: 1000 }, ACTOR);
    expect(() => undo(study.db, 'D01-S01', 'C01', ACTOR)).toThrow(expect.objectContaining({ code: 'NOTHING_TO_UNDO' }));
    expect(listMarks(study.db, 'D01-S01', 'C02')).toHaveLength(1);
  });
});

describe('importing marks', () => {
  it('imports a whole batch in one write with one audit entry', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    const created = importMarks(
      db,
      'D01-S01',
      'C01',
      [
        { code: 'C3', clarity: 'check', timeMs: 200_000 },
        { code: 'W6', clarity: 'check-minus', timeMs: 10_000, note: 'laughs' },
      ],
      ACTOR,
    );
    expect(created.map((m) => m.code)).toEqual(['C3', 'W6']);
    expect(summary(db)).toEqual(['W6@10000-', 'C3@200000']);
    const rows = db.prepare('SELECT action, after FROM audit_log WHERE seq > ?').all(seq) as { action: string; after: string }[];
    expect(rows.map((r) => r.action)).toEqual(['event.import']);
    expect(JSON.parse(rows[0]!.after)).toMatchObject({ count: 2 });
  });

  it('one bad mark refuses the whole batch and names it; nothing is written', () => {
    const { db } = setup();
    const seq = lastSeq(db);
    const batch = [
      { code: 'W1', clarity: 'check' as const, timeMs: 1000 },
      { code: 'X1', clarity: 'check' as const, timeMs: 2000 },
    ];
    expect(() => importMarks(db, 'D01-S01', 'C01', batch, ACTOR)).toThrow(/^Mark 2: "X1" is not a marker code/);
    expect(summary(db)).toEqual([]);
    expect(lastSeq(db)).toBe(seq);
  });

  it('imported marks are not undone one by one, and an import drops the redo stack', () => {
    const { db } = setup();
    addMark(db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1000 }, ACTOR);
    addMark(db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 2000 }, ACTOR);
    undo(db, 'D01-S01', 'C01', ACTOR);
    importMarks(db, 'D01-S01', 'C01', [{ code: 'R2', clarity: 'check', timeMs: 3000 }], ACTOR);
    expect(() => redo(db, 'D01-S01', 'C01', ACTOR)).toThrow(expect.objectContaining({ code: 'NOTHING_TO_REDO' }));
    expect(undo(db, 'D01-S01', 'C01', ACTOR).mark.code).toBe('W1');
    expect(summary(db)).toEqual(['R2@3000']);
  });
});
