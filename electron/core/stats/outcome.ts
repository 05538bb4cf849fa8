// What every statistic returns: a number, or the reason the data cannot define it. A report built from
// these never holds NaN or Infinity: each undefined case is caught by name and explained.

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export const defined = <T>(value: T): Outcome<T> => ({ ok: true, value });

/** `why` says what is missing and what would make the statistic defined. */
export const notDefined = (why: string): Outcome<never> => ({ ok: false, reason: `not defined: ${why}` });

/** The words a reason uses for what was rated and who rated it, e.g. { subjects: 'recordings', raters: 'coders' }. */
export interface Terms {
  subjects: string;
  raters: string;
}

export const GENERIC_TERMS: Terms = { subjects: 'subjects', raters: 'raters' };
