// segments-wide: the segments table turned wide, for R, SPSS and model training: one row per recording ×
// segment, one column per coder × code holding that coder's level for the code in the segment.

import type { Scheme } from '../scheme/index.ts';
import type { CodingTables } from './coding-tables.ts';
import { col, seconds, type Cell, type Column, type Table } from './table.ts';
import type { CodingTally } from './tally.ts';

/** The exported codings grouped by recording, in export order, each with its coders' tallies. */
function byRecording({ extract, tallies }: CodingTables): { code: string; tallies: Map<string, CodingTally> }[] {
  const groups: { code: string; tallies: Map<string, CodingTally> }[] = [];
  extract.codings.forEach((coding, k) => {
    const last = groups[groups.length - 1];
    const group = last?.code === coding.recording.code ? last : groups[groups.push({ code: coding.recording.code, tallies: new Map() }) - 1]!;
    group.tallies.set(coding.coder.code, tallies[k]!);
  });
  return groups;
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
  const recordings = byRecording(context);
  function* rows(): Generator<Cell[]> {
    for (const { code, tallies } of recordings) {
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
  return {
    name: 'segments-wide',
    columns: columns(scheme, coders),
    rowCount: recordings.reduce((n, r) => n + r.tallies.values().next().value!.grid.length, 0),
    rows,
  };
}
