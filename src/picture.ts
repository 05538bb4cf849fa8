// What the session picture and the ratings' evidence column show, derived from the coding view.
// Display only: no rule of the manual is decided here (warnings come from the core).

import type { CodingView } from '../electron/core/api/contract.ts';
import type { Category, Clarity, Scheme } from '../electron/core/scheme/types.ts';
import { segmentAt } from './timeline.ts';

export interface PictureCell {
  segment: number;
  /** Marks in the segment, a check counting 1 and a check-minus ½. */
  weight: number;
  /** 0 (nothing) to 1 (a lot), for colour depth. */
  intensity: number;
  marks: number;
}

export type SessionPicture = Record<Category, PictureCell[]>;

const CATEGORIES: Category[] = ['withdrawal', 'confrontation', 'resolution'];

/**
 * Intensity saturates instead of scaling to the session's busiest cell, so pictures of different
 * sessions compare: one clear marker reads as a light tint, four or more as nearly full colour.
 */
export const intensityOf = (weight: number): number => (weight <= 0 ? 0 : 1 - Math.exp(-weight / 2.5));

export function sessionPicture(view: CodingView): SessionPicture {
  const segments = view.scoresheet.segments;
  const picture = Object.fromEntries(
    CATEGORIES.map((c) => [c, segments.map((s) => ({ segment: s.index, weight: 0, intensity: 0, marks: 0 }))]),
  ) as SessionPicture;
  for (const mark of view.marks) {
    const cell = picture[mark.category][segmentAt(segments, mark.timeMs)];
    if (!cell) continue;
    cell.weight += mark.clarity === 'check' ? 1 : 0.5;
    cell.marks += 1;
  }
  for (const row of Object.values(picture)) for (const cell of row) cell.intensity = intensityOf(cell.weight);
  return picture;
}

export interface Evidence {
  /** Segments with at least one mark of the code (or, for an overall item, of its category). */
  segments: number;
  /** Strongest clarity among them: one check outranks any number of check-minuses. */
  clarity: Clarity | null;
}

/** What the scoresheet says about a rating item: for a marker type its code, for an overall item its category. */
export function evidenceFor(view: CodingView, scheme: Scheme, item: { code?: string; category?: Category }): Evidence | null {
  const codes = item.code ? [item.code] : item.category ? scheme.codes.filter((c) => c.category === item.category).map((c) => c.id) : [];
  if (codes.length === 0) return null;
  let segments = 0;
  let clarity: Clarity | null = null;
  for (const segment of view.scoresheet.segments) {
    const cells = codes.map((c) => segment.marks[c]).filter((c) => c !== undefined);
    if (cells.length === 0) continue;
    segments++;
    if (cells.some((c) => c.clarity === 'check')) clarity = 'check';
    else clarity ??= 'check-minus';
  }
  return { segments, clarity };
}

/** 0-based indexes → "3", "3 and 5", "1–4, 6 and 9" (1-based, runs joined). */
export function segmentList(indexes: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const n of [...indexes].sort((a, b) => a - b).map((i) => i + 1)) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  const parts = runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

/** Segments of the view the coder has not played through yet. */
export function unwatchedSegments(view: CodingView): number[] {
  const seen = new Set(view.watched);
  return view.scoresheet.segments.map((s) => s.index).filter((i) => !seen.has(i));
}

/** Steps a reader counts in, in segments, for labelling a time axis. */
const AXIS_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

/**
 * Every how many segments the session picture's time axis is labelled: each segment while they are few,
 * and no more than `most` labels however many there are, so the times never run into each other.
 */
export function axisStep(segments: number, most = 16): number {
  return AXIS_STEPS.find((step) => Math.ceil(segments / step) <= most) ?? Math.ceil(segments / most);
}
