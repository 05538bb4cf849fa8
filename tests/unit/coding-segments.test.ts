import { describe, expect, it } from 'vitest';
import { segmentContaining, segmentGrid, segmentIndexAt } from '../../electron/core/coding/segments.ts';

describe('the segment grid', () => {
  it('cuts a session into fixed-length segments from the start, the last one partial', () => {
    expect(segmentGrid(12 * 60_000 + 30_000, 300)).toEqual([
      { index: 0, startMs: 0, endMs: 300_000 },
      { index: 1, startMs: 300_000, endMs: 600_000 },
      { index: 2, startMs: 600_000, endMs: 750_000 },
    ]);
  });

  it('a duration that is an exact multiple gives no empty trailing segment', () => {
    const grid = segmentGrid(600_000, 300);
    expect(grid).toHaveLength(2);
    expect(grid[1]).toEqual({ index: 1, startMs: 300_000, endMs: 600_000 });
  });

  it('a recording shorter than one segment gets one partial segment', () => {
    expect(segmentGrid(42_500, 300)).toEqual([{ index: 0, startMs: 0, endMs: 42_500 }]);
  });

  it('a remainder of one second still makes its own segment', () => {
    const grid = segmentGrid(121_000, 60);
    expect(grid).toHaveLength(3);
    expect(grid[2]).toEqual({ index: 2, startMs: 120_000, endMs: 121_000 });
  });

  it('a zero-length recording still has one (empty) segment to code in', () => {
    expect(segmentGrid(0, 300)).toEqual([{ index: 0, startMs: 0, endMs: 0 }]);
  });

  it('refuses a segment length that is not a whole number of seconds', () => {
    expect(() => segmentGrid(60_000, 2.5)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => segmentGrid(60_000, 0)).toThrow(/whole number of seconds/);
  });
});

describe('which segment a mark falls in', () => {
  it('is the floor of time over segment length, so a boundary starts the next segment', () => {
    expect(segmentIndexAt(0, 60, 300_000)).toBe(0);
    expect(segmentIndexAt(59_999, 60, 300_000)).toBe(0);
    expect(segmentIndexAt(60_000, 60, 300_000)).toBe(1);
  });

  it('a mark at the very end of the recording belongs to the last segment', () => {
    expect(segmentIndexAt(300_000, 60, 300_000)).toBe(4);
    expect(segmentIndexAt(121_000, 60, 121_000)).toBe(2);
    expect(segmentIndexAt(0, 60, 0)).toBe(0);
  });

  it('a time outside the recording is refused', () => {
    expect(() => segmentIndexAt(300_001, 60, 300_000)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => segmentIndexAt(-1, 60, 300_000)).toThrow(/outside the recording/);
  });

  it('the grid gives the same answer as the segment length', () => {
    const grid = segmentGrid(300_000, 60);
    for (const t of [0, 59_999, 60_000, 299_999, 300_000]) {
      expect(segmentContaining(grid, t)).toBe(segmentIndexAt(t, 60, 300_000));
    }
  });
});
