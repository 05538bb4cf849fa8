// The tables built from the codings: events (one row per mark), segments (one row per segment of each
// coding), sessions (one row per coding) and, only when notes are asked for, segment notes. Each reads the
// codings one at a time as its rows are asked for (talliedCodings), so no table holds the study.

import { segmentGrid } from '../coding/segments.ts';
import type { CheckMinus } from '../reliability/index.ts';
import { isRuptureCategory, type Category, type Scheme } from '../scheme/index.ts';
import type { CodingReader, ExportCoding, ExportMark, StudyExtract } from './read.ts';
import { col, seconds, type Cell, type Column, type Table } from './table.ts';
import { codeIndex, tallyCoding, type CodingTally } from './tally.ts';

export interface CodingTables {
  extract: StudyExtract;
  scheme: Scheme;
  /** Reads each coding's marks, ratings and notes when a table comes to it. */
  reader: CodingReader;
  includeNotes: boolean;
  checkMinus: CheckMinus;
}

/** A coding with its marks, read and laid on its segment grid. */
export interface TalliedCoding {
  coding: ExportCoding;
  marks: ExportMark[];
  tally: CodingTally;
}

/** The exported codings in export order, each read and tallied only when its turn comes, and dropped after. */
export function* talliedCodings({ extract, scheme, reader }: Pick<CodingTables, 'extract' | 'scheme' | 'reader'>): Generator<TalliedCoding> {
  const codes = codeIndex(scheme);
  for (const coding of extract.codings) {
    const marks = reader.marks(coding);
    yield { coding, marks, tally: tallyCoding(coding, marks, codes, extract) };
  }
}

/** How many segments a recording has on the study's grid. */
export const segmentCount = (extract: StudyExtract, durationMs: number): number => segmentGrid(durationMs, extract).length;

const RECORDING = col(
  'recording',
  'string',
  "The recording's code in the study. Its file name and location are not exported.",
  'a recording code, e.g. D01-S01',
);
const CODER = col('coder', 'string', "The coder's code. Coder names are not exported.", 'a coder code, e.g. C01');
const SEGMENT = col('segment', 'integer', 'The segment number, counting from 1 at the start of the recording.', '1 or more');
const SEGMENT_START = col('segment_start_s', 'number', 'Start of the segment, in seconds from the start of the recording.', '0 or more');
// Notes are exported as typed, not altered: a spreadsheet may read one that starts with =, +, - or @ as a
// formula, which the dictionary says rather than changing the analysts' data.
const NOTE_TEXT =
  'free text, exactly as typed (a spreadsheet may take a note starting with =, +, - or @ for a formula: open the file as text); may be empty';

function codeList(scheme: Scheme): string {
  return scheme.codes.map((c) => c.id).join(', ');
}

const categoryList = (scheme: Scheme) => scheme.categories.map((c) => c.id).join(', ');

export function eventsTable(context: CodingTables): Table {
  const { extract, scheme, includeNotes } = context;
  const columns: Column[] = [
    RECORDING,
    CODER,
    SEGMENT,
    SEGMENT_START,
    col('time_s', 'number', 'When the mark was placed, in seconds from the start of the recording (to the millisecond).', '0 or more'),
    col('code', 'string', 'The marker or resolution strategy that was marked.', codeList(scheme)),
    col('category', 'string', "The code's category.", categoryList(scheme)),
    col('clarity', 'string', 'check: the marker clearly meets its criteria; check-minus: it is present but unclear.', 'check, check-minus'),
    ...(includeNotes ? [col('note', 'string', "The coder's note on the mark (exported only on request).", NOTE_TEXT)] : []),
  ];
  const categoryOf = new Map(scheme.codes.map((c) => [c.id, c.category]));
  function* rows(): Generator<Cell[]> {
    for (const { coding, marks, tally } of talliedCodings(context)) {
      const { grid, segmentOfMark } = tally;
      for (let i = 0; i < marks.length; i++) {
        const mark = marks[i]!;
        const segment = grid[segmentOfMark[i]!]!;
        const row: Cell[] = [
          coding.recording.code,
          coding.coder.code,
          segment.index + 1,
          seconds(segment.startMs),
          seconds(mark.timeMs),
          mark.code,
          categoryOf.get(mark.code)!,
          mark.clarity,
        ];
        if (includeNotes) row.push(mark.note);
        yield row;
      }
    }
  }
  return { name: 'events', columns, rowCount: extract.codings.reduce((n, coding) => n + coding.markCount, 0), rows };
}

