// segments-wide: the segments table turned wide, for R, SPSS and model training: one row per recording ×
// segment, one column per coder × code holding that coder's level for the code in the segment.

import type { Scheme } from '../scheme/index.ts';
import { segmentCount, talliedCodings, type CodingTables, type TalliedCoding } from './coding-tables.ts';
import { col, seconds, type Cell, type Column, type Table } from './table.ts';
import type { CodingTally } from './tally.ts';

/** The exported codings a recording at a time (they come grouped, in export order), each with its coders' tallies. */
function* byRecording(codings: Iterable<TalliedCoding>): Generator<{ code: string; tallies: Map<string, CodingTally> }> {
  let group: { code: string; tallies: Map<string, CodingTally> } | undefined;
  for (const { coding, tally } of codings) {
    if (group?.code !== coding.recording.code) {
      if (group) yield group;
      group = { code: coding.recording.code, tallies: new Map() };
    }
    group.tallies.set(coding.coder.code, tally);
  }
  if (group) yield group;
}

function columns(scheme: Scheme, coders: string[]): Column[] {
  return [
    col('recording', 'string', "The recording's code in the study. Its file name and location are not exported.", 'a recording code, e.g. D01-S01'),
    col('segment', 'integer', 'The segment number, counting from 1 at the start of the recording.', '1 or more'),
    col('segment_start_s', 'number', 'Start of the segment, in seconds from the start of the recording.', '0 or more'),
    col(
      'segment_end_s',
      'number',
      'End of the segment, in seconds (as in the segments file).',
      'more than segment_start_s, or equal for an empty recording',
    ),
    ...coders.flatMap((coder) =>
      scheme.codes.map((c) =>
        col(
          `${coder}_${c.id}`,
          'integer',
          `How coder ${coder} marked ${c.id} (${c.name}) in the segment: its clearest mark, as in the segments file; empty when ${coder} has no exported coding of the recording.`,
          '0 not marked, 1 only check-minus marks, 2 at least one check mark, or empty',
        ),
      ),
    ),
  ];
}

export function segmentsWideTable(context: CodingTables): Table {
  const { extract, scheme } = context;
  const width = scheme.codes.length;
  const coders = extract.coders.filter((c) => extract.codings.some((k) => k.coder.id === c.id)).map((c) => c.code);
  function* rows(): Generator<Cell[]> {
    for (const { code, tallies } of byRecording(talliedCodings(context))) {
      // Every coding of a recording lies on the same grid.
      const grid = tallies.values().next().value!.grid;
      for (const segment of grid) {
        const row: Cell[] = [code, segment.index + 1, seconds(segment.startMs), seconds(segment.endMs)];
        for (const coder of coders) {
          const tally = tallies.get(coder);
          for (let c = 0; c < width; c++) row.push(tally ? tally.levels[segment.index * width + c]! : null);
        }
        yield row;
      }
    }
  }
  const recordings = new Map(extract.codings.map((k) => [k.recording.id, k.recording]));
  return {
    name: 'segments-wide',
    columns: columns(scheme, coders),
    rowCount: [...recordings.values()].reduce((n, r) => n + segmentCount(extract, r.durationMs), 0),
    rows,
  };
}
