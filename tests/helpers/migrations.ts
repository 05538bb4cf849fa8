// A database brought to a given schema version by the real migrations, as an upgrade test needs it: filled at
// version N−1, migrated one step, then looked at. The app itself always migrates to the latest (migrate()).

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, schemaVersion } from '../../electron/core/store/migrations/index.ts';

/** Applies the steps from the database's version up to `version`, in one transaction, as migrate() does. */
export function migrateTo(db: Database, version: number): void {
  const from = schemaVersion(db);
  if (version < from || version > MIGRATIONS.length) throw new Error(`cannot migrate from version ${from} to ${version}`);
  db.transaction(() => {
    for (const m of MIGRATIONS.slice(from, version)) db.exec(m.sql);
    db.pragma(`user_version = ${version}`);
  })();
}
