import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';

const SECRET_NAME = 'media-store-key';
const KEY_BYTES = 32;

export function findMediaKey(db: Database): Buffer | null {
  const row = db.prepare('SELECT value FROM secrets WHERE name = ?').get(SECRET_NAME) as { value: Buffer } | undefined;
  return row?.value ?? null;
}

/**
 * The key of the companion media file: random, made on first use and kept inside the encrypted study, so
 * the media file is useless without the study and a passphrase change needs no work on it. The audit entry
 * records that a key was made, never the key. IMMEDIATE: two processes opening the media file for the first
 * time at once must not both make a key.
 */
export function mediaKey(db: Database, actor: string): Buffer {
  return db
    .transaction(() => {
      const existing = findMediaKey(db);
      if (existing) return existing;
      const key = randomBytes(KEY_BYTES);
      const at = new Date().toISOString();
      db.prepare('INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)').run(SECRET_NAME, key, at);
      appendAudit(db, { actor, action: 'media.key.create', entity: 'secret', entityId: SECRET_NAME }, at);
      return key;
    })
    .immediate();
}
