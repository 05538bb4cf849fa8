import { describe, expect, it } from 'vitest';
import { addMark, deleteMark } from '../../electron/core/coding/marks.ts';
import { markSegmentWatched, setSegmentNote } from '../../electron/core/coding/notes.ts';
import { setRating } from '../../electron/core/coding/ratings.ts';
import { buildScoresheet } from '../../electron/core/coding/scoresheet.ts';
import type { Clarity } from '../../electron/core/scheme/index.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** An 11-minute recording D01-S01 in 5-minute segments (the last one 1 minute long), coded by C01. */
function setup() {
  const study = makeStudy(tempDir(), 300);
  addFakeRecording(study, 'D01-S01', 11 * 60_000);
  addTestCoder(study, 'C01');
  return study;
}

const add = (db: Parameters<typeof addMark>[0], code: string, timeMs: number, clarity: Clarity = 'check') =>
  addMark(db, 'D01-S01', 'C01', { code, clarity, timeMs }, ACTOR);

describe('the scoresheet', () => {
  it('has one column per segment, the last one partial', () => {
    const sheet = buildScoresheet(setup().db, 'D01-S01', 'C01');
    expect(sheet).toMatchObject({ recording: 'D01-S01', coder: 'C01', segmentSeconds: 300, durationMs: 660_000, state: 'not-started' });
    expect(sheet.segments.map((s) => [s.index, s.startMs, s.endMs, s.marks])).toEqual([
      [0, 0, 300_000, {}],
      [1, 300_000, 600_000, {}],
      [2, 600_000, 660_000, {}],
    ]);
  });

  it('counts each code per segment and keeps the strongest clarity', () => {
    const { db } = setup();
    add(db, 'W2', 10_000, 'check-minus');
    add(db, 'W2', 20_000, 'check');
    add(db, 'W2', 30_000, 'check-minus');
    add(db, 'C1', 40_000, 'check-minus');
    add(db, 'C1', 50_000, 'check-minus');
    add(db, 'W2', 300_000, 'check-minus');
    const sheet = buildScoresheet(db, 'D01-S01', 'C01');
    expect(sheet.segments[0]!.marks).toEqual({ W2: { count: 3, clarity: 'check' }, C1: { count: 2, clarity: 'check-minus' } });
    expect(sheet.segments[1]!.marks).toEqual({ W2: { count: 1, clarity: 'check-minus' } });
    expect(sheet.segments[2]!.marks).toEqual({});
    expect(sheet.state).toBe('in-progress');
  });

  it('a mark at the very end of the recording is counted in the last segment', () => {
    const { db } = setup();
    add(db, 'C7', 660_000);
    expect(buildScoresheet(db, 'D01-S01', 'C01').segments[2]!.marks).toEqual({ C7: { count: 1, clarity: 'check' } });
  });

  it('leaves out deleted marks', () => {
    const { db } = setup();
    const gone = add(db, 'W1', 1000);
    add(db, 'W1', 2000, 'check-minus');
    deleteMark(db, gone.id, ACTOR);
    expect(buildScoresheet(db, 'D01-S01', 'C01').segments[0]!.marks).toEqual({ W1: { count: 1, clarity: 'check-minus' } });
  });

  it('carries the ratings, the notes and the warnings of the coding', () => {
    const { db } = setup();
    add(db, 'R4', 1000);
    setRating(db, 'D01-S01', 'C01', 'overall_resolution', 3, ACTOR);
    setSegmentNote(db, 'D01-S01', 'C01', 2, 'session ends early', ACTOR);
    markSegmentWatched(db, 'D01-S01', 'C01', 0, ACTOR);
    const sheet = buildScoresheet(db, 'D01-S01', 'C01');
    expect(sheet.ratings).toEqual({ overall_resolution: 3 });
    expect(sheet.notes).toEqual({ 2: 'session ends early' });
    expect(sheet.warnings.map((w) => w.rule)).toEqual(['resolution-without-rupture', 'rated-before-watched', 'ratings-incomplete']);
    expect(sheet.warnings[1]!.message).toMatch(/segments 2 and 3 not watched/);
  });
});
