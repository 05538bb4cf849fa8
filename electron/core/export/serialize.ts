// Tables to bytes: CSV through csv-stringify (RFC 4180 quoting, UTF-8, one header row) or JSON (an array of
// objects, one per row, keyed by column name). An empty cell is empty in CSV and null in JSON.

import { stringify } from 'csv-stringify/sync';
import type { Table } from './table.ts';

export type ExportFormat = 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json'];

export const fileName = (table: Table, format: ExportFormat): string => `${table.name}.${format}`;

function toJson(table: Table): string {
  const names = table.columns.map((c) => c.name);
  const objects = table.rows.map((row) => {
    const object: Record<string, unknown> = {};
    names.forEach((name, i) => (object[name] = row[i]));
    return object;
  });
  return `${JSON.stringify(objects)}\n`;
}

export function serialize(table: Table, format: ExportFormat): Buffer {
  const text = format === 'csv' ? stringify([table.columns.map((c) => c.name), ...table.rows]) : toJson(table);
  return Buffer.from(text, 'utf8');
}
