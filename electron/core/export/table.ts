// An exported table: its columns, each described for the data dictionary, and its rows.

export type ColumnType = 'string' | 'integer' | 'number';

export interface Column {
  name: string;
  type: ColumnType;
  /** What the column holds, for the data dictionary. */
  meaning: string;
  /** The values it may take; "empty" is named when a cell may be empty. */
  allowed: string;
}

/** null is an empty cell in CSV and null in JSON. */
export type Cell = string | number | null;

export interface Table {
  /** The file's name without its extension, e.g. "events". */
  name: string;
  columns: Column[];
  rows: Cell[][];
}

export const col = (name: string, type: ColumnType, meaning: string, allowed: string): Column => ({ name, type, meaning, allowed });

/** Seconds from milliseconds, exact to the millisecond. */
export const seconds = (ms: number): number => ms / 1000;
