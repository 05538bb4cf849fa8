// What every statistic returns: a number, or the reason the data cannot define it. A report built from
// these never holds NaN or Infinity: each undefined case is caught by name and explained.

/**
 * Why a statistic has no value, as a kind the screen, the CLI and the exports act on, and a sentence for the
 * person: 'does-not-apply' (the statistic is not the one for this design, e.g. Cohen's kappa with three
 * coders), 'too-few' (too few units or raters to compute it: more data would give it) or 'not-defined' (the
 * data are there but leave it undefined, e.g. chance agreement already 100 %).
 */
export type ReasonKind = 'not-defined' | 'does-not-apply' | 'too-few';

export interface Reason {
  kind: ReasonKind;
  /** What is missing and what would make the statistic defined, without the kind's label. */
  why: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: Reason };

export const defined = <T>(value: T): Outcome<T> => ({ ok: true, value });

const undefinedBecause =
  (kind: ReasonKind) =>
  (why: string): Outcome<never> => ({ ok: false, reason: { kind, why } });

/** The data leave the statistic undefined (nothing varies, a denominator is zero). */
export const notDefined = undefinedBecause('not-defined');
/** The statistic is not the one for this design (e.g. a two-coder statistic with three coders). */
export const doesNotApply = undefinedBecause('does-not-apply');
/** Too few units or raters to compute it. */
export const tooFew = undefinedBecause('too-few');

/** The words the CLI and the exported files print before a reason's sentence. */
const REASON_LABELS: Readonly<Record<ReasonKind, string>> = {
  'not-defined': 'not defined',
  'does-not-apply': 'does not apply',
  'too-few': 'too few',
};

/** A reason as one line of text: "does not apply: with two coders see Cohen's kappa". */
export const reasonText = (reason: Reason): string => `${REASON_LABELS[reason.kind]}: ${reason.why}`;

/** The words a reason uses for what was rated and who rated it, e.g. { subjects: 'recordings', raters: 'coders' }. */
export interface Terms {
  subjects: string;
  raters: string;
}

export const GENERIC_TERMS: Terms = { subjects: 'subjects', raters: 'raters' };
