// The data dictionary: every column of every exported file, with its type, meaning and allowed values.
// It is built from the same column definitions the tables use, so it cannot drift from them.

import { fileName, type ExportFormat } from './serialize.ts';
import { col, tableOf, type Column, type Table } from './table.ts';

const NAME = 'data-dictionary';

const COLUMNS = [
  col('file', 'string', 'The exported file the column belongs to.', 'a file name of this export'),
  col(
    'column',
    'string',
    'The column name, as in the header of the file (CSV) or the key of each object (JSON); for sequences.sds, a code it declares or its session label.',
    'a column name',
  ),
  col('type', 'string', 'integer: whole numbers; number: decimal numbers (a dot as decimal separator); string: text.', 'integer, number, string'),
  col('meaning', 'string', 'What the column holds.', 'text'),
  col('allowed', 'string', 'The values the column may take; "empty" means the cell may be empty (null in JSON).', 'text'),
];

/** A file of the export that is not a table (the SDIS sequences), described by what it holds. */
export interface DescribedFile {
  file: string;
  columns: Column[];
}

export function dictionaryTable(tables: Table[], format: ExportFormat, files: DescribedFile[] = []): Table {
  const described = [...tables, { name: NAME, columns: COLUMNS }].map((table) => ({ file: fileName(table, format), columns: table.columns }));
  const rows = [...described, ...files].flatMap(({ file, columns }) => columns.map((c) => [file, c.name, c.type, c.meaning, c.allowed]));
  return tableOf(NAME, COLUMNS, rows);
}
