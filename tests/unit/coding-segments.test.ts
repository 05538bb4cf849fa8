import { describe, expect, it } from 'vitest';
import { defaultMinFinalSeconds, segmentContaining, segmentGrid, segmentIndexAt } from '../../electron/core/coding/segments.ts';

/** Segments of `seconds` with no final part merged: the grid as it was before the setting, and of every older study. */
const cut = (segmentSeconds: number, minFinalSeconds = 0) => ({ segmentSeconds, minFinalSeconds });

describe('the segment grid', () => {
  it('cuts a session into fixed-length segments from the start, the last one partial', () => {
    expect(segmentGrid(12 * 60_000 + 30_000, cut(300))).toEqual([
      { index: 0, startMs: 0, endMs: 300_000 },
      { index: 1, startMs: 300_000, endMs: 600_000 },
      { index: 2, startMs: 600_000, endMs: 750_000 },
    ]);
  });

  it('a duration that is an exact multiple gives no empty trailing segment', () => {
    const grid = segmentGrid(600_000, cut(300));
    expect(grid).toHaveLength(2);
    expect(grid[1]).toEqual({ index: 1, startMs: 300_000, endMs: 600_000 });
  });

  it('a recording shorter than one segment gets one partial segment', () => {
    expect(segmentGrid(42_500, cut(300))).toEqual([{ index: 0, startMs: 0, endMs: 42_500 }]);
  });

  it('a remainder of one second still makes its own segment', () => {
    const grid = segmentGrid(121_000, cut(60));
    expect(grid).toHaveLength(3);
    expect(grid[2]).toEqual({ index: 2, startMs: 120_000, endMs: 121_000 });
  });

  it('a zero-length recording still has one (empty) segment to code in', () => {
    expect(segmentGrid(0, cut(300))).toEqual([{ index: 0, startMs: 0, endMs: 0 }]);
  });

  it('refuses a segment length that is not a whole number of seconds', () => {
    expect(() => segmentGrid(60_000, cut(2.5))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => segmentGrid(60_000, cut(0))).toThrow(/whole number of seconds/);
  });
});

describe('which segment a mark falls in', () => {
  it('is the floor of time over segment length, so a boundary starts the next segment', () => {
    expect(segmentIndexAt(0, cut(60), 300_000)).toBe(0);
    expect(segmentIndexAt(59_999, cut(60), 300_000)).toBe(0);
    expect(segmentIndexAt(60_000, cut(60), 300_000)).toBe(1);
  });

  it('a mark at the very end of the recording belongs to the last segment', () => {
    expect(segmentIndexAt(300_000, cut(60), 300_000)).toBe(4);
    expect(segmentIndexAt(121_000, cut(60), 121_000)).toBe(2);
    expect(segmentIndexAt(0, cut(60), 0)).toBe(0);
  });

  it('a time outside the recording is refused', () => {
    expect(() => segmentIndexAt(300_001, cut(60), 300_000)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => segmentIndexAt(-1, cut(60), 300_000)).toThrow(/outside the recording/);
  });

  it('the grid gives the same answer as the segment length', () => {
    const grid = segmentGrid(300_000, cut(60));
    for (const t of [0, 59_999, 60_000, 299_999, 300_000]) {
      expect(segmentContaining(grid, t)).toBe(segmentIndexAt(t, cut(60), 300_000));
    }
  });
});

describe('a final part too short to code joins the previous segment (l. 130-135: segments of a fixed length)', () => {
  it('a 5:00.4 recording is one segment of 5:00.4, not a second one of 0.4 s', () => {
    expect(segmentGrid(300_400, cut(300))).toHaveLength(2);
    expect(segmentGrid(300_400, cut(300, 60))).toEqual([{ index: 0, startMs: 0, endMs: 300_400 }]);
  });

  it('a final part of at least the minimum keeps its own segment', () => {
    expect(segmentGrid(360_000, cut(300, 60))).toEqual([
      { index: 0, startMs: 0, endMs: 300_000 },
      { index: 1, startMs: 300_000, endMs: 360_000 },
    ]);
    expect(segmentGrid(359_999, cut(300, 60))).toEqual([{ index: 0, startMs: 0, endMs: 359_999 }]);
  });

  it('only the final part merges: a recording shorter than the minimum is still one segment, an exact multiple is unchanged', () => {
    expect(segmentGrid(20_000, cut(300, 60))).toEqual([{ index: 0, startMs: 0, endMs: 20_000 }]);
    expect(segmentGrid(600_000, cut(300, 60))).toHaveLength(2);
    expect(segmentGrid(0, cut(300, 60))).toEqual([{ index: 0, startMs: 0, endMs: 0 }]);
  });

  it('a mark in the merged part belongs to the last segment, and the grid agrees', () => {
    const rule = cut(300, 60);
    const grid = segmentGrid(630_000, rule);
    expect(grid.map((s) => s.endMs)).toEqual([300_000, 630_000]);
    for (const t of [299_999, 300_000, 600_000, 629_000, 630_000]) expect(segmentIndexAt(t, rule, 630_000)).toBe(segmentContaining(grid, t));
    expect(segmentIndexAt(615_000, rule, 630_000)).toBe(1);
  });

  it('a new study merges a final part under a fifth of its segment length (60 s of 5 minutes)', () => {
    expect(defaultMinFinalSeconds(300)).toBe(60);
    expect(defaultMinFinalSeconds(60)).toBe(12);
    expect(defaultMinFinalSeconds(4)).toBe(0);
  });

  it('refuses a minimum that is not a whole number of seconds from 0 to the segment length', () => {
    expect(() => segmentGrid(60_000, cut(60, 61))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => segmentGrid(60_000, cut(60, -1))).toThrow(/from 0 \(never merge\) to the segment length/);
    expect(() => segmentIndexAt(0, cut(60, 1.5), 60_000)).toThrow(/whole number/);
  });
});
