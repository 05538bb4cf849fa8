// Global ratings from a CSV file with the header `item,value`.

import type { RatingRow } from '../coding/index.ts';
import type { Scheme } from '../scheme/index.ts';
import { csvError, glimpse, readCsvTable } from './csv-table.ts';
import type { TextInput } from './read-text-file.ts';

export const RATINGS_CSV_HEADER = ['item', 'value'] as const;

/** Every row is checked before anything is returned, so a caller imports all rows or none. */
export function parseRatingsCsv(input: TextInput, scheme: Scheme): Promise<RatingRow[]> {
  const items = new Map(scheme.ratingItems.map((item) => [item.id.toLowerCase(), item]));
  const named = scheme.ratingItems
    .filter((item) => !item.code)
    .map((item) => item.id)
    .join(', ');
  const firstLine = new Map<string, number>();
  return readCsvTable(input, RATINGS_CSV_HEADER, RATINGS_CSV_HEADER.length, ({ line, fields }) => {
    const [rawItem = '', rawValue = ''] = fields;
    const item = items.get(rawItem.toLowerCase());
    if (!item) throw csvError(line, `"${glimpse(rawItem)}" is not a rating item. Use a marker code (such as W1 or R10) or one of ${named}.`);
    const earlier = firstLine.get(item.id);
    if (earlier !== undefined) throw csvError(line, `${item.id} is rated again (it is already on line ${earlier}). Keep one row per item.`);
    firstLine.set(item.id, line);
    const value = Number(rawValue);
    // Every 3RS scale runs 1 to 5 (ScaleDef fixes min and max).
    if (!/^\d+$/.test(rawValue) || value < 1 || value > 5) {
      throw csvError(line, `the value of ${item.id} must be a whole number from 1 to 5 (found "${glimpse(rawValue)}").`);
    }
    return { item: item.id, value };
  });
}
