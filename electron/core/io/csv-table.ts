// Reads a CSV file with a fixed header into rows that remember their line in the file, so every complaint
// about the file can point at the line a person has to fix. The file is parsed as a stream: each row is
// checked and turned into its value as it arrives, so memory holds the values, not the file.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../errors.ts';
import { decodeText, type TextInput } from './read-text-file.ts';

export interface CsvRow {
  /** 1-based line in the file where the row starts; the header is line 1. */
  line: number;
  fields: string[];
}

export function csvError(line: number, what: string): AppError {
  return new AppError('CSV_INVALID', `line ${line}: ${what}`);
}

/**
 * A field as a message may quote it: valid values are short, so a long one is cut (a whole row pasted into a
 * cell should not come back in the message).
 */
export const glimpse = (text: string, max = 40): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Turns any AppError raised while checking one row into CSV_INVALID naming that row's line. */
export function atLine<T>(line: number, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof AppError) throw csvError(line, err.message);
    throw err;
  }
}

/**
 * csv-parse reports an unclosed quote at the end of the file; the person needs the line where it opened.
 * Quotes and line ends are single bytes in every encoding read here, so the bytes are followed as they pass.
 */
class QuoteLines {
  private line = 1;
  private inQuote = false;
  opened = 1;

  follow(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x0a) this.line++;
      else if (b === 0x22) {
        this.inQuote = !this.inQuote;
        if (this.inQuote) this.opened = this.line;
      }
    }
  }
}

function describeParseError(err: CsvError, quotes: QuoteLines): AppError {
  const line = typeof err['lines'] === 'number' ? err['lines'] : 1;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return csvError(quotes.opened, 'a quoted field opens here but is never closed. Add the closing quote (").');
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return csvError(line, 'a quote (") sits inside a field. Put the whole field in quotes and double any quote inside it ("").');
    case 'CSV_MAX_RECORD_SIZE':
      return csvError(
        line,
        `this row is longer than ${MAX_ROW_CHARACTERS.toLocaleString('en')} characters, more than any row of this file can need. Check for a quote that is never closed, or a note pasted by mistake.`,
      );
    default:
      // csv-parse's own wording may quote the row: say only where.
      return csvError(line, 'this line is not valid CSV. Check its commas and quotes.');
  }
}

/** Longer than any valid row (a note is at most a few thousand characters), short enough that one row cannot fill memory. */
const MAX_ROW_CHARACTERS = 64 * 1024;

/**
 * Parses CSV (UTF-8 unless the input says otherwise, optional BOM, LF or CRLF, blank lines ignored, fields
 * trimmed) whose first line must be `header` (any letter case), turning each row into a value with `toValue`
 * as it arrives. Rows may leave out trailing optional columns down to `minColumns`. The first problem found
 * (in the bytes, the CSV, the header or a row) is thrown as CSV_INVALID naming its line.
 */
export async function readCsvTable<T>(input: TextInput, header: readonly string[], minColumns: number, toValue: (row: CsvRow) => T): Promise<T[]> {
  const expected = header.join(',');
  const quotes = new QuoteLines();
  const values: T[] = [];
  let headerSeen = false;
  try {
    await pipeline(
      Readable.from(decodeText(input, (bytes) => quotes.follow(bytes))),
      parse({ trim: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: MAX_ROW_CHARACTERS }),
      async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
        for await (const { record, info } of records) {
          // info.lines is where the record ends; a quoted field may have spanned several lines.
          const spanned = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
          const row: CsvRow = { line: info.lines - spanned, fields: record.map((f) => f.trim()) };
          if (!headerSeen) {
            checkHeader(row, header);
            headerSeen = true;
            continue;
          }
          if (row.fields.length < minColumns || row.fields.length > header.length) {
            throw csvError(
              row.line,
              `expected ${header.length} columns (${expected}) but found ${row.fields.length}. Check for a missing or extra comma; quote a field that contains a comma.`,
            );
          }
          values.push(toValue(row));
        }
      },
    );
  } catch (err) {
    if (err instanceof CsvError) throw describeParseError(err, quotes);
    throw err;
  }
  if (!headerSeen)
    throw new AppError('CSV_INVALID', `no rows: the file is empty. Its first line must be the header "${expected}", then one row per line.`);
  if (values.length === 0) throw new AppError('CSV_INVALID', `no rows: the file has only the header line. Add one row per line below "${expected}".`);
  return values;
}

function checkHeader(first: CsvRow, header: readonly string[]): void {
  const expected = header.join(',');
  if (first.fields.map((f) => f.toLowerCase()).join(',') !== expected) {
    // Spreadsheets set to many European locales save "CSV" with semicolons.
    const semicolons =
      first.fields.length === 1 && first.fields[0]!.includes(';') ? ' The file uses semicolons: save it with commas as separators.' : '';
    throw csvError(
      first.line,
      `the header must be "${expected}" but is "${glimpse(first.fields.join(','), 80)}". Fix the first line of the file.${semicolons}`,
    );
  }
}
