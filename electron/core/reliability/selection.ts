// Which coders and recordings a reliability report covers, and which of those codings exist.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { consensusCoderCodes } from '../consensus/index.ts';
import { AppError } from '../errors.ts';
import { reliabilityCoders } from '../export/reliability-coders.ts';
import { listRecordings, type Recording } from '../recordings/registry.ts';
import { listCoders, type Coder } from '../store/coders.ts';

/** Whether a check-minus mark (an unclear marker) counts as the code being present in its segment. */
export type CheckMinus = 'present' | 'absent';
export const CHECK_MINUS_SETTINGS: readonly CheckMinus[] = ['present', 'absent'];

export interface ReliabilityOptions {
  /**
   * Coder codes. By default the export's rule (export/reliability-coders.ts): the two independent coders who
   * share the most compared codings, and every other who coded all of those recordings; consensus coders
   * only when named, as a consensus coding is started from another's.
   */
  coders?: readonly string[];
  /**
   * Recording codes; by default those the default coders all coded, and any where one of them has an
   * unfinished coding (listed, compared only when includeUnfinished); every recording when coders are named.
   */
  recordings?: readonly string[];
  /** Default 'present'. */
  checkMinus?: CheckMinus;
  /** Compare codings not yet signed off as complete too. Default false: only complete codings are compared. */
  includeUnfinished?: boolean;
}

/** A started coding's state: only a complete one is compared unless unfinished ones are asked for. */
export type CodingState = 'in-progress' | 'complete';

export interface Selection {
  coders: Coder[];
  recordings: Recording[];
  /** state[r][c]: the state of coder c's coding of recording r; null when not started. */
  state: (CodingState | null)[][];
  /** coded[r][c]: that coding is compared (complete, or started when unfinished codings are included). */
  coded: boolean[][];
  includeUnfinished: boolean;
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
    if (all.length === 0)
      throw new AppError('INVALID_INPUT', 'The study has no recordings yet, so there is nothing to compare. Add recordings and code them first.');
    return all;
  }
  if (wanted.length === 0) throw new AppError('INVALID_INPUT', 'Choose at least one recording to compare.');
  return pick(
    all,
    wanted,
    (unknown) => new AppError('NOT_FOUND', `No recording ${quoted(unknown)} in this study. Check the codes against the study's recording list.`),
  );
}

function namedCoders(db: Database, wanted: readonly string[]): Coder[] {
  const all = listCoders(db);
  return pick(all, wanted, (unknown) => {
    const known = all.map((c) => c.code).join(', ') || 'none yet';
    return new AppError('NOT_FOUND', `No coder ${quoted(unknown)} in this study. Known coders: ${known}.`);
  });
}

const isCheckMinus = (value: unknown): value is CheckMinus => (CHECK_MINUS_SETTINGS as readonly unknown[]).includes(value);

export function checkMinusSetting(value: unknown): CheckMinus {
  if (value === undefined) return 'present';
  if (isCheckMinus(value)) return value;
  // As JSON, whatever was given reads as itself ("maybe", 2, {"a":1}), where String() would print [object Object].
  const given = JSON.stringify(value) ?? typeof value;
  throw new AppError('INVALID_INPUT', `The check-minus setting must be "present" or "absent" (got ${given}).`);
}

/**
 * Every save to a coding (a mark, a rating, a note, a watched segment) goes through editCoding, which
 * records the coding's status in the same transaction, so a status row is exactly "coding started". One
 * query instead of a state lookup per recording and coder keeps a 1,000-recording report fast.
 */
function codingStates(db: Database): Map<string, CodingState> {
  const rows = db.prepare('SELECT recording_id, coder_id, state FROM coding_status').all() as {
    recording_id: number;
    coder_id: number;
    state: CodingState;
  }[];
  return new Map(rows.map((row) => [`${row.recording_id}:${row.coder_id}`, row.state]));
}

