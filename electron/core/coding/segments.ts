import { AppError } from '../errors.ts';

/** One column of the scoresheet: [startMs, endMs) of the recording, the last one possibly shorter. */
export interface Segment {
  index: number;
  startMs: number;
  endMs: number;
}

function segmentMs(segmentSeconds: number): number {
  if (!Number.isInteger(segmentSeconds) || segmentSeconds < 1) {
    throw new AppError('INVALID_INPUT', `Segment length must be a whole number of seconds, at least 1 (got ${segmentSeconds}).`);
  }
  return segmentSeconds * 1000;
}

function assertDuration(durationMs: number): void {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new AppError('INVALID_INPUT', `A recording duration must be zero or more milliseconds (got ${durationMs}).`);
  }
}

function segmentCount(durationMs: number, length: number): number {
  // A zero-length recording still gets one (empty) column so there is somewhere to code.
  return Math.max(1, Math.ceil(durationMs / length));
}

/** Fixed-length segments from 0; the last is partial, and an exact multiple leaves no empty tail. */
export function segmentGrid(durationMs: number, segmentSeconds: number): Segment[] {
  const length = segmentMs(segmentSeconds);
  assertDuration(durationMs);
  return Array.from({ length: segmentCount(durationMs, length) }, (_, index) => ({
    index,
    startMs: index * length,
    endMs: Math.min((index + 1) * length, durationMs),
  }));
}

/** The segment a time falls in; a time exactly at the end of the recording belongs to the last segment. */
export function segmentIndexAt(timeMs: number, segmentSeconds: number, durationMs: number): number {
  const length = segmentMs(segmentSeconds);
  assertDuration(durationMs);
  if (!Number.isFinite(timeMs) || timeMs < 0 || timeMs > durationMs) {
    throw new AppError('INVALID_INPUT', `Time ${timeMs} ms is outside the recording (0 to ${durationMs} ms).`);
  }
  return Math.min(Math.floor(timeMs / length), segmentCount(durationMs, length) - 1);
}

/** The same rule as segmentIndexAt, for callers that hold the grid rather than the segment length. */
export function segmentContaining(segments: readonly Segment[], timeMs: number): number {
  const hit = segments.find((s) => timeMs < s.endMs);
  return hit ? hit.index : segments.length - 1;
}
