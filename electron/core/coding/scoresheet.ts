// The scoresheet of one coding: per segment, how often each code was marked and how clearly, plus
// the global ratings, notes and the consistency warnings.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Clarity } from '../scheme/index.ts';
import { getSettings } from '../store/settings.ts';
import { resolveCoding, studyScheme } from './coding-ref.ts';
import type { Mark } from './events-store.ts';
import { listMarks } from './marks.ts';
import { earlyRatings } from './early-ratings.ts';
import { getSegmentNotes, watchedSegments } from './notes.ts';
import { getRatings } from './ratings.ts';
import { segmentGrid, segmentIndexAt, type GridRule, type Segment } from './segments.ts';
import { codingStateOf, type CodingState } from './status.ts';
import { sessionWarnings, type Warning } from './warnings.ts';

export interface ScoresheetCell {
  count: number;
  clarity: Clarity;
}

export interface ScoresheetSegment extends Segment {
  /** Only codes marked in the segment appear. */
  marks: Record<string, ScoresheetCell>;
}

export interface Scoresheet {
  recording: string;
  coder: string;
  segmentSeconds: number;
  /** A final part shorter than this joined the previous segment (0: never). */
  minFinalSeconds: number;
  durationMs: number;
  state: CodingState;
  segments: ScoresheetSegment[];
  ratings: Record<string, number>;
  notes: Record<number, string>;
  warnings: Warning[];
}

/** Counts per segment and code; a single 'check' makes the cell 'check'. */
function tally(grid: Segment[], marks: Mark[], rule: GridRule, durationMs: number): ScoresheetSegment[] {
  const segments: ScoresheetSegment[] = grid.map((s) => ({ ...s, marks: {} }));
  for (const mark of marks) {
    const cells = segments[segmentIndexAt(mark.timeMs, rule, durationMs)]!.marks;
    const cell = cells[mark.code];
    cells[mark.code] = {
      count: (cell?.count ?? 0) + 1,
      clarity: cell?.clarity === 'check' || mark.clarity === 'check' ? 'check' : 'check-minus',
    };
  }
  return segments;
}

/** What a scoresheet is built from that a coding's view shows as well: read once, the view shares it. */
export interface CodingReads {
  marks: Mark[];
  watched: number[];
  early: string[];
}

export function readCoding(db: Database, recording: string, coder: string): CodingReads {
  return { marks: listMarks(db, recording, coder), watched: watchedSegments(db, recording, coder), early: earlyRatings(db, recording, coder) };
}

export function buildScoresheet(db: Database, recording: string, coder: string, reads: CodingReads = readCoding(db, recording, coder)): Scoresheet {
  const ref = resolveCoding(db, recording, coder);
  const { segmentSeconds, minFinalSeconds } = getSettings(db);
  const rule = { segmentSeconds, minFinalSeconds };
  const durationMs = ref.recording.durationMs;
  const grid = segmentGrid(durationMs, rule);
  const { marks, watched, early } = reads;
  const ratings = getRatings(db, recording, coder);
  return {
    recording: ref.recording.code,
    coder: ref.coder.code,
    segmentSeconds,
    minFinalSeconds,
    durationMs,
    state: codingStateOf(db, ref),
    segments: tally(grid, marks, rule, durationMs),
    ratings,
    notes: getSegmentNotes(db, recording, coder),
    warnings: sessionWarnings({ scheme: studyScheme(db), segments: grid, marks, ratings, watched, early }),
  };
}