export function segmentsTable(context: CodingTables): Table {
  const { extract, scheme } = context;
  const width = scheme.codes.length;
  const columns: Column[] = [
    RECORDING,
    CODER,
    SEGMENT,
    SEGMENT_START,
    col(
      'segment_end_s',
      'number',
      'End of the segment, in seconds. The last segment of a recording may be shorter than the others, or longer: a final part shorter than the study’s minimum (minFinalSeconds in manifest.json) joins the segment before it.',
      'more than segment_start_s, or equal for an empty recording',
    ),
    ...scheme.codes.map((c) =>
      col(
        c.id,
        'integer',
        `How ${c.id} (${c.name}) was marked in the segment: its clearest mark.`,
        '0 not marked, 1 only check-minus marks, 2 at least one check mark',
      ),
    ),
    ...scheme.codes.map((c) => col(`count_${c.id}`, 'integer', `How many times ${c.id} was marked in the segment.`, '0 or more')),
  ];
  function* rows(): Generator<Cell[]> {
    for (const { coding, tally } of talliedCodings(context)) {
      const { grid, levels, counts } = tally;
      for (const segment of grid) {
        const offset = segment.index * width;
        const row: Cell[] = [coding.recording.code, coding.coder.code, segment.index + 1, seconds(segment.startMs), seconds(segment.endMs)];
        for (let c = 0; c < width; c++) row.push(levels[offset + c]!);
        for (let c = 0; c < width; c++) row.push(counts[offset + c]!);
        yield row;
      }
    }
  }
  return {
    name: 'segments',
    columns,
    rowCount: extract.codings.reduce((n, coding) => n + segmentCount(extract, coding.recording.durationMs), 0),
    rows,
  };
}

/** For each code (scheme order): its category's position among the scheme's categories. */
function categoryPositions(scheme: Scheme): number[] {
  const position = new Map<Category, number>(scheme.categories.map((c, i) => [c.id, i]));
  return scheme.codes.map((c) => position.get(c.category)!);
}

function sessionColumns(scheme: Scheme, checkMinus: CheckMinus): Column[] {
  const counted = checkMinus === 'present' ? 'a mark' : 'a check mark (check-minus marks do not count in this export)';
  const marks = checkMinus === 'present' ? 'marked' : 'marked with a check (check-minus marks do not count in this export)';
  return [
    RECORDING,
    col(
      'dyad',
      'string',
      'The dyad’s code: as given when the recording was added, else read from a recording code of the form D01-S01; empty when neither.',
      'a dyad code, e.g. D01, or empty',
    ),
    col(
      'session',
      'integer',
      'The session number: as given when the recording was added, else read from a recording code of the form D01-S01; empty when neither.',
      '0 or more, or empty',
    ),
    CODER,
    col(
      'status',
      'string',
      'Whether the coder had signed the coding off as complete when the export was made. The reliability file compares complete codings only, unless the export was asked to include unfinished ones (see manifest.json).',
      'in-progress, complete',
    ),
    col(
      'consensus',
      'integer',
      'Whether the coding is a consensus coding (a lead’s, started from another coder’s coding), which is never compared in the reliability file.',
      '0 an independent coding, 1 a consensus coding',
    ),
    col('duration_s', 'number', 'Length of the recording, in seconds.', '0 or more'),
    col('segments', 'integer', 'Number of segments in the recording.', '1 or more'),
    // Per code, the segments it was marked in (the 3RS unit) beside how often: the same check-minus rule for both.
    ...scheme.codes.flatMap((c) => [
      col(`count_${c.id}`, 'integer', `How many times ${c.id} (${c.name}) was ${marks} in the session.`, '0 or more'),
      col(
        `segments_${c.id}`,
        'integer',
        `Segments in which ${c.id} (${c.name}) was ${marks} at least once (the unit 3RS codes in).`,
        '0 to segments',
      ),
    ]),
    ...scheme.categories.map((c) =>
      col(
        `count_${c.id}`,
        'integer',
        `How many ${c.id} marks (any of its codes) the session has${checkMinus === 'present' ? '' : ' (check marks only)'}.`,
        '0 or more',
      ),
    ),
    ...scheme.categories.map((c) => col(`segments_${c.id}`, 'integer', `Segments with ${counted} of any ${c.id} code.`, '0 to segments')),
    col('segments_rupture', 'integer', `Segments with ${counted} of any withdrawal or confrontation code.`, '0 to segments'),
    col(
      'rupture_share',
      'number',
      'A share of segments: segments_rupture divided by segments, the share of the session’s segments with a rupture marker (not a share of time or of marks).',
      '0 to 1',
    ),
    ...scheme.ratingItems.map((item) =>
      col(
        `rating_${item.id}`,
        'integer',
        `Global rating: ${item.label}${item.code ? ' (significance of the marker type)' : ''}.`,
        '1 to 5, or empty when not rated',
      ),
    ),
  ];
}

