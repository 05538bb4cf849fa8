// One coding's marks laid on the segment grid: which segment each mark falls in, and per segment and code
// how often it was marked and how clearly. Held in flat typed arrays: an export tallies thousands of codings.

import { segmentGrid, segmentIndexAt, type GridRule, type Segment } from '../coding/segments.ts';
import { AppError } from '../errors.ts';
import type { Scheme } from '../scheme/index.ts';
import type { ExportCoding, ExportMark } from './read.ts';

/** A segment × code cell: 0 not marked, 1 only check-minus marks, 2 at least one check. */
export type Level = 0 | 1 | 2;

export interface CodingTally {
  grid: Segment[];
  /** Segment index of each mark, in the order of the marks tallied. */
  segmentOfMark: Int32Array;
  /** levels[segment * codes + code]. */
  levels: Uint8Array;
  /** counts[segment * codes + code]. */
  counts: Uint32Array;
}

/** The index of each code in scheme order. */
export function codeIndex(scheme: Scheme): Map<string, number> {
  return new Map(scheme.codes.map((c, i) => [c.id, i]));
}

/** The coding's marks (in time order) on its grid. */
export function tallyCoding(coding: ExportCoding, marks: readonly ExportMark[], codes: Map<string, number>, rule: GridRule): CodingTally {
  const { durationMs } = coding.recording;
  const grid = segmentGrid(durationMs, rule);
  const width = codes.size;
  const levels = new Uint8Array(grid.length * width);
  const counts = new Uint32Array(grid.length * width);
  const segmentOfMark = new Int32Array(marks.length);
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i]!;
    const c = codes.get(mark.code);
    if (c === undefined) {
      throw new AppError(
        'STUDY_CORRUPT',
        `A mark of ${coding.recording.code}/${coding.coder.code} has code "${mark.code}", which the study's scheme does not know. Restore the study from a backup.`,
      );
    }
    const segment = segmentIndexAt(mark.timeMs, rule, durationMs);
    segmentOfMark[i] = segment;
    const cell = segment * width + c;
    counts[cell]!++;
    const level = mark.clarity === 'check' ? 2 : 1;
    if (level > levels[cell]!) levels[cell] = level;
  }
  return { grid, segmentOfMark, levels, counts };
}
