import { describe, expect, it } from 'vitest';
import { parseRatingsCsv } from '../../electron/core/io/ratings-csv.ts';
import { scheme3rs2015 as scheme } from '../../electron/core/scheme/index.ts';

function problem(text: string): string | undefined {
  try {
    parseRatingsCsv(text, scheme);
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ code: 'CSV_INVALID' });
    return (err as Error).message;
  }
}

describe('reading global ratings from a CSV file', () => {
  it('reads the significance of marker types and the four overall items, any letter case', () => {
    const text = '\uFEFFItem,Value\r\nw1,1\r\nR10,5\r\nOverall_Withdrawal,2\r\noverall_confrontation,4\r\noverall_resolution,3\r\ntherapist_contribution,1\r\n';
    expect(parseRatingsCsv(text, scheme)).toEqual([
      { item: 'W1', value: 1 },
      { item: 'R10', value: 5 },
      { item: 'overall_withdrawal', value: 2 },
      { item: 'overall_confrontation', value: 4 },
      { item: 'overall_resolution', value: 3 },
      { item: 'therapist_contribution', value: 1 },
    ]);
  });

  it('accepts all 28 items at once', () => {
    const rows = scheme.ratingItems.map((i) => `${i.id},3`).join('\n');
    expect(parseRatingsCsv(`item,value\n${rows}\n`, scheme)).toHaveLength(28);
  });

  it.each([['6'], ['0'], ['2.5'], ['three'], ['']])('refuses the value %j with its line and the allowed range', (value) => {
    expect(problem(`item,value\nW1,2\nW2,${value}\n`)).toMatch(/^line 3: the value of W2 must be a whole number from 1 to 5/);
  });

  it('refuses an unknown item and lists the named items', () => {
    expect(problem('item,value\noverall,3\n')).toMatch(/^line 2: "overall" is not a rating item.*overall_withdrawal, overall_confrontation, overall_resolution, therapist_contribution/);
  });

  it('refuses an item rated twice, naming both lines', () => {
    expect(problem('item,value\nW1,2\nC1,3\nw1,4\n')).toMatch(/^line 4: W1 is rated again \(it is already on line 2\)/);
  });

  it('requires the header item,value and at least one row', () => {
    expect(problem('code,rating\nW1,2\n')).toMatch(/^line 1: the header must be "item,value"/);
    expect(problem('item,value\n')).toMatch(/no rows/);
    expect(problem('item,value\nW1,2,3\n')).toMatch(/^line 2: expected 2 columns/);
  });
});
