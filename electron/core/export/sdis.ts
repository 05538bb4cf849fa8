// sequences.sds: the codings as timed-event sequential data in SDIS, the Sequential Data Interchange
// Standard that GSEQ reads (Bakeman & Quera, "Sequential Analysis and Observational Methods for the
// Behavioral Sciences", 2011). One session per coding, labelled <RECORDING CODER>, from its start time to its
// end time: each mark is a momentary event (its code and onset), and the start of every segment is the
// declared code SEG, so GSEQ can window by segment. Times are h:mm:ss.fff, to the millisecond. A check-minus
// mark is written as its code unless the export counts check-minus marks as absent, when it is left out.
//
//   Timed W1 W2 … R10 SEG ;
//   <D01-S01 C01> ,0:00:00.000 SEG,0:00:00.000 W1,0:01:05.000 SEG,0:05:00.000 ,0:06:12.500/

import { talliedCodings, type CodingTables, type TalliedCoding } from './coding-tables.ts';
import { col, type Column } from './table.ts';

export const SDIS_NAME = 'sequences.sds';
export const SEGMENT_CODE = 'SEG';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Milliseconds as h:mm:ss.fff. */
export function sdisTime(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${h}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms % 1000, 3)}`;
}

/**
 * One session: events in time order (the marks are, and so are the segments), a segment start before marks
 * at the same time, each code once per instant. Merged rather than sorted: an export writes thousands.
 */
function session({ coding, marks, tally: { grid } }: TalliedCoding, checkMinus: CodingTables['checkMinus']): string {
  const skipUnclear = checkMinus === 'absent';
  const parts = [`<${coding.recording.code} ${coding.coder.code}> ,${sdisTime(0)}`];
  let segment = 0;
  let lastAt = -1;
  // The codes already written at the instant codesAt.
  let codesAt = -1;
  const codesNow = new Set<string>();
  const segmentsUpTo = (ms: number) => {
    for (; segment < grid.length && grid[segment]!.startMs <= ms; segment++) {
      lastAt = grid[segment]!.startMs;
      parts.push(`${SEGMENT_CODE},${sdisTime(lastAt)}`);
    }
  };
  for (const mark of marks) {
    if (skipUnclear && mark.clarity === 'check-minus') continue;
    segmentsUpTo(mark.timeMs);
    if (mark.timeMs !== codesAt) {
      codesNow.clear();
      codesAt = mark.timeMs;
    }
    // A second mark of a code at the same instant is the same event to GSEQ.
    if (codesNow.has(mark.code)) continue;
    codesNow.add(mark.code);
    lastAt = mark.timeMs;
    parts.push(`${mark.code},${sdisTime(mark.timeMs)}`);
  }
  segmentsUpTo(Number.POSITIVE_INFINITY);
  // An event lasts one time unit (1 ms) and must end by the session's end.
  const end = Math.max(coding.recording.durationMs, lastAt + 1);
  parts.push(`,${sdisTime(end)}/\n`);
  return parts.join(' ');
}

/** The file as chunks, a session (one coding) at a time. */
export function* sdisFile(context: CodingTables): Generator<Buffer> {
  const codes = [...context.scheme.codes.map((c) => c.id), SEGMENT_CODE];
  yield Buffer.from(`Timed ${codes.join(' ')} ;\n`, 'utf8');
  for (const tallied of talliedCodings(context)) yield Buffer.from(session(tallied, context.checkMinus), 'utf8');
}

/** What the data dictionary says of the file: its session labels and each code it declares. */
export function sdisColumns(context: CodingTables): Column[] {
  const counted = context.checkMinus === 'present' ? 'a mark (check or check-minus)' : 'a check mark (check-minus marks are left out in this export)';
  return [
    col(
      '<session label>',
      'string',
      'One SDIS timed-event session per coding, labelled with its recording and coder codes; it starts at time zero and ends at the end of the recording. Read it with GSEQ (Bakeman & Quera).',
      '<RECORDING CODER>, e.g. <D01-S01 C01>',
    ),
    ...context.scheme.codes.map((c) =>
      col(c.id, 'string', `${c.name}: ${counted} of ${c.id}, a momentary event at the mark's time.`, 'CODE,h:mm:ss.fff'),
    ),
    col(
      SEGMENT_CODE,
      'string',
      'The start of a segment (3RS codes segment by segment): a momentary event at each segment start, the first at time zero.',
      'SEG,h:mm:ss.fff',
    ),
  ];
}
