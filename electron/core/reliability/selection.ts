// Which coders and recordings a reliability report covers, and which of those codings exist.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { consensusCoderCodes } from '../consensus/index.ts';
import { AppError } from '../errors.ts';
import { listRecordings, type Recording } from '../recordings/registry.ts';
import { listCoders, type Coder } from '../store/coders.ts';

/** Whether a check-minus mark (an unclear marker) counts as the code being present in its segment. */
export type CheckMinus = 'present' | 'absent';
export const CHECK_MINUS_SETTINGS: readonly CheckMinus[] = ['present', 'absent'];

export interface ReliabilityOptions {
  /**
   * Coder codes; by default every coder who has coded at least one of the chosen recordings on their own:
   * consensus coders are left out unless named, as a consensus coding is started from another's.
   */
  coders?: readonly string[];
  /** Recording codes; by default all recordings of the study. */
  recordings?: readonly string[];
  /** Default 'present'. */
  checkMinus?: CheckMinus;
}

export interface Selection {
  coders: Coder[];
  recordings: Recording[];
  /** coded[r][c]: coder c has started a coding of recording r (saved anything in it). */
  coded: boolean[][];
}

function pick<T extends { code: string }>(known: T[], wanted: readonly string[], missing: (codes: string[]) => AppError): T[] {
  const byCode = new Map(known.map((item) => [item.code, item]));
  const codes = [...new Set(wanted.map((c) => c.trim()))];
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) throw missing(unknown);
  return codes.map((c) => byCode.get(c)!);
}

const quoted = (codes: string[]) => codes.map((c) => `"${c}"`).join(', ');

function chooseRecordings(db: Database, wanted: readonly string[] | undefined): Recording[] {
  const all = listRecordings(db);
  if (wanted === undefined) {
    if (all.length === 0) throw new AppError('INVALID_INPUT', 'The study has no recordings yet, so there is nothing to compare. Add recordings and code them first.');
    return all;
  }
  if (wanted.length === 0) throw new AppError('INVALID_INPUT', 'Choose at least one recording to compare.');
  return pick(all, wanted, (unknown) => new AppError('NOT_FOUND', `No recording ${quoted(unknown)} in this study. Check the codes against the study's recording list.`));
}

function chooseCoders(db: Database, wanted: readonly string[] | undefined): Coder[] {
  const all = listCoders(db);
  if (wanted === undefined) {
    const consensus = consensusCoderCodes(db);
    return all.filter((c) => !consensus.has(c.code));
  }
  return pick(all, wanted, (unknown) => {
    const known = all.map((c) => c.code).join(', ') || 'none yet';
    return new AppError('NOT_FOUND', `No coder ${quoted(unknown)} in this study. Known coders: ${known}.`);
  });
}

export function checkMinusSetting(value: unknown): CheckMinus {
  if (value === undefined) return 'present';
  if (!CHECK_MINUS_SETTINGS.includes(value as CheckMinus)) {
    throw new AppError('INVALID_INPUT', `The check-minus setting must be "present" or "absent" (got "${String(value)}").`);
  }
  return value as CheckMinus;
}

/**
 * Every save to a coding (a mark, a rating, a note, a watched segment) goes through editCoding, which
 * records the coding's status in the same transaction, so a status row is exactly "coding started". One
 * query instead of a state lookup per recording and coder keeps a 1,000-recording report fast.
 */
function startedCodings(db: Database): Set<string> {
  const rows = db.prepare('SELECT recording_id, coder_id FROM coding_status').all() as { recording_id: number; coder_id: number }[];
  return new Set(rows.map((row) => `${row.recording_id}:${row.coder_id}`));
}

export function selectCodings(db: Database, options: ReliabilityOptions): Selection {
  const recordings = chooseRecordings(db, options.recordings);
  const candidates = chooseCoders(db, options.coders);
  const codings = startedCodings(db);
  const started = recordings.map((recording) => candidates.map((coder) => codings.has(`${recording.id}:${coder.id}`)));
  const keep = candidates.map((_, c) => options.coders !== undefined || started.some((row) => row[c]));
  const coders = candidates.filter((_, c) => keep[c]);
  if (coders.length < 2) {
    if (options.coders !== undefined) throw new AppError('INVALID_INPUT', 'Reliability compares two or more coders: choose at least two.');
    const who = coders.length === 0 ? 'no coder has' : `only ${coders[0]!.code} has`;
    const consensus = [...consensusCoderCodes(db)];
    const orConsensus = consensus.length > 0 ? `, or choose ${consensus.join(', ')} by name to compare with a consensus coding (left out by default, as it is started from another coder’s)` : '';
    throw new AppError('INVALID_INPUT', `Reliability compares two or more coders, but ${who} coded the chosen recordings on their own. Code them with a second coder first${orConsensus}.`);
  }
  return { coders, recordings, coded: started.map((row) => row.filter((_, c) => keep[c])) };
}
