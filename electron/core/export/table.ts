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
  /** How many rows rows() gives, known before they are made. */
  rowCount: number;
  /**
   * The rows, in order. A large table makes them as they are asked for, and its file is written a chunk of
   * rows at a time, so that neither the table nor its file is ever held whole in memory.
   */
  rows(): Iterable<Cell[]>;
}

/** A table whose rows are already at hand. */
export const tableOf = (name: string, columns: Column[], rows: Cell[][]): Table => ({ name, columns, rowCount: rows.length, rows: () => rows });

export const col = (name: string, type: ColumnType, meaning: string, allowed: string): Column => ({ name, type, meaning, allowed });

/** Seconds from milliseconds, exact to the millisecond. */
export const seconds = (ms: number): number => ms / 1000;
