// Tables to bytes: CSV through d3-dsv (RFC 4180 quoting, UTF-8, one header row, a line break after every
// record) or JSON (an array of objects, one per row, keyed by column name). An empty cell is empty in CSV
// and null in JSON.

import { csvFormatRows } from 'd3-dsv';
import type { Cell, Table } from './table.ts';

export type ExportFormat = 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json'];

export const fileName = (table: Pick<Table, 'name'>, format: ExportFormat): string => `${table.name}.${format}`;

// d3-dsv writes a number as its text and null as an empty cell (its documented rule for formatting rows);
// its type declarations admit only strings, so the call is widened here, once. On our tables it is several
// times faster than csv-stringify, with the same bytes.
const formatRows = csvFormatRows as (rows: readonly (readonly Cell[])[]) => string;

/** Rows per chunk (one call to d3-dsv or JSON.stringify): few enough that a chunk dies young, many enough to keep calls cheap. */
const CHUNK_ROWS = 512;

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

function toCsv(table: Table): string {
  const parts = [formatRows([table.columns.map((c) => c.name)])];
  for (const chunk of chunks(table)) parts.push(formatRows(chunk));
  // Chunks are joined the way d3-dsv joins records, by a line break; the last record ends with one too.
  parts.push('');
  return parts.join('\n');
}

/** The bytes JSON.stringify gives for the whole array of row objects, made a chunk of rows at a time. */
function toJson(table: Table): string {
  const names = table.columns.map((c) => c.name);
  const parts: string[] = [];
  for (const chunk of chunks(table)) {
    const objects = chunk.map((row) => {
      const object: Record<string, Cell> = {};
      for (let i = 0; i < names.length; i++) object[names[i]!] = row[i] ?? null;
      return object;
    });
    // An array stringifies as its elements joined by commas between brackets: the chunks join the same way.
    parts.push(JSON.stringify(objects).slice(1, -1));
  }
  return `[${parts.join(',')}]\n`;
}

export function serialize(table: Table, format: ExportFormat): Buffer {
  return Buffer.from(format === 'csv' ? toCsv(table) : toJson(table), 'utf8');
}
