// The audit trail a page at a time, newest first, filtered by who, what and when: what the Security screen
// shows. A study may hold 100,000 entries, so pages are cut in SQL by position (seq), never in memory.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { statement } from '../store/statements.ts';

export interface AuditFilter {
  /** Who: the actor exactly as logged (a coder code, or `cli:<user>`). */
  actor?: string;
  /** What: the action, e.g. `event.add`. */
  action?: string;
  /** When: entries at or after this instant (ISO 8601). */
  from?: string;
  /** When: entries before this instant (ISO 8601). */
  to?: string;
}

export interface AuditPageQuery extends AuditFilter {
  /** Entries older than this position (the previous page's `nextBefore`); left out, the newest. */
  before?: number;
  /** Entries per page, 1–200 (default 50). */
  limit?: number;
}

export interface AuditPageEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  /** The state before and after as logged (JSON), shortened to a glance. */
  before: string | null;
  after: string | null;
}

export interface AuditPage {
  entries: AuditPageEntry[];
  /** Entries matching the filter, on every page. */
  total: number;
  /** The `before` of the next (older) page; null on the last page. */
  nextBefore: number | null;
  /** The actors and actions the filters may choose among (within what the reader may see). */
  actors: string[];
  actions: string[];
}

const DEFAULT_LIMIT = 50;

// Fixed texts (values go in as parameters), so the statements are prepared once per connection.
const SCOPE = '(@only IS NULL OR actor = @only)';
const WHERE = `${SCOPE} AND (@actor IS NULL OR actor = @actor) AND (@action IS NULL OR action = @action)
  AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)`;
const SHOWN_CHARACTERS = 160;

const shorten = (text: string | null): string | null =>
  text === null || text.length <= SHOWN_CHARACTERS ? text : `${text.slice(0, SHOWN_CHARACTERS)}…`;

function instant(value: string | undefined, name: string): string | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new AppError('INVALID_INPUT', `The "${name}" date "${value}" is not a date and time. Give it as ISO 8601, e.g. 2026-03-01T00:00:00Z.`);
  // The log's times are ISO strings in UTC, which sort as text.
  return new Date(ms).toISOString();
}

/**
 * One page of the audit trail. `onlyActor`, when given, restricts everything (the entries, the totals, the
 * choices of actor and action) to that actor's own entries: what a coder may see of the log.
 */
export function auditPage(db: Database, query: AuditPageQuery, onlyActor?: string): AuditPage {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new AppError('INVALID_INPUT', `A page holds 1 to 200 entries (asked for ${limit}).`);
  const params = {
    only: onlyActor ?? null,
    actor: query.actor ?? null,
    action: query.action ?? null,
    from: instant(query.from, 'from'),
    to: instant(query.to, 'to'),
    before: query.before ?? null,
  };
  const rows = statement(
    db,
    `SELECT seq, at, actor, action, entity, entity_id AS entityId, before, after FROM audit_log
     WHERE ${WHERE} AND (@before IS NULL OR seq < @before) ORDER BY seq DESC LIMIT @limit`,
  ).all({ ...params, limit: limit + 1 }) as AuditPageEntry[];
  const page = rows.slice(0, limit);
  const { total } = statement(db, `SELECT count(*) AS total FROM audit_log WHERE ${WHERE}`).get(params) as { total: number };
  const distinct = (column: 'actor' | 'action') =>
    (
      statement(db, `SELECT DISTINCT ${column} AS value FROM audit_log WHERE ${SCOPE} ORDER BY value`).all({ only: params.only }) as {
        value: string;
      }[]
    ).map((r) => r.value);
  return {
    entries: page.map((e) => ({ ...e, before: shorten(e.before), after: shorten(e.after) })),
    total,
    nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null,
    actors: distinct('actor'),
    actions: distinct('action'),
  };
}
