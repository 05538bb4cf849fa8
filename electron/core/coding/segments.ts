import { AppError } from '../errors.ts';

/** One column of the scoresheet: [startMs, endMs) of the recording; the last one may be shorter or, merged, longer. */
export interface Segment {
  index: number;
  startMs: number;
  endMs: number;
}

/**
 * How a study cuts its recordings: fixed segments of `segmentSeconds`, and a final part shorter than
 * `minFinalSeconds` joins the segment before it (0: never), so a 5:00.4 recording is one segment, not a
 * second one of 0.4 s that cannot be coded and would count as agreement. The study's settings hold both.
 */
export interface GridRule {
  segmentSeconds: number;
  minFinalSeconds: number;
}

/** The default for a new study: a final part under a fifth of a segment (60 s of 5 minutes) is too short to code on its own. */
export const defaultMinFinalSeconds = (segmentSeconds: number): number => Math.floor(segmentSeconds / 5);

function segmentMs(segmentSeconds: number): number {
  if (!Number.isInteger(segmentSeconds) || segmentSeconds < 1) {
    throw new AppError('INVALID_INPUT', `Segment length must be a whole number of seconds, at least 1 (got ${segmentSeconds}).`);
  }
  return segmentSeconds * 1000;
}

/** A final part this short or shorter than a whole segment is a fair minimum; longer would merge every partial end anyway. */
export function assertMinFinalSeconds(minFinalSeconds: number, segmentSeconds: number): void {
  if (!Number.isInteger(minFinalSeconds) || minFinalSeconds < 0 || minFinalSeconds > segmentSeconds) {
    throw new AppError(
      'INVALID_INPUT',
      `The shortest final segment must be a whole number of seconds from 0 (never merge) to the segment length, ${segmentSeconds} (got ${minFinalSeconds}).`,
    );
  }
}

function assertDuration(durationMs: number): void {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new AppError('INVALID_INPUT', `A recording duration must be zero or more milliseconds (got ${durationMs}).`);
  }
}

function segmentCount(durationMs: number, rule: GridRule): number {
  const length = segmentMs(rule.segmentSeconds);
  assertMinFinalSeconds(rule.minFinalSeconds, rule.segmentSeconds);
  // A zero-length recording still gets one (empty) column so there is somewhere to code.
  const count = Math.max(1, Math.ceil(durationMs / length));
  const finalPart = durationMs - (count - 1) * length;
  return count > 1 && finalPart < rule.minFinalSeconds * 1000 ? count - 1 : count;
}

/** Fixed-length segments from 0; the last is partial (or takes in a short final part), and an exact multiple leaves no empty tail. */
export function segmentGrid(durationMs: number, rule: GridRule): Segment[] {
  assertDuration(durationMs);
  const count = segmentCount(durationMs, rule);
  const length = rule.segmentSeconds * 1000;
  return Array.from({ length: count }, (_, index) => ({
    index,
    startMs: index * length,
    endMs: index === count - 1 ? durationMs : (index + 1) * length,
  }));
}

/** The segment a time falls in; a time exactly at the end of the recording belongs to the last segment. */
export function segmentIndexAt(timeMs: number, rule: GridRule, durationMs: number): number {
  assertDuration(durationMs);
  const count = segmentCount(durationMs, rule);
  if (!Number.isFinite(timeMs) || timeMs < 0 || timeMs > durationMs) {
    throw new AppError('INVALID_INPUT', `Time ${timeMs} ms is outside the recording (0 to ${durationMs} ms).`);
  }
  return Math.min(Math.floor(timeMs / (rule.segmentSeconds * 1000)), count - 1);
}

/** The same rule as segmentIndexAt, for callers that hold the grid rather than the rule. */
export function segmentContaining(segments: readonly Segment[], timeMs: number): number {
  const hit = segments.find((s) => timeMs < s.endMs);
  return hit ? hit.index : segments.length - 1;
}
