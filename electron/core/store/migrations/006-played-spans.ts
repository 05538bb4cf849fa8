import type { Migration } from './types.ts';

/**
 * Version 6:
 * - `played_spans`: the parts of a recording a coder has played forward, as merged [start, end) spans in ms,
 *   so a segment counts as watched by the share of it actually seen, not by the playhead crossing its end.
 *   Studies made before have no spans: their `watched_segments` rows still count as watched.
 * - `early_ratings`: rating items set while part of the session was still unwatched. They stay flagged until
 *   the coder reviews them after watching (re-rates the item, or confirms the ratings once all is watched).
 */
export const migration006: Migration = {
  version: 6,
  name: 'coding: played spans and ratings made before watching',
  sql: `
    CREATE TABLE played_spans (
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
      end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
      PRIMARY KEY (recording_id, coder_id, start_ms)
    );

    CREATE TABLE early_ratings (
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      item TEXT NOT NULL,
      rated_at TEXT NOT NULL,
      PRIMARY KEY (recording_id, coder_id, item)
    );
  `,
};