const compared = (state: CodingState | null | undefined, includeUnfinished: boolean): boolean =>
  state === 'complete' || (includeUnfinished && state === 'in-progress');

/**
 * The default coders, and recordings unless named: the export's rule over the compared codings. When no two
 * independent coders share a recording, every independent coder with a compared coding (the report then
 * says which recordings each has not coded).
 */
function defaultChoice(
  db: Database,
  recordings: Recording[],
  states: Map<string, CodingState>,
  includeUnfinished: boolean,
  recordingsNamed: boolean,
): { coders: Coder[]; recordings: Recording[] } {
  const consensus = consensusCoderCodes(db);
  const coders = listCoders(db).map((c) => ({ ...c, consensus: consensus.has(c.code) }));
  const codings = recordings.flatMap((recording) =>
    coders.filter((coder) => compared(states.get(`${recording.id}:${coder.id}`), includeUnfinished)).map((coder) => ({ coder, recording })),
  );
  const rule = reliabilityCoders(codings, coders, recordings);
  if (rule.ok) {
    if (recordingsNamed) return { coders: rule.coders, recordings };
    // The recordings those coders share, and any where one of them has a coding not yet complete: it is
    // listed (not compared), so the lead sees what a sign-off would add.
    const shared = new Set(rule.recordings.map((r) => r.id));
    const unfinished = (r: Recording) => rule.coders.some((c) => states.get(`${r.id}:${c.id}`) === 'in-progress');
    return { coders: rule.coders, recordings: recordings.filter((r) => shared.has(r.id) || unfinished(r)) };
  }
  const coding = new Set(codings.map((k) => k.coder.id));
  return { coders: coders.filter((c) => !c.consensus && coding.has(c.id)), recordings };
}

/** `unfinished`: the unfinished codings left out, or null when they were compared too. */
function tooFewCoders(db: Database, coders: Coder[], unfinished: number | null): AppError {
  const who = coders.length === 0 ? 'no coder has' : `only ${coders[0]!.code} has`;
  const consensus = [...consensusCoderCodes(db)];
  const orConsensus =
    consensus.length > 0
      ? `, or choose ${consensus.join(', ')} by name to compare with a consensus coding (left out by default, as it is started from another coder’s)`
      : '';
  const orUnfinished =
    unfinished !== null && unfinished > 0
      ? ` ${unfinished} unfinished coding${unfinished === 1 ? ' is' : 's are'} left out until marked complete; include unfinished codings to compare them as they stand.`
      : '';
  return new AppError(
    'INVALID_INPUT',
    `Reliability compares two or more coders, but ${who} ${unfinished === null ? 'coded' : 'completed a coding of'} the chosen recordings on their own. Code them with a second coder first${orConsensus}.${orUnfinished}`,
  );
}

export function selectCodings(db: Database, options: ReliabilityOptions): Selection {
  const includeUnfinished = options.includeUnfinished ?? false;
  const states = codingStates(db);
  const all = chooseRecordings(db, options.recordings);
  const { coders, recordings } =
    options.coders !== undefined
      ? { coders: namedCoders(db, options.coders), recordings: all }
      : defaultChoice(db, all, states, includeUnfinished, options.recordings !== undefined);
  if (coders.length < 2) {
    if (options.coders !== undefined) throw new AppError('INVALID_INPUT', 'Reliability compares two or more coders: choose at least two.');
    const chosen = new Set(all.map((r) => r.id));
    const unfinished = includeUnfinished
      ? null
      : [...states].filter(([key, state]) => state === 'in-progress' && chosen.has(Number(key.split(':')[0]))).length;
    throw tooFewCoders(db, coders, unfinished);
  }
  const state = recordings.map((recording) => coders.map((coder) => states.get(`${recording.id}:${coder.id}`) ?? null));
  return { coders, recordings, state, coded: state.map((row) => row.map((s) => compared(s, includeUnfinished))), includeUnfinished };
}
