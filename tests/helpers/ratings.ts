import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ApiHandlers } from '../../electron/core/api/handlers.ts';
import { getRatings, importRatings } from '../../electron/core/coding/ratings.ts';
import { getScheme, ratingItemIds } from '../../electron/core/scheme/index.ts';
import { value } from './api.ts';

/**
 * Rates every item of the coding not rated yet, as for a session without real ruptures (significance 1,
 * overall resolution 3), so that it may be completed: completing is refused while a rating is missing.
 */
export function rateTheRest(db: Database, recording: string, coder: string, actor = coder): void {
  const rated = getRatings(db, recording, coder);
  const rows = ratingItemIds(getScheme('3rs-2015'))
    .filter((item) => rated[item] === undefined)
    .map((item) => ({ item, value: item === 'overall_resolution' ? 3 : 1 }));
  if (rows.length > 0) importRatings(db, recording, coder, rows, actor);
}

/** The same through the api, for the chosen coder's own coding or the consensus coding `coder` a lead names. */
export async function rateTheRestThrough(api: ApiHandlers, recording: string, coder?: string): Promise<void> {
  const { ratings } = value(await api['coding.view']({ recording, coder })).scoresheet;
  for (const item of ratingItemIds(getScheme('3rs-2015')).filter((id) => ratings[id] === undefined)) {
    value(await api['ratings.set']({ recording, coder, item, value: item === 'overall_resolution' ? 3 : 1 }));
  }
}
