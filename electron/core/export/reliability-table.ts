// The reliability report as a long table: one row per key (or rating item) and statistic, so every
// statistic, its interval, its n and the reason it is missing sit in the same columns.

import { reasonText, type IntervalValue, type Reason, type ReliabilityReport } from '../reliability/index.ts';
import { ICC_FORMS } from '../stats/icc.ts';
import { col, tableOf, type Cell, type Table } from './table.ts';

const SEGMENT_STATISTICS = ['percentAgreement', 'cohenKappa', 'fleissKappa'] as const;
const SEGMENT_INTERVALS = ['gwetAC1', 'krippendorffAlpha'] as const;
const RATING_INTERVALS = ['gwetAC2', 'krippendorffAlpha'] as const;
const STATISTICS = [...SEGMENT_STATISTICS, ...SEGMENT_INTERVALS, ...ICC_FORMS, 'weightedKappa', 'gwetAC2'];

const COLUMNS = [
  col(
    'section',
    'string',
    'segments: agreement segment by segment on whether a code was marked; session-counts: agreement across recordings on the number of segments of the session in which a code was marked (session-level ICCs); ratings: agreement on a global rating item across recordings.',
    'segments, session-counts, ratings',
  ),
  col(
    'key',
    'string',
    'For segments and session-counts: a code, a category (any of its codes) or rupture (any withdrawal or confrontation code). For ratings: the rating item, as in the sessions file without the rating_ prefix.',
    'a code, withdrawal, confrontation, resolution, rupture, or a rating item',
  ),
  col(
    'statistic',
    'string',
    "percentAgreement (share of agreeing segments, of agreeing coder pairs with three or more coders, 0-1), cohenKappa (two coders), fleissKappa (three or more), gwetAC1 (Gwet's AC1, any number of coders), krippendorffAlpha (nominal for segments, interval for ratings), ICC1/ICC2/ICC3 (Shrout & Fleiss, one coder's value), ICC1k/ICC2k/ICC3k (the mean of the coders' values), weightedKappa (quadratic weights, two coders), gwetAC2 (Gwet's AC2, quadratic weights over the scale).",
    STATISTICS.join(', '),
  ),
  col('value', 'number', 'The statistic; empty when it does not apply or the data leave it undefined (see reason).', 'a number, or empty'),
  col('lower', 'number', 'Lower bound of the 95 % confidence interval (ICCs, AC1, AC2 and alpha); empty otherwise.', 'a number, or empty'),
  col('upper', 'number', 'Upper bound of the 95 % confidence interval (ICCs, AC1, AC2 and alpha); empty otherwise.', 'a number, or empty'),
  col(
    'n',
    'integer',
    'For segments: the segments compared. For session-counts: the recordings every coder coded. For ratings: the recordings that every coder rated on the item.',
    '0 or more',
  ),
  col(
    'reason',
    'string',
    'Why value (or its interval) is empty, after its kind: "does not apply" (not the statistic for this number of coders), "too few" (too few segments, recordings or coders to compute it) or "not defined" (the data leave it undefined); empty when everything is defined.',
    'not defined: …, does not apply: …, too few: …, or empty',
  ),
];

const reasonCell = (reason: Reason | undefined): Cell => (reason === undefined ? null : reasonText(reason));

const intervalRow = (section: string, key: string, statistic: string, value: IntervalValue | null, n: number, reason: Reason | undefined): Cell[] => [
  section,
  key,
  statistic,
  value?.value ?? null,
  value?.lower ?? null,
  value?.upper ?? null,
  n,
  reasonCell(reason),
];

export function reliabilityTable(report: ReliabilityReport): Table {
  const rows: Cell[][] = [];
  for (const [key, entry] of Object.entries(report.segments)) {
    for (const statistic of SEGMENT_STATISTICS) {
      rows.push(['segments', key, statistic, entry[statistic], null, null, entry.n, reasonCell(entry.reasons?.[statistic])]);
    }
    for (const statistic of SEGMENT_INTERVALS)
      rows.push(intervalRow('segments', key, statistic, entry[statistic], entry.n, entry.reasons?.[statistic]));
  }
  for (const [key, entry] of Object.entries(report.sessionCounts)) {
    for (const form of ICC_FORMS) rows.push(intervalRow('session-counts', key, form, entry[form], entry.n, entry.reasons?.[form]));
  }
  for (const [item, entry] of Object.entries(report.ratings)) {
    for (const form of ICC_FORMS) rows.push(intervalRow('ratings', item, form, entry[form], entry.n, entry.reasons?.[form]));
    rows.push(['ratings', item, 'weightedKappa', entry.weightedKappa, null, null, entry.n, reasonCell(entry.reasons?.weightedKappa)]);
    for (const statistic of RATING_INTERVALS)
      rows.push(intervalRow('ratings', item, statistic, entry[statistic], entry.n, entry.reasons?.[statistic]));
  }
  return tableOf('reliability', COLUMNS, rows);
}
