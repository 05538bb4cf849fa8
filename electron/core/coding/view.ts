// Everything the coding screen shows for one coding, read in one go after every write, so the
// screen always paints what the core acknowledged rather than what it hoped to write.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { resolveCoding } from './coding-ref.ts';
import { nextOp } from './edit-ops.ts';
import type { Mark } from './marks.ts';
import { buildScoresheet, readCoding, type Scoresheet } from './scoresheet.ts';
import { signOffOf, type SignOffCheck } from './sign-off.ts';
import { playedShares } from './watched-share.ts';

export interface CodingView {
  scoresheet: Scoresheet;
  /** Live marks by time. */
  marks: Mark[];
  /** Segments counted as watched: played forward to the threshold, or flagged watched before play was counted. */
  watched: number[];
  /** Per segment, the share 0–1 the coder has played forward (seeks and skips excluded). */
  played: number[];
  /** Rating items made before the whole session was watched and not reviewed since. */
  earlyRatings: string[];
  canUndo: boolean;
  canRedo: boolean;
  /** What completing would leave open, and whether the coding was used since it was completed. */
  signOff: SignOffCheck;
}

export function codingView(db: Database, recording: string, coder: string): CodingView {
  const ref = resolveCoding(db, recording, coder);
  // The marks, watched segments and early ratings are read once for the scoresheet and the view: this runs after
  // every write, and reading the marks twice was a third of a mark's write.
  const reads = readCoding(db, recording, coder);
  const scoresheet = buildScoresheet(db, recording, coder, reads);
  const { marks, watched, early } = reads;
  return {
    scoresheet,
    marks,
    watched,
    played: playedShares(db, recording, coder),
    earlyRatings: early,
    canUndo: nextOp(db, ref, 'done') !== undefined,
    canRedo: nextOp(db, ref, 'undone') !== undefined,
    signOff: signOffOf(db, scoresheet, watched),
  };
}
