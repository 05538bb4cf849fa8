// Two codings of one recording laid cell by cell (segment × code) side by side: what each coder marked in
// the cell, when, and whether they agree that the code is present there.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getCodingState, listMarks, segmentContaining, segmentGrid, type Segment } from '../coding/index.ts';
import { resolveCoding, studyScheme } from '../coding/coding-ref.ts';
import { AppError } from '../errors.ts';
import { checkMinusSetting, type CheckMinus } from '../reliability/selection.ts';
import type { Category, Scheme } from '../scheme/index.ts';
import { getSettings } from '../store/settings.ts';

/** A cell's clearest mark: a single check makes it 'check', as on the scoresheet. */
export type CellMark = 'none' | 'check-minus' | 'check';

export interface Cell {
  mark: CellMark;
  /** Times of the marks in the cell, in order, so a coder can jump to them. */
  timesMs: number[];
}

const empty = (): Cell => ({ mark: 'none', timesMs: [] });

export interface CellPair {
  segment: Segment;
  code: string;
  category: Category;
  first: Cell;
  second: Cell;
  /** Both codings have the code present in the segment, or both absent, under the check-minus setting. */
  agree: boolean;
}

export interface PairedCodings {
  recording: string;
  coders: [string, string];
  segmentSeconds: number;
  checkMinus: CheckMinus;
  scheme: Scheme;
  segments: Segment[];
  /** Segment by segment, codes in scheme order within each. */
  pairs: CellPair[];
}

export const isPresent = (mark: CellMark, checkMinus: CheckMinus): boolean =>
  mark === 'check' || (mark === 'check-minus' && checkMinus === 'present');

/** cells[segment].get(code) for the codes marked in that segment. */
function codingCells(db: Database, recording: string, coder: string, segments: readonly Segment[]): Map<string, Cell>[] {
  const cells = segments.map(() => new Map<string, Cell>());
  for (const mark of listMarks(db, recording, coder)) {
    const inSegment = cells[segmentContaining(segments, mark.timeMs)]!;
    const cell = inSegment.get(mark.code) ?? empty();
    cell.timesMs.push(mark.timeMs);
    if (mark.clarity === 'check' || cell.mark === 'none') cell.mark = mark.clarity;
    inSegment.set(mark.code, cell);
  }
  return cells;
}

/**
 * A coding must exist to be compared or exported: comparing with a coding nobody started would only list the
 * other coder's marks. `purpose` ends the sentence "there is nothing to …", e.g. "compare".
 */
export function assertStarted(db: Database, recording: string, coder: string, purpose: string): void {
  if (getCodingState(db, recording, coder) === 'not-started') {
    throw new AppError('INVALID_INPUT', `${coder} has not coded ${recording} yet, so there is nothing to ${purpose}. Choose a coder who has.`);
  }
}

export function pairCodings(db: Database, recording: string, first: string, second: string, checkMinus?: CheckMinus): PairedCodings {
  const setting = checkMinusSetting(checkMinus);
  return db.transaction((): PairedCodings => {
    const a = resolveCoding(db, recording, first);
    const b = resolveCoding(db, recording, second);
    if (a.coder.id === b.coder.id) throw new AppError('INVALID_INPUT', `Choose two different coders to compare (both are ${a.coder.code}).`);
    assertStarted(db, a.recording.code, a.coder.code, 'compare');
    assertStarted(db, b.recording.code, b.coder.code, 'compare');
    const scheme = studyScheme(db);
    const settings = getSettings(db);
    const { segmentSeconds } = settings;
    const segments = segmentGrid(a.recording.durationMs, settings);
    const cellsA = codingCells(db, a.recording.code, a.coder.code, segments);
    const cellsB = codingCells(db, b.recording.code, b.coder.code, segments);
    const pairs = segments.flatMap((segment) =>
      scheme.codes.map((code): CellPair => {
        const x = cellsA[segment.index]!.get(code.id) ?? empty();
        const y = cellsB[segment.index]!.get(code.id) ?? empty();
        return {
          segment,
          code: code.id,
          category: code.category,
          first: x,
          second: y,
          agree: isPresent(x.mark, setting) === isPresent(y.mark, setting),
        };
      }),
    );
    return { recording: a.recording.code, coders: [a.coder.code, b.coder.code], segmentSeconds, checkMinus: setting, scheme, segments, pairs };
  })();
}
