// Prepared statements kept for the life of their connection. Preparing a query costs more than running one of
// the small queries a mark's write and the coding view make, several times per keypress; SQLite re-prepares a
// kept statement by itself if the schema changes. Only for get/all/run: iterate() holds its statement until
// the loop ends, so an iterating query prepares its own.

import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

const kept = new WeakMap<Database, Map<string, Statement>>();

/** The statement for `sql` on `db`, prepared on first use. `sql` must be a fixed text, not one built from values. */
export function statement(db: Database, sql: string): Statement {
  let bySql = kept.get(db);
  if (!bySql) kept.set(db, (bySql = new Map<string, Statement>()));
  let prepared = bySql.get(sql);
  if (!prepared) bySql.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

/** The `n` of a `SELECT count(*) AS n …` query, run with `params`. */
export const count = (db: Database, sql: string, ...params: unknown[]): number => (statement(db, sql).get(...params) as { n: number }).n;
