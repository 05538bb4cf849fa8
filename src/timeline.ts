// Where a time falls on the scoresheet's columns, for display and navigation. The segments themselves
// come from the core (scoresheet.segments); these helpers only look them up.

import type { CodingView } from '../electron/core/api/contract.ts';

export type SegmentRange = Pick<CodingView['scoresheet']['segments'][number], 'index' | 'startMs' | 'endMs'>;

/** The column holding `ms`; the very end of the recording belongs to the last column, as in the core. */
export function segmentAt(segments: readonly SegmentRange[], ms: number): number {
  if (segments.length === 0) return 0;
  const hit = segments.find((s) => ms < s.endMs);
  return hit ? hit.index : segments.length - 1;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
