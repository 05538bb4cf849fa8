import type { Migration } from './types.ts';

/**
 * Version 2: what playback needs. The video's pixel format (10-bit or 4:2:2 video needs a proxy even in a
 * container the browser reads), and a place for secrets that live and die with the study, such as the key
 * of the companion media file: kept here, it is encrypted by the study's passphrase and follows its rekeys.
 */
export const migration002: Migration = {
  version: 2,
  name: 'media: pixel format, study secrets',
  sql: `
    ALTER TABLE recordings ADD COLUMN pix_fmt TEXT;

    CREATE TABLE secrets (
      name TEXT PRIMARY KEY,
      value BLOB NOT NULL,
      created_at TEXT NOT NULL
    );
  `,
};
