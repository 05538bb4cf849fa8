// The report as machine-readable JSON: `{ segments: { KEY: {...} }, sessionCounts: { KEY: {...} }, ratings:
// { ITEM: {...} } }`. A statistic with an interval is `{ value, lower, upper }`. A statistic that does not
// apply or is undefined is null, and its reason sits beside it under the statistic's name followed by
// "Reason", e.g. "cohenKappa": null, "cohenKappaReason": "does not apply: …" (an interval that is undefined
// under a defined value has its reason there too). The reason starts with its kind's label: "not defined",
// "does not apply" or "too few". An entry with any such reason also has one "reason" naming each of them,
// for readers that look for a single field.

import { ICC_FORMS } from '../stats/icc.ts';
import { reasonText, type Reason } from '../stats/outcome.ts';
import type { ReliabilityReport } from './report.ts';

export const REASON_SUFFIX = 'Reason';

type Entry = { reasons?: Partial<Record<string, Reason>> };
export type ReliabilityJson = {
  segments: Record<string, Record<string, unknown>>;
  sessionCounts: Record<string, Record<string, unknown>>;
  ratings: Record<string, Record<string, unknown>>;
  /** Started codings not signed off as complete, each with its status and whether it was compared. */
  unfinished: { recording: string; coder: string; status: string; compared: boolean }[];
};

export const SEGMENT_FIELDS = ['n', 'percentAgreement', 'cohenKappa', 'fleissKappa', 'gwetAC1', 'krippendorffAlpha'] as const;
export const SESSION_COUNT_FIELDS = ['n', ...ICC_FORMS] as const;
export const RATING_FIELDS = ['n', ...ICC_FORMS, 'weightedKappa', 'gwetAC2', 'krippendorffAlpha'] as const;

function flatten(entry: Entry, fields: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = { ...entry };
  const out: Record<string, unknown> = {};
  const reasons: string[] = [];
  for (const field of fields) {
    out[field] = values[field];
    const why = entry.reasons?.[field];
    if (why === undefined) continue;
    const reason = reasonText(why);
    out[`${field}${REASON_SUFFIX}`] = reason;
    reasons.push(`${field}: ${reason}`);
  }
  if (reasons.length > 0) out['reason'] = reasons.join('; ');
  return out;
}

const mapEntries = (entries: Record<string, Entry>, fields: readonly string[]) =>
  Object.fromEntries(Object.entries(entries).map(([key, entry]) => [key, flatten(entry, fields)]));

export function reliabilityJson(report: ReliabilityReport): ReliabilityJson {
  return {
    segments: mapEntries(report.segments, SEGMENT_FIELDS),
    sessionCounts: mapEntries(report.sessionCounts, SESSION_COUNT_FIELDS),
    ratings: mapEntries(report.ratings, RATING_FIELDS),
    unfinished: report.unfinished.map((u) => ({ ...u, compared: report.includeUnfinished })),
  };
}
