// Everything the coding screen shows for one coding, read in one go after every write, so the
// screen always paints what the core acknowledged rather than what it hoped to write.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { resolveCoding } from './coding-ref.ts';
import { nextOp } from './edit-ops.ts';
import { listMarks, type Mark } from './marks.ts';
import { watchedSegments } from './notes.ts';
import { buildScoresheet, type Scoresheet } from './scoresheet.ts';
import { signOffOf, type SignOffCheck } from './sign-off.ts';

export interface CodingView {
  scoresheet: Scoresheet;
  /** Live marks by time. */
  marks: Mark[];
  watched: number[];
  canUndo: boolean;
  canRedo: boolean;
  /** What completing would leave open, and whether the coding was used since it was completed. */
  signOff: SignOffCheck;
}

export function codingView(db: Database, recording: string, coder: string): CodingView {
  const ref = resolveCoding(db, recording, coder);
  const scoresheet = buildScoresheet(db, recording, coder);
  const watched = watchedSegments(db, recording, coder);
  return {
    scoresheet,
    marks: listMarks(db, recording, coder),
    watched,
    canUndo: nextOp(db, ref, 'done') !== undefined,
    canRedo: nextOp(db, ref, 'undone') !== undefined,
    signOff: signOffOf(db, scoresheet, watched),
  };
}
