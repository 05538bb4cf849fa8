// `events import` and `ratings import`: a CSV file into one coding, all rows or none. The file is a regular
// file of at most 50 MB, read as a stream; see core/io.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { importMarks, importRatings } from '../../core/coding/index.ts';
import { AppError } from '../../core/errors.ts';
import { parseEventsCsv } from '../../core/io/events-csv.ts';
import { parseRatingsCsv } from '../../core/io/ratings-csv.ts';
import { checkEncoding, openTextFile, type TextInput } from '../../core/io/read-text-file.ts';
import { MAX_INPUT_BYTES } from '../../core/io/regular-file.ts';
import { getRecording } from '../../core/recordings/registry.ts';
import { getScheme, type Scheme } from '../../core/scheme/index.ts';
import { getSettings } from '../../core/store/settings.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, type Command, type CommandArgs, type OptionSpec } from '../command.ts';
import { print, printable } from '../output.ts';
import { withStudy } from '../study-session.ts';

const CODING_OPTIONS: Record<string, OptionSpec> = {
  recording: { type: 'string', value: 'CODE', help: 'the recording, e.g. D01-S01' },
  coder: { type: 'string', value: 'CODE', help: 'the coder, e.g. C01 (also recorded as who made the change)' },
  encoding: { type: 'string', value: 'NAME', help: "the CSV file's text encoding: utf-8 (default), latin1 or windows-1252" },
  ...PASSPHRASE_ENV_OPTION,
};

const LIMIT = `${MAX_INPUT_BYTES / (1024 * 1024)} MB`;

interface ImportTarget {
  db: Database;
  scheme: Scheme;
  recording: string;
  coder: string;
}

/**
 * Checks the CSV file (a regular file, at most the size limit) before asking for the passphrase, then reads,
 * checks and imports it as a stream inside one open study: all rows or none.
 */
async function importCsv(args: CommandArgs, what: string, load: (input: TextInput, target: ImportTarget) => Promise<number>): Promise<number> {
  const [file, csvPath] = args.positionals as [string, string];
  const recording = requiredOption(args, 'recording');
  const coder = requiredOption(args, 'coder');
  const encoding = checkEncoding(stringOption(args, 'encoding') ?? 'utf-8');
  const input = openTextFile(csvPath, 'CSV file', encoding);
  try {
    return await withStudy(file, stringOption(args, 'passphrase-env'), async (study) => {
      const scheme = getScheme(getSettings(study.db).schemeId);
      let count: number;
      try {
        count = await load(input, { db: study.db, scheme, recording, coder });
      } catch (err) {
        if (err instanceof AppError && err.code === 'CSV_INVALID') {
          const latin1 = err.details?.['problem'] === 'not-utf-8' ? ' To read it as Latin-1, add --encoding latin1 (or windows-1252).' : '';
          throw new AppError('CSV_INVALID', `${input.path}, ${err.message}${latin1} Nothing was imported; fix the file and run the command again.`);
        }
        throw err;
      }
      print(`Imported ${count} ${count === 1 ? what.slice(0, -1) : what} from ${printable(input.path)} into ${recording} / ${coder}.`);
      return 0;
    });
  } finally {
    input.close();
  }
}

interface CsvImport {
  name: string;
  summary: string;
  /** What the rows are, in the report, in the plural that only adds an s: "marks". */
  what: string;
  /** Parses the CSV and imports it into the coding; answers how many were imported. */
  load(input: TextInput, target: ImportTarget): Promise<number>;
}

/** An import command: a study file, a CSV and the coding it goes into, the same for every kind of row. */
function csvImport({ name, summary, what, load }: CsvImport): Command {
  return {
    name,
    positionals: ['FILE', 'CSV'],
    options: CODING_OPTIONS,
    required: ['recording', 'coder'],
    summary,
    run: (args) => importCsv(args, what, load),
  };
}

const events = csvImport({
  name: 'events import',
  summary: `import marks from a CSV file (UTF-8, up to ${LIMIT}) with the header time,code,clarity,note (all rows or none)`,
  what: 'marks',
  load: async (input, { db, scheme, recording, coder }) => {
    const marks = await parseEventsCsv(input, { scheme, durationMs: getRecording(db, recording).durationMs });
    return importMarks(db, recording, coder, marks, coder).length;
  },
});

const ratings = csvImport({
  name: 'ratings import',
  summary: `import global ratings from a CSV file (UTF-8, up to ${LIMIT}) with the header item,value (all rows or none)`,
  what: 'ratings',
  load: async (input, { db, scheme, recording, coder }) => {
    const rows = await parseRatingsCsv(input, scheme);
    importRatings(db, recording, coder, rows, coder);
    return rows.length;
  },
});

export const importCommands: Command[] = [events, ratings];
