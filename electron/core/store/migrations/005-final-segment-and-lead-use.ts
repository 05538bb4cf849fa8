import type { Migration } from './types.ts';

/**
 * Version 5:
 * - `min_final_seconds`: a final part of a recording shorter than this joins the previous segment, so a
 *   5:00.4 recording is not given a 0.4 s segment nobody can code. 0 (no merging) for every study made
 *   before, so their grids, and the codings on them, stay as they were; new studies set a fifth of the
 *   segment length.
 * - `used_at`: when a complete coding was first used: by a lead (compare, consensus, export), or checked
 *   against a reference in training, which shows the reference's marks. Until then its coder may reopen it;
 *   a lead's reopen clears it.
 */
export const migration005: Migration = {
  version: 5,
  name: 'study: final segment merge; coding: when first used',
  sql: `
    ALTER TABLE study ADD COLUMN min_final_seconds INTEGER NOT NULL DEFAULT 0 CHECK (min_final_seconds >= 0);
    ALTER TABLE coding_status ADD COLUMN used_at TEXT;
  `,
};
