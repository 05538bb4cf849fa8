// A statistic as the report states it: its value, or — never NaN — "not defined", "does not apply" or "too
// few", as its reason's kind says, with the core's reason on hover and as a numbered footnote under the table.

import type { Reason } from '../../electron/core/api/contract.ts';
import { REASON_LABELS } from '../reliability-labels.ts';
import './Statistic.css';

/** 0.8333 → "83.3 %". */
export const formatPercent = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;

/** κ, ICC: three decimals, with a real minus sign. */
export const formatCoefficient = (x: number): string => x.toFixed(3).replace('-', '−');

/** A reason as one line: its kind's label, then why ("does not apply: with two coders see Cohen's kappa"). */
export const reasonLine = (reason: Reason): string => `${REASON_LABELS[reason.kind]}: ${reason.why}`;

/** What stands in place of a missing statistic: its reason's label, "not defined" when the core gave none. */
export const missingLabel = (reason: Reason | undefined): string => REASON_LABELS[reason?.kind ?? 'not-defined'];

/** Collects the notes of one table (reasons as reasonLine gives them), numbered in the order they first appear; the same note shares a number. */
export class Footnotes {
  readonly reasons: string[] = [];
  /** Keeps the footnotes' ids apart when a screen has several tables. */
  readonly prefix: string;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  id(n: number): string {
    return `${this.prefix}-note-${n}`;
  }

  number(reason: string): number {
    const at = this.reasons.indexOf(reason);
    if (at >= 0) return at + 1;
    this.reasons.push(reason);
    return this.reasons.length;
  }
}

const NO_REASON: Reason = { kind: 'not-defined', why: 'the core gave no reason' };

interface StatisticProps {
  value: number | null;
  reason: Reason | undefined;
  notes: Footnotes;
  format?: (x: number) => string;
}

/**
 * Call as a function inside the table's own render (not as <Statistic/>), so each footnote is numbered
 * before the list under the table is drawn.
 */
export function statistic({ value, reason, notes, format = formatCoefficient }: StatisticProps) {
  if (value !== null) return <span className="stat">{format(value)}</span>;
  const why = reasonLine(reason ?? NO_REASON);
  const n = notes.number(why);
  return (
    <span className="stat undefined" title={why}>
      {missingLabel(reason)}
      <FootnoteRef notes={notes} n={n} />
    </span>
  );
}

/** The superscript number that links a figure to its note under the table. */
export function FootnoteRef({ notes, n }: { notes: Footnotes; n: number }) {
  return (
    <sup className="footnote-ref">
      <a href={`#${notes.id(n)}`} aria-label={`note ${n}`}>
        {n}
      </a>
    </sup>
  );
}

/** The numbered reasons under a table. */
export function FootnoteList({ notes, label }: { notes: Footnotes; label: string }) {
  if (notes.reasons.length === 0) return null;
  return (
    <ol className="footnotes" aria-label={label}>
      {notes.reasons.map((reason, i) => (
        <li key={reason} id={notes.id(i + 1)}>
          {reason.charAt(0).toUpperCase() + reason.slice(1)}.
        </li>
      ))}
    </ol>
  );
}

/** A coefficient with its 95 % interval, { value, lower, upper } as the core gives it, or null with its reason. */
export interface IntervalStat {
  value: number;
  lower: number | null;
  upper: number | null;
}

/**
 * The value over its interval ("0.812" above "[0.701, 0.923]"); an undefined value, or an interval the data
 * leave undefined, says so with the reason as a footnote. Call as a function, as statistic().
 */
export function intervalStatistic(estimate: IntervalStat | null, reason: Reason | undefined, notes: Footnotes) {
  if (estimate === null) return statistic({ value: null, reason, notes });
  return (
    <>
      <span className="stat">{formatCoefficient(estimate.value)}</span>
      <span className="interval">
        {estimate.lower !== null && estimate.upper !== null ? (
          `[${formatCoefficient(estimate.lower)}, ${formatCoefficient(estimate.upper)}]`
        ) : (
          <>CI {statistic({ value: null, reason, notes })}</>
        )}
      </span>
    </>
  );
}
