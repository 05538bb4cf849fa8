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
 * categories `values`, in their order.
 */
export function countsOf(ratings: readonly (readonly (number | null)[])[], values: readonly number[]): CountTable {
  const index = new Map(values.map((v, i) => [v, i]));
  return ratings.map((row) => {
    const counts = new Array<number>(values.length).fill(0);
    for (const x of row) {
      if (x === null) continue;
      const i = index.get(x);
      if (i === undefined) throw new AppError('INVALID_INPUT', `A rating of ${x} is not one of the categories ${values.join(', ')}; give ratings on the scale.`);
      counts[i]!++;
    }
    return counts;
  });
}
