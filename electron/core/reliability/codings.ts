// Codings a caller already holds in memory, as the input of a reliability report: the export has read every
// mark and rating for its own tables, so its reliability costs no second pass over the study.

import { ReliabilityInput, type CodingMark, type ReliabilityScope } from './input.ts';
import type { CheckMinus, CodingState } from './selection.ts';

/** One coder's started coding of one recording: its state, its live marks and its global ratings by item. */
export interface Coding {
  recording: { code: string };
  coder: { code: string };
  status: CodingState;
  marks: readonly CodingMark[];
  ratings: ReadonlyMap<string, number>;
}

/** The chosen coders and recordings, in report order, and their started codings. */
export interface ReliabilityData extends Omit<ReliabilityScope, 'coded'> {
  /** Codings of other coders or recordings are ignored. */
  codings: readonly Coding[];
}

/** The report's input, and each chosen coding's state; an unfinished coding is compared only when asked for. */
export function inputOfCodings(
  { codings, ...scope }: ReliabilityData,
  checkMinus: CheckMinus,
  includeUnfinished: boolean,
): { input: ReliabilityInput; states: (CodingState | null)[][] } {
  const recordingIndex = new Map(scope.recordings.map((r, i) => [r.code, i]));
  const coderIndex = new Map(scope.coders.map((c, i) => [c.code, i]));
  const states = scope.recordings.map(() => new Array<CodingState | null>(scope.coders.length).fill(null));
  const placed = codings.flatMap((coding) => {
    const r = recordingIndex.get(coding.recording.code);
    const c = coderIndex.get(coding.coder.code);
    if (r === undefined || c === undefined) return [];
    states[r]![c] = coding.status;
    return coding.status === 'complete' || includeUnfinished ? [{ coding, r, c }] : [];
  });
  const coded = scope.recordings.map(() => new Array<boolean>(scope.coders.length).fill(false));
  for (const { r, c } of placed) coded[r]![c] = true;
  const input = new ReliabilityInput({ ...scope, coded }, checkMinus);
  for (const { coding, r, c } of placed) {
    for (const mark of coding.marks) input.addMark(r, c, mark);
    for (const [item, value] of coding.ratings) input.addRating(r, c, item, value);
  }
  return { input, states };
}
