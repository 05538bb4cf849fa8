// The input of the agreement coefficients over categories: per subject, how many raters put it in each
// category. Agreement over thousands of segments has only a handful of distinct rows, so a table may give
// identical rows once, with the number of subjects that have them.

import { AppError } from '../errors.ts';

/** Rows are subjects, columns categories; a cell counts the raters who put that subject in that category. */
export type CountTable = readonly (readonly number[])[];

/** A count table with its identical rows given once: `subjects` subjects each have the counts of `row`. */
export type GroupedCountTable = readonly GroupedRow[];
export interface GroupedRow {
  readonly row: readonly number[];
  readonly subjects: number;
}

const isPlainRow = (entry: readonly number[] | GroupedRow): entry is readonly number[] => Array.isArray(entry);

export const grouped = (table: CountTable | GroupedCountTable): GroupedCountTable =>
  (table as readonly (readonly number[] | GroupedRow)[]).map((entry) => (isPlainRow(entry) ? { row: entry, subjects: 1 } : entry));

/**
 * Raw ratings (subjects in rows, raters in columns, null where a rater did not rate) as counts over the
 * categories `values`, in their order, identical rows given once with their number of subjects: a thousand
 * recordings rated 1–5 by two coders make at most 25 rows.
 */
export function countsOf(ratings: readonly (readonly (number | null)[])[], values: readonly number[]): GroupedCountTable {
  const index = new Map(values.map((v, i) => [v, i]));
  const rows = new Map<string, { row: number[]; subjects: number }>();
  for (const rating of ratings) {
    const counts = new Array<number>(values.length).fill(0);
    for (const x of rating) {
      if (x === null) continue;
      const i = index.get(x);
      if (i === undefined)
        throw new AppError('INVALID_INPUT', `A rating of ${x} is not one of the categories ${values.join(', ')}; give ratings on the scale.`);
      counts[i]!++;
    }
    const key = counts.join(',');
    const seen = rows.get(key);
    if (seen) seen.subjects++;
    else rows.set(key, { row: counts, subjects: 1 });
  }
  return [...rows.values()];
}