export function sessionsTable(context: CodingTables): Table {
  const { extract, scheme, reader, checkMinus } = context;
  const width = scheme.codes.length;
  const categories = scheme.categories.length;
  const categoryOfCode = categoryPositions(scheme);
  const ruptureMask = scheme.categories.reduce((mask, c, i) => (isRuptureCategory(c.id) ? mask | (1 << i) : mask), 0);
  const presentLevel = checkMinus === 'present' ? 1 : 2;
  const codes = codeIndex(scheme);
  const row = ({ coding, marks, tally: { grid, levels, counts } }: TalliedCoding): Cell[] => {
    const codeCounts = new Array<number>(width).fill(0);
    const codeSegments = new Array<number>(width).fill(0);
    const categoryCounts = new Array<number>(categories).fill(0);
    const categorySegments = new Array<number>(categories).fill(0);
    let ruptureSegments = 0;
    if (checkMinus === 'present') {
      for (let cell = 0; cell < counts.length; cell++) codeCounts[cell % width]! += counts[cell]!;
    } else {
      // The tally counts every mark: under 'absent' the check marks are counted here, as the segments are.
      for (const mark of marks) if (mark.clarity === 'check') codeCounts[codes.get(mark.code)!]!++;
    }
    for (let c = 0; c < width; c++) categoryCounts[categoryOfCode[c]!]! += codeCounts[c]!;
    for (let s = 0; s < grid.length; s++) {
      // The categories present in this segment, one bit each.
      let present = 0;
      for (let c = 0; c < width; c++) {
        if (levels[s * width + c]! < presentLevel) continue;
        codeSegments[c]!++;
        present |= 1 << categoryOfCode[c]!;
      }
      for (let i = 0; i < categories; i++) if (present & (1 << i)) categorySegments[i]!++;
      if (present & ruptureMask) ruptureSegments++;
    }
    const ratings = reader.ratings(coding);
    return [
      coding.recording.code,
      coding.recording.dyad,
      coding.recording.session,
      coding.coder.code,
      coding.status,
      coding.coder.consensus ? 1 : 0,
      seconds(coding.recording.durationMs),
      grid.length,
      ...codeCounts.flatMap((count, c) => [count, codeSegments[c]!]),
      ...categoryCounts,
      ...categorySegments,
      ruptureSegments,
      ruptureSegments / grid.length,
      ...scheme.ratingItems.map((item) => ratings.get(item.id) ?? null),
    ];
  };
  function* rows(): Generator<Cell[]> {
    for (const tallied of talliedCodings(context)) yield row(tallied);
  }
  return { name: 'sessions', columns: sessionColumns(scheme, checkMinus), rowCount: extract.codings.length, rows };
}

export function segmentNotesTable({ extract, reader }: CodingTables): Table {
  const columns = [
    RECORDING,
    CODER,
    SEGMENT,
    SEGMENT_START,
    col('note', 'string', "The coder's note on the segment (exported only on request).", NOTE_TEXT),
  ];
  const segmentMs = extract.segmentSeconds * 1000;
  function* rows(): Generator<Cell[]> {
    for (const coding of extract.codings) {
      for (const { index, note } of reader.notes(coding))
        yield [coding.recording.code, coding.coder.code, index + 1, seconds(index * segmentMs), note];
    }
  }
  return { name: 'segment-notes', columns, rowCount: extract.codings.reduce((n, coding) => n + coding.noteCount, 0), rows };
}
