import { parse } from 'csv-parse/sync';
import { csvFormatRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { serialize, type ExportFormat } from '../../electron/core/export/serialize.ts';
import { col, type Cell, type Table } from '../../electron/core/export/table.ts';

/** More rows than one chunk holds, with every kind of cell, made lazily as an export's tables are. */
function largeTable(rows: number): { table: Table; all: Cell[][]; made: () => number } {
  const all: Cell[][] = Array.from({ length: rows }, (_, i) => [
    `D${i}-S01`,
    i % 7 === 0 ? null : i / 8,
    i % 5 === 0 ? 'says "no", then\nleaves' : '',
  ]);
  const columns = [
    col('recording', 'string', 'a recording', 'a code'),
    col('value', 'number', 'a value', 'a number, or empty'),
    col('note', 'string', 'a note', 'free text'),
  ];
  let made = 0;
  function* oneByOne() {
    for (const row of all) {
      made++;
      yield row;
    }
  }
  return { table: { name: 'large', columns, rowCount: rows, rows: oneByOne }, all, made: () => made };
}

const text = (table: Table, format: ExportFormat): string => Buffer.concat([...serialize(table, format)]).toString('utf8');

describe('tables as files, written a chunk of rows at a time', () => {
  it.each([0, 1, 511, 512, 513, 1300])('as JSON, %i rows give the bytes of one JSON.stringify of every row object', (rows) => {
    const { table, all } = largeTable(rows);
    const objects = all.map(([recording, value, note]) => ({ recording, value, note }));
    expect(text(table, 'json')).toBe(`${JSON.stringify(objects)}\n`);
  });

  it.each([0, 513, 1300])(
    'as CSV, %i rows give the bytes of one d3-dsv call over every row, each record ending in a line break, and read back as the rows',
    (rows) => {
      const { table, all } = largeTable(rows);
      const cells = all.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
      const csv = text(table, 'csv');
      expect(csv).toBe(`${csvFormatRows([['recording', 'value', 'note'], ...cells])}\n`);
      const [header, ...records] = parse(csv, { relax_column_count: false }) as string[][];
      expect(header).toEqual(['recording', 'value', 'note']);
      expect(records).toEqual(cells);
    },
  );

  it.each(['csv', 'json'] as const)('as %s, makes each chunk only when it is asked for, so the file is never held whole', (format) => {
    const { table, made } = largeTable(1300);
    const chunks = serialize(table, format)[Symbol.iterator]();
    chunks.next(); // the header row, or the array's opening bracket
    expect(made()).toBe(0);
    chunks.next();
    expect(made()).toBe(512);
  });
});
