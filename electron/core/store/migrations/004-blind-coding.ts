import type { Migration } from './types.ts';

/**
 * Version 4: whether coding is blind. On (the default, and for every study made before) a coder sees only
 * their own coding; a lead may turn it off for the study, e.g. for a training group that reviews its
 * codings together.
 */
export const migration004: Migration = {
  version: 4,
  name: 'study: blind coding setting',
  sql: `
    ALTER TABLE study ADD COLUMN blind_coding INTEGER NOT NULL DEFAULT 1 CHECK (blind_coding IN (0, 1));
  `,
};
