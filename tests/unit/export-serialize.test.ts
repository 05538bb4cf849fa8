import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { serialize } from '../../electron/core/export/serialize.ts';
import { col, type Cell, type Table } from '../../electron/core/export/table.ts';

/** More rows than one chunk holds, with every kind of cell, made lazily as an export's tables are. */
function largeTable(rows: number): { table: Table; all: Cell[][] } {
  const all: Cell[][] = Array.from({ length: rows }, (_, i) => [`D${i}-S01`, i % 7 === 0 ? null : i / 8, i % 5 === 0 ? 'says "no", then\nleaves' : '']);
  const columns = [col('recording', 'string', 'a recording', 'a code'), col('value', 'number', 'a value', 'a number, or empty'), col('note', 'string', 'a note', 'free text')];
  return { table: { name: 'large', columns, rowCount: rows, rows: () => all.values() }, all };
}

describe('tables as files, written a chunk of rows at a time', () => {
  it.each([0, 1, 511, 512, 513, 1300])('as JSON, %i rows give the bytes of one JSON.stringify of every row object', (rows) => {
    const { table, all } = largeTable(rows);
    const objects = all.map(([recording, value, note]) => ({ recording, value, note }));
    expect(serialize(table, 'json').toString('utf8')).toBe(`${JSON.stringify(objects)}\n`);
  });

  it.each([0, 513, 1300])('as CSV, %i rows read back as the rows, under one header, each record ending in a line break', (rows) => {
    const { table, all } = largeTable(rows);
    const text = serialize(table, 'csv').toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const [header, ...records] = parse(text, { relax_column_count: false }) as string[][];
    expect(header).toEqual(['recording', 'value', 'note']);
    expect(records).toEqual(all.map((row) => row.map((cell) => (cell === null ? '' : String(cell)))));
  });
});
