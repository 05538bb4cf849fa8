import type { Migration } from './types.ts';

/**
 * Version 3: finding audit entries by what they record. Which codings are consensus codings is read from the
 * log's consensus.start entries at unlock and on every write a lead makes to a consensus; without an index
 * each of those reads the whole log, which grows by an entry for every mark.
 */
export const migration003: Migration = {
  version: 3,
  name: 'audit: lookup by action',
  sql: `
    CREATE INDEX audit_log_by_action ON audit_log (action, entity, entity_id);
  `,
};
