import { describe, expect, it } from 'vitest';
import { formatClock, parseTimeMs } from '../../electron/core/io/time-format.ts';

describe('reading a time typed by a coder', () => {
  it.each([
    ['12.5', 12_500],
    ['0', 0],
    ['7', 7_000],
    ['12.345', 12_345],
    ['90.05', 90_050],
    ['01:30', 90_000],
    ['1:30', 90_000],
    ['00:00.250', 250],
    ['59:59.999', 3_599_999],
    ['1:02:03', 3_723_000],
    ['01:02:03.5', 3_723_500],
    ['12:00:00', 43_200_000],
    ['  12.5  ', 12_500],
  ])('%s is %d ms', (text, ms) => {
    expect(parseTimeMs(text)).toBe(ms);
  });

  it.each([
    ['-1', /negative/],
    ['-0:30', /negative/],
    ['1:60', /seconds must be below 60/],
    ['75:00', /minutes must be below 60.*hh:mm:ss/],
    ['1:75:00', /minutes must be below 60/],
    ['1:02:60', /seconds must be below 60/],
    ['12.3456', /at most 3 decimals/],
    ['1:5', /mm:ss/],
    ['', /not a valid time/],
    ['abc', /not a valid time/],
    ['12,5', /not a valid time/],
    ['1e3', /not a valid time/],
    ['1:2:3:4', /not a valid time/],
    ['12.', /not a valid time/],
  ])('%j is refused', (text, why) => {
    expect(() => parseTimeMs(text)).toThrow(why);
    expect(() => parseTimeMs(text)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('showing a time', () => {
  it.each([
    [0, '00:00'],
    [65_000, '01:05'],
    [65_500, '01:05.500'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [3_723_004, '1:02:03.004'],
    [36_000_000, '10:00:00'],
  ])('%d ms shows as %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it('reads back every time it shows', () => {
    for (const ms of [0, 1, 999, 1_000, 59_999, 60_000, 3_599_999, 3_600_000, 7_384_321]) {
      expect(parseTimeMs(formatClock(ms))).toBe(ms);
    }
  });

  it('refuses a negative time', () => {
    expect(() => formatClock(-1)).toThrow(/zero or more/);
  });
});
