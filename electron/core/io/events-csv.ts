// Marks from a CSV file with the header `time,code,clarity,note`.

import type { NewMark } from '../coding/index.ts';
import { checkClarity, checkCode } from '../coding/validation.ts';
import type { Scheme } from '../scheme/index.ts';
import { atLine, csvError, glimpse, readCsvTable } from './csv-table.ts';
import type { TextInput } from './read-text-file.ts';
import { formatClock, parseTimeMs } from './time-format.ts';

export const EVENTS_CSV_HEADER = ['time', 'code', 'clarity', 'note'] as const;

export interface EventsCsvContext {
  scheme: Scheme;
  /** When given, a time after the end of the recording is refused with its line. */
  durationMs?: number;
}

/** Every row is checked before anything is returned, so a caller imports all rows or none. */
export function parseEventsCsv(input: TextInput, { scheme, durationMs }: EventsCsvContext): Promise<NewMark[]> {
  // The note may be left out entirely, not only left empty.
  return readCsvTable(input, EVENTS_CSV_HEADER, 3, ({ line, fields }) => {
    const [time = '', code = '', clarity = '', note = ''] = fields;
    // Valid times, codes and clarities are short: a long field is cut before a message can quote it.
    const timeMs = atLine(line, () => parseTimeMs(glimpse(time)));
    if (durationMs !== undefined && timeMs > durationMs) {
      throw csvError(line, `time ${time} is after the end of the recording (${formatClock(durationMs)}). Use a time within the recording.`);
    }
    const mark: NewMark = {
      code: atLine(line, () => checkCode(scheme, glimpse(code).toUpperCase())).id,
      clarity: atLine(line, () => checkClarity(glimpse(clarity).toLowerCase())),
      timeMs,
    };
    return note === '' ? mark : { ...mark, note };
  });
}
