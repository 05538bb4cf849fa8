// `events import` and `ratings import`: a CSV file into one coding, all rows or none.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { importMarks, importRatings } from '../../core/coding/index.ts';
import { AppError } from '../../core/errors.ts';
import { parseEventsCsv } from '../../core/io/events-csv.ts';
import { parseRatingsCsv } from '../../core/io/ratings-csv.ts';
import { readTextFile } from '../../core/io/read-text-file.ts';
import { getRecording } from '../../core/recordings/registry.ts';
import { getScheme, type Scheme } from '../../core/scheme/index.ts';
import { getSettings } from '../../core/store/settings.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, type Command, type CommandArgs, type OptionSpec } from '../command.ts';
import { print } from '../output.ts';
import { withStudy } from '../study-session.ts';

const CODING_OPTIONS: Record<string, OptionSpec> = {
  recording: { type: 'string', value: 'CODE', help: 'the recording, e.g. D01-S01' },
  coder: { type: 'string', value: 'CODE', help: 'the coder, e.g. C01 (also recorded as who made the change)' },
  ...PASSPHRASE_ENV_OPTION,
};

interface ImportTarget {
  db: Database;
  scheme: Scheme;
  recording: string;
  coder: string;
}

/** Reads the CSV before asking for the passphrase, then parses and imports inside one open study. */
async function importCsv(args: CommandArgs, what: string, load: (text: string, target: ImportTarget) => number): Promise<number> {
  const [file, csvPath] = args.positionals as [string, string];
  const recording = requiredOption(args, 'recording');
  const coder = requiredOption(args, 'coder');
  const text = readTextFile(csvPath, 'CSV file');
  return withStudy(file, stringOption(args, 'passphrase-env'), (study) => {
    const scheme = getScheme(getSettings(study.db).schemeId);
    let count: number;
    try {
      count = load(text, { db: study.db, scheme, recording, coder });
    } catch (err) {
      if (err instanceof AppError && err.code === 'CSV_INVALID') {
        throw new AppError('CSV_INVALID', `${csvPath}, ${err.message} Nothing was imported; fix the file and run the command again.`);
      }
      throw err;
    }
    print(`Imported ${count} ${count === 1 ? what.slice(0, -1) : what} from ${csvPath} into ${recording} / ${coder}.`);
    return 0;
  });
}

interface CsvImport {
  name: string;
  summary: string;
  /** What the rows are, in the report, in the plural that only adds an s: "marks". */
  what: string;
  /** Parses the CSV and imports it into the coding; answers how many were imported. */
  load(text: string, target: ImportTarget): number;
}

/** An import command: a study file, a CSV and the coding it goes into, the same for every kind of row. */
function csvImport({ name, summary, what, load }: CsvImport): Command {
  return { name, positionals: ['FILE', 'CSV'], options: CODING_OPTIONS, required: ['recording', 'coder'], summary, run: (args) => importCsv(args, what, load) };
}

const events = csvImport({
  name: 'events import',
  summary: 'import marks from a CSV file with the header time,code,clarity,note (all rows or none)',
  what: 'marks',
  load: (text, { db, scheme, recording, coder }) => {
    const marks = parseEventsCsv(text, { scheme, durationMs: getRecording(db, recording).durationMs });
    return importMarks(db, recording, coder, marks, coder).length;
  },
});

const ratings = csvImport({
  name: 'ratings import',
  summary: 'import global ratings from a CSV file with the header item,value (all rows or none)',
  what: 'ratings',
  load: (text, { db, scheme, recording, coder }) => {
    const rows = parseRatingsCsv(text, scheme);
    importRatings(db, recording, coder, rows, coder);
    return rows.length;
  },
});

export const importCommands: Command[] = [events, ratings];
