import { describe, expect, it } from 'vitest';
import { parseRatingsCsv } from '../../electron/core/io/ratings-csv.ts';
import { textInput } from '../../electron/core/io/read-text-file.ts';
import { scheme3rs2015 as scheme } from '../../electron/core/scheme/index.ts';

const parse = (text: string) => parseRatingsCsv(textInput(text), scheme);

async function problem(text: string): Promise<string | undefined> {
  try {
    await parse(text);
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ code: 'CSV_INVALID' });
    return (err as Error).message;
  }
}

describe('reading global ratings from a CSV file', () => {
  it('reads the significance of marker types and the four overall items, any letter case', async () => {
    const text =
      '\uFEFFItem,Value\r\nw1,1\r\nR10,5\r\nOverall_Withdrawal,2\r\noverall_confrontation,4\r\noverall_resolution,3\r\ntherapist_contribution,1\r\n';
    expect(await parse(text)).toEqual([
      { item: 'W1', value: 1 },
      { item: 'R10', value: 5 },
      { item: 'overall_withdrawal', value: 2 },
      { item: 'overall_confrontation', value: 4 },
      { item: 'overall_resolution', value: 3 },
      { item: 'therapist_contribution', value: 1 },
    ]);
  });

  it('accepts all 28 items at once', async () => {
    const rows = scheme.ratingItems.map((i) => `${i.id},3`).join('\n');
    expect(await parse(`item,value\n${rows}\n`)).toHaveLength(28);
  });

  it.each([['6'], ['0'], ['2.5'], ['three'], ['']])('refuses the value %j with its line and the allowed range', async (value) => {
    expect(await problem(`item,value\nW1,2\nW2,${value}\n`)).toMatch(/^line 3: the value of W2 must be a whole number from 1 to 5/);
  });

  it('refuses an unknown item and lists the named items', async () => {
    expect(await problem('item,value\noverall,3\n')).toMatch(
      /^line 2: "overall" is not a rating item.*overall_withdrawal, overall_confrontation, overall_resolution, therapist_contribution/,
    );
  });

  it('refuses an item rated twice, naming both lines', async () => {
    expect(await problem('item,value\nW1,2\nC1,3\nw1,4\n')).toMatch(/^line 4: W1 is rated again \(it is already on line 2\)/);
  });

  it('requires the header item,value and at least one row', async () => {
    expect(await problem('code,rating\nW1,2\n')).toMatch(/^line 1: the header must be "item,value"/);
    expect(await problem('item,value\n')).toMatch(/no rows/);
    expect(await problem('item,value\nW1,2,3\n')).toMatch(/^line 2: expected 2 columns/);
  });
});
