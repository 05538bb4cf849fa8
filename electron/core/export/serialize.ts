// Tables to bytes, a chunk of rows at a time: CSV through d3-dsv (RFC 4180's quoting, but each record,
// the header row first, ends in a bare LF where RFC 4180 has CRLF) or JSON (an array of objects, one per
// row, keyed by column name, and a final LF). Both are UTF-8 without a byte order mark. An empty cell is
// empty in CSV and null in JSON.

import { csvFormatRows } from 'd3-dsv';
import type { Cell, Table } from './table.ts';

export type ExportFormat = 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json'];

export const fileName = (table: Pick<Table, 'name'>, format: ExportFormat): string => `${table.name}.${format}`;

// d3-dsv writes a number as its text and null as an empty cell (its documented rule for formatting rows);
// its type declarations admit only strings, so the call is widened here, once. On our tables it is several
// times faster than csv-stringify, with the same bytes.
export const formatRows = csvFormatRows as (rows: readonly (readonly Cell[])[]) => string;

/** Rows per chunk (one call to d3-dsv or JSON.stringify): few enough that a chunk dies young, many enough to keep calls cheap. */
export const CHUNK_ROWS = 512;

/** A table's rows a chunk at a time, as they are made, so that no table is ever held whole. */
function* chunks(table: Table): Generator<Cell[][]> {
  let chunk: Cell[][] = [];
  for (const row of table.rows()) {
    chunk.push(row);
    if (chunk.length === CHUNK_ROWS) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** d3-dsv ends every record of a chunk but the last with a line break: each chunk gets its last one here. */
function* toCsv(table: Table): Generator<Buffer> {
  yield utf8(`${formatRows([table.columns.map((c) => c.name)])}\n`);
  for (const chunk of chunks(table)) yield utf8(`${formatRows(chunk)}\n`);
}

/** The bytes JSON.stringify gives for the whole array of row objects, made a chunk of rows at a time. */
function* toJson(table: Table): Generator<Buffer> {
  const names = table.columns.map((c) => c.name);
  yield utf8('[');
  let comma = '';
  for (const chunk of chunks(table)) {
    const objects = chunk.map((row) => {
      const object: Record<string, Cell> = {};
      for (let i = 0; i < names.length; i++) object[names[i]!] = row[i] ?? null;
      return object;
    });
    // An array stringifies as its elements joined by commas between brackets: the chunks join the same way.
    yield utf8(comma + JSON.stringify(objects).slice(1, -1));
    comma = ',';
  }
  yield utf8(']\n');
}

/** A table's file as chunks of bytes, made only as each is asked for: written one by one, no file is held whole. */
export function serialize(table: Table, format: ExportFormat): Iterable<Buffer> {
  return format === 'csv' ? toCsv(table) : toJson(table);
}
