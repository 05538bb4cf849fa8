// Reads a small CSV file with a fixed header into rows that remember their line in the file, so every
// complaint about the file can point at the line a person has to fix.

import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors.ts';

export interface CsvRow {
  /** 1-based line in the file where the row starts; the header is line 1. */
  line: number;
  fields: string[];
}

export function csvError(line: number, what: string): AppError {
  return new AppError('CSV_INVALID', `line ${line}: ${what}`);
}

/** Turns any AppError raised while checking one row into CSV_INVALID naming that row's line. */
export function atLine<T>(line: number, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof AppError) throw csvError(line, err.message);
    throw err;
  }
}

/** csv-parse reports an unclosed quote at the end of the file; the person needs the line where it opened. */
function openQuoteLine(text: string): number {
  let line = 1;
  let opened = 1;
  let inQuote = false;
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '"') {
      inQuote = !inQuote;
      if (inQuote) opened = line;
    }
  }
  return opened;
}

function describeParseError(err: CsvError, text: string): AppError {
  const line = typeof err['lines'] === 'number' ? err['lines'] : 1;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return csvError(openQuoteLine(text), 'a quoted field opens here but is never closed. Add the closing quote (").');
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return csvError(line, 'a quote (") sits inside a field. Put the whole field in quotes and double any quote inside it ("").');
    default:
      return csvError(line, `this line is not valid CSV (${err.message}).`);
  }
}

/**
 * Parses CSV text (UTF-8, optional BOM, LF or CRLF, blank lines ignored, fields trimmed) whose first line
 * must be `header` (any letter case). Rows may leave out trailing optional columns down to `minColumns`.
 */
export function readCsvTable(text: string, header: readonly string[], minColumns = header.length): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With info: true each record comes as { record, info }; the typings only describe the plain form.
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) throw describeParseError(err, text);
    throw err;
  }
  const rows = records.map(({ record, info }) => {
    // info.lines is where the record ends; a quoted field may have spanned several lines.
    const spanned = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - spanned, fields: record.map((f) => f.trim()) };
  });
  const expected = header.join(',');
  const [first, ...data] = rows;
  if (!first) throw new AppError('CSV_INVALID', `no rows: the file is empty. Its first line must be the header "${expected}", then one row per line.`);
  if (first.fields.map((f) => f.toLowerCase()).join(',') !== expected) {
    // Spreadsheets set to many European locales save "CSV" with semicolons.
    const semicolons = first.fields.length === 1 && first.fields[0]!.includes(';') ? ' The file uses semicolons: save it with commas as separators.' : '';
    throw csvError(first.line, `the header must be "${expected}" but is "${first.fields.join(',')}". Fix the first line of the file.${semicolons}`);
  }
  if (data.length === 0) throw new AppError('CSV_INVALID', `no rows: the file has only the header line. Add one row per line below "${expected}".`);
  for (const row of data) {
    if (row.fields.length < minColumns || row.fields.length > header.length) {
      throw csvError(row.line, `expected ${header.length} columns (${expected}) but found ${row.fields.length}. Check for a missing or extra comma; quote a field that contains a comma.`);
    }
  }
  return data;
}
