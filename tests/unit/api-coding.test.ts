import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiHandlers, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { PASSPHRASE, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { value } from '../helpers/api.ts';
import { rateTheRestThrough } from '../helpers/ratings.ts';

const tempDir = useTempDir();

/** A study with one recording (11 min, 5-min segments), coders C01, C02 and lead L01, opened through the api as `as`. */
async function openAs(as: string): Promise<{ api: ApiHandlers; path: string }> {
  const study = makeStudy(tempDir());
  addFakeRecording(study, 'D01-S01', 660_000);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  addTestCoder(study, 'L01', 'lead');
  closeStudy(study);
  const api = createApiHandlers();
  value(await api['study.open']({ path: study.path, passphrase: PASSPHRASE }));
  value(await api['session.selectCoder']({ code: as }));
  return { api, path: study.path };
}

describe('the coding channels', () => {
  it('a mark added through the api is in the grid that comes back, and after reopening the file', async () => {
    const { api, path } = await openAs('C01');
    const added = value(await api['marks.add']({ recording: 'D01-S01', code: 'W2', clarity: 'check-minus', timeMs: 310_000 }));
    expect(added.mark).toMatchObject({ code: 'W2', coder: 'C01', timeMs: 310_000 });
    expect(added.scoresheet.segments[1]!.marks).toEqual({ W2: { count: 1, clarity: 'check-minus' } });
    expect(added.canUndo).toBe(true);
    value(await api['study.close']({}));

    const reopened = openStudy(path, PASSPHRASE);
    const marks = reopened.db.prepare('SELECT code FROM events WHERE deleted = 0').all();
    expect(marks).toEqual([{ code: 'W2' }]);
    closeStudy(reopened);
  });

  it('undo and redo answer with the coding as it now stands', async () => {
    const { api } = await openAs('C01');
    value(await api['marks.add']({ recording: 'D01-S01', code: 'C1', clarity: 'check', timeMs: 1000 }));
    const undone = value(await api['marks.undo']({ recording: 'D01-S01' }));
    expect(undone.marks).toEqual([]);
    expect(undone.canRedo).toBe(true);
    const redone = value(await api['marks.redo']({ recording: 'D01-S01' }));
    expect(redone.marks.map((m) => m.code)).toEqual(['C1']);
  });

  it('ratings, notes, watched segments and completion all answer with the updated coding', async () => {
    const { api } = await openAs('C01');
    expect(value(await api['ratings.set']({ recording: 'D01-S01', item: 'overall_resolution', value: 3 })).scoresheet.ratings).toEqual({
      overall_resolution: 3,
    });
    expect(value(await api['notes.setSegment']({ recording: 'D01-S01', segment: 0, note: 'opening small talk' })).scoresheet.notes).toEqual({
      0: 'opening small talk',
    });
    expect(value(await api['segments.played']({ recording: 'D01-S01', spans: [{ startMs: 0, endMs: 300_000 }] })).watched).toEqual([0]);
    await rateTheRestThrough(api, 'D01-S01');
    expect(value(await api['coding.complete']({ recording: 'D01-S01' })).scoresheet.state).toBe('complete');
    const refused = await api['marks.add']({ recording: 'D01-S01', code: 'W1', clarity: 'check', timeMs: 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('coding is blind: a coder cannot see or change another coder’s marks, a lead can look', async () => {
    const { api, path } = await openAs('C01');
    const mine = value(await api['marks.add']({ recording: 'D01-S01', code: 'R1', clarity: 'check', timeMs: 5000 })).mark;
    value(await api['session.selectCoder']({ code: 'C02' }));
    expect(await api['coding.view']({ recording: 'D01-S01', coder: 'C01' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Another coder's mark answers as a missing one does, so its owner stays unknown.
    const missing = await api['marks.delete']({ id: mine.id + 1 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const theirs = await api['marks.delete']({ id: mine.id });
    expect(theirs).toEqual({
      ok: false,
      error: { ...(missing.ok ? {} : missing.error), message: expect.stringContaining(`no mark with id ${mine.id} `) },
    });
    expect(await api['marks.change']({ id: mine.id, clarity: 'check-minus' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(value(await api['coding.view']({ recording: 'D01-S01' })).marks).toEqual([]);

    value(await api['session.selectCoder']({ code: 'L01' }));
    expect(value(await api['coding.view']({ recording: 'D01-S01', coder: 'C01' })).marks.map((m) => m.id)).toEqual([mine.id]);
    expect(path).toBeTruthy();
  });

  it('a coder reopens their own completed coding until a lead has used it; a lead reopens it always', async () => {
    const { api } = await openAs('C01');
    value(await api['segments.played']({ recording: 'D01-S01', spans: [{ startMs: 0, endMs: 300_000 }] }));
    await rateTheRestThrough(api, 'D01-S01');
    value(await api['coding.complete']({ recording: 'D01-S01' }));
    expect(value(await api['coding.reopen']({ recording: 'D01-S01', coder: 'C01' })).scoresheet.state).toBe('in-progress');
    value(await api['coding.complete']({ recording: 'D01-S01' }));
    value(await api['session.selectCoder']({ code: 'L01' }));
    value(await api['consensus.start']({ recording: 'D01-S01', fromCoder: 'C01' }));
    value(await api['session.selectCoder']({ code: 'C01' }));
    expect(await api['coding.reopen']({ recording: 'D01-S01', coder: 'C01' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    value(await api['session.selectCoder']({ code: 'L01' }));
    expect(value(await api['coding.reopen']({ recording: 'D01-S01', coder: 'C01' })).scoresheet.state).toBe('in-progress');
  });

  it('another coder never reopens a coding, and its own coder not once it was used: each is told to ask a lead', async () => {
    const { api } = await openAs('C01');
    value(await api['segments.played']({ recording: 'D01-S01', spans: [{ startMs: 0, endMs: 660_000 }] }));
    await rateTheRestThrough(api, 'D01-S01');
    value(await api['coding.complete']({ recording: 'D01-S01' }));
    value(await api['session.selectCoder']({ code: 'C02' }));
    expect(await api['coding.reopen']({ recording: 'D01-S01', coder: 'C01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only C01 or a lead can reopen D01-S01/C01: ask a lead to reopen it.' },
    });
    value(await api['session.selectCoder']({ code: 'L01' }));
    value(await api['consensus.start']({ recording: 'D01-S01', fromCoder: 'C01' }));
    value(await api['session.selectCoder']({ code: 'C01' }));
    expect(await api['coding.reopen']({ recording: 'D01-S01', coder: 'C01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^D01-S01\/C01 has been used since it was completed .*ask a lead to reopen it\.$/) },
    });
    expect(value(await api['coding.view']({ recording: 'D01-S01' })).scoresheet.state).toBe('complete');
  });

  it('writes before a coder is chosen say to choose one', async () => {
    const study = makeStudy(tempDir());
    addFakeRecording(study, 'D01-S01', 60_000);
    closeStudy(study);
    const api = createApiHandlers();
    value(await api['study.open']({ path: join(study.path), passphrase: PASSPHRASE }));
    const result = await api['marks.add']({ recording: 'D01-S01', code: 'W1', clarity: 'check', timeMs: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'NO_CODER', message: expect.stringMatching(/who is coding/) } });
  });

  it('a malformed mark request (time as text, unknown clarity) is a bug in the app, BAD_REQUEST, and touches nothing', async () => {
    const { api } = await openAs('C01');
    expect(await api['marks.add']({ recording: 'D01-S01', code: 'W1', clarity: 'maybe', timeMs: 0 })).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/^The request "marks\.add" was malformed \(clarity: .*\), so nothing was done\. This is a bug/),
      },
    });
    expect(await api['marks.add']({ recording: 'D01-S01', code: 'W1', clarity: 'check', timeMs: '10' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('timeMs') },
    });
    expect(value(await api['coding.view']({ recording: 'D01-S01' })).marks).toEqual([]);
  });

  it('a well-formed mark with a code the scheme lacks is the user’s input, INVALID_INPUT, saying which codes there are', async () => {
    const { api } = await openAs('C01');
    expect(await api['marks.add']({ recording: 'D01-S01', code: 'W9', clarity: 'check', timeMs: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Use one of W1–W7, C1–C7, R1–R10/) },
    });
    expect(value(await api['coding.view']({ recording: 'D01-S01' })).marks).toEqual([]);
  });
});

describe('the settings channels', () => {
  it('segment length can change until the first mark, then it is locked with a reason', async () => {
    const { api } = await openAs('C01');
    expect(value(await api['settings.get']({}))).toEqual({
      segmentSeconds: 300,
      minFinalSeconds: 60,
      schemeId: '3rs-2015',
      segmentLocked: false,
      blindCoding: true,
    });
    // The shortest final segment left at its default follows the segment length (a fifth).
    expect(value(await api['settings.update']({ segmentSeconds: 120 }))).toMatchObject({ segmentSeconds: 120, minFinalSeconds: 24 });
    expect(value(await api['settings.update']({ minFinalSeconds: 0 }))).toMatchObject({ segmentSeconds: 120, minFinalSeconds: 0 });
    expect(await api['settings.update']({ minFinalSeconds: 121 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    value(await api['marks.add']({ recording: 'D01-S01', code: 'W1', clarity: 'check', timeMs: 0 }));
    expect(value(await api['settings.get']({})).segmentLocked).toBe(true);
    expect(await api['settings.update']({ segmentSeconds: 60 })).toMatchObject({ ok: false, error: { code: 'LOCKED_SETTING' } });
    expect(await api['settings.update']({ minFinalSeconds: 10 })).toMatchObject({ ok: false, error: { code: 'LOCKED_SETTING' } });
  });
});
