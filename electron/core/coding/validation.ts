// Checks shared by every write to a coding. Each failure is INVALID_INPUT with a message that says
// what a valid value looks like.

import { AppError } from '../errors.ts';
import { codeById, type Clarity, type CodeDef, type Scheme } from '../scheme/index.ts';
import type { Segment } from './segments.ts';

export const MAX_NOTE_LENGTH = 2000;
export const CLARITIES: readonly Clarity[] = ['check', 'check-minus'];

/** e.g. 'W1–W7, C1–C7, R1–R10', from the scheme's own codes. */
function codeRanges(scheme: Scheme): string {
  return scheme.categories
    .map((cat) => scheme.codes.filter((c) => c.category === cat.id))
    .filter((codes) => codes.length > 0)
    .map((codes) => (codes.length === 1 ? codes[0]!.id : `${codes[0]!.id}–${codes[codes.length - 1]!.id}`))
    .join(', ');
}

export function checkCode(scheme: Scheme, code: unknown): CodeDef {
  // Marker codes are capitals; w1 (a CSV typed by hand) is W1 rather than a refusal.
  const def = typeof code === 'string' ? codeById(scheme, code.trim().toUpperCase()) : undefined;
  if (!def) {
    throw new AppError('INVALID_INPUT', `"${String(code)}" is not a marker code of this study's scheme. Use one of ${codeRanges(scheme)}.`);
  }
  return def;
}

export function checkClarity(clarity: unknown): Clarity {
  if (!CLARITIES.includes(clarity as Clarity)) {
    throw new AppError('INVALID_INPUT', `Clarity must be "check" (meets criteria) or "check-minus" (unclear); got "${String(clarity)}".`);
  }
  return clarity as Clarity;
}

/** Rounds to whole milliseconds, the unit the store keeps. */
export function checkTime(timeMs: unknown, durationMs: number): number {
  if (typeof timeMs !== 'number' || !Number.isFinite(timeMs)) {
    throw new AppError('INVALID_INPUT', `The time of a mark must be a number of milliseconds (got ${String(timeMs)}).`);
  }
  const rounded = Math.round(timeMs);
  if (rounded < 0 || rounded > durationMs) {
    throw new AppError(
      'INVALID_INPUT',
      `Time ${rounded} ms is outside the recording. Give a time from 0 to ${durationMs} ms (the recording's length).`,
    );
  }
  return rounded;
}

export function checkNote(note: unknown): string {
  if (typeof note !== 'string') throw new AppError('INVALID_INPUT', 'A note must be text.');
  if (note.length > MAX_NOTE_LENGTH) {
    throw new AppError('INVALID_INPUT', `A note can be at most ${MAX_NOTE_LENGTH} characters (this one has ${note.length}). Shorten it.`);
  }
  return note;
}

export function checkSegmentIndex(index: unknown, segments: readonly Segment[]): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= segments.length) {
    throw new AppError(
      'INVALID_INPUT',
      `Segment ${String(index)} does not exist: this recording has segments 0 to ${segments.length - 1} (counting from 0).`,
    );
  }
  return index;
}

/** Runs a check for one row of a batch and names the row in any error, so a bad file points at its line. */
export function forRow<T>(label: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, `${label}: ${err.message}`, err.details);
    throw err;
  }
}
