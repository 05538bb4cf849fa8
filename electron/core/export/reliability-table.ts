// The reliability report as a long table: one row per key (or rating item) and statistic, so every
// statistic, its interval, its n and the reason it is missing sit in the same columns.

import type { ReliabilityReport } from '../reliability/index.ts';
import { ICC_FORMS } from '../stats/icc.ts';
import { col, tableOf, type Cell, type Table } from './table.ts';

const SEGMENT_STATISTICS = ['percentAgreement', 'cohenKappa', 'fleissKappa'] as const;
const RATING_STATISTICS = [...ICC_FORMS, 'weightedKappa'] as const;

const COLUMNS = [
  col('section', 'string', 'segments: agreement segment by segment on whether a code was marked; ratings: agreement on a global rating item across recordings.', 'segments, ratings'),
  col(
    'key',
    'string',
    'For segments: a code, a category (any of its codes) or rupture (any withdrawal or confrontation code). For ratings: the rating item, as in the sessions file without the rating_ prefix.',
    'a code, withdrawal, confrontation, resolution, rupture, or a rating item',
  ),
  col(
    'statistic',
    'string',
    "percentAgreement (share of agreeing coder pairs, 0-1), cohenKappa (two coders), fleissKappa (three or more), ICC1/ICC2/ICC3 (Shrout & Fleiss, one coder's rating), ICC1k/ICC2k/ICC3k (the mean of the coders' ratings), weightedKappa (quadratic weights, two coders).",
    [...SEGMENT_STATISTICS, ...RATING_STATISTICS].join(', '),
  ),
  col('value', 'number', 'The statistic; empty when it does not apply or the data leave it undefined (see reason).', 'a number, or empty'),
  col('lower', 'number', 'Lower bound of the 95 % confidence interval (ICCs only); empty otherwise.', 'a number, or empty'),
  col('upper', 'number', 'Upper bound of the 95 % confidence interval (ICCs only); empty otherwise.', 'a number, or empty'),
  col('n', 'integer', 'For segments: the segments compared. For ratings: the recordings that every coder rated on the item.', '0 or more'),
  col('reason', 'string', 'Why value (or its interval) is empty; empty when everything is defined.', 'text, or empty'),
];

export function reliabilityTable(report: ReliabilityReport): Table {
  const rows: Cell[][] = [];
  for (const [key, entry] of Object.entries(report.segments)) {
    for (const statistic of SEGMENT_STATISTICS) {
      rows.push(['segments', key, statistic, entry[statistic], null, null, entry.n, entry.reasons?.[statistic] ?? null]);
    }
  }
  for (const [item, entry] of Object.entries(report.ratings)) {
    for (const form of ICC_FORMS) {
      const icc = entry[form];
      rows.push(['ratings', item, form, icc?.value ?? null, icc?.lower ?? null, icc?.upper ?? null, entry.n, entry.reasons?.[form] ?? null]);
    }
    rows.push(['ratings', item, 'weightedKappa', entry.weightedKappa, null, null, entry.n, entry.reasons?.weightedKappa ?? null]);
  }
  return tableOf('reliability', COLUMNS, rows);
}
