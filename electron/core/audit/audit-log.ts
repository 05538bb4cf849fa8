import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { statement } from '../store/statements.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** Who: a coder code, or `cli:<user>` / `app` for actions outside a coding session. */
  actor: string;
  /** What, as `entity.verb`, e.g. `event.add`, `rating.set`, `study.rekey`. */
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

/** An audit_log row as SQLite gives it. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** The hash covers every field and the previous hash, so editing, removing or reordering any row breaks the chain. */
export function hashRecord(r: Omit<AuditRecord, 'hash'>): string {
  const payload = JSON.stringify([r.seq, r.at, r.actor, r.action, r.entity, r.entityId, r.before, r.after, r.prevHash]);
  return createHash('sha256').update(payload).digest('hex');
}

/** Appends one entry. Call inside the transaction that makes the change, so both commit or neither does. */
export function appendAudit(db: Database, entry: AuditEntry, at: string = new Date().toISOString()): AuditRecord {
  const last = statement(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const partial = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: toJson(entry.before),
    after: toJson(entry.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const record: AuditRecord = { ...partial, hash: hashRecord(partial) };
  statement(
    db,
    `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @entity, @entityId, @before, @after, @prevHash, @hash)`,
  ).run(record);
  return record;
}

export function fromRow(r: AuditRow): AuditRecord {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function listAudit(db: Database, options: { entity?: string; limit?: number } = {}): AuditRecord[] {
  const rows = (
    options.entity === undefined
      ? statement(db, 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(options.limit ?? -1)
      : statement(db, 'SELECT * FROM audit_log WHERE entity = ? ORDER BY seq DESC LIMIT ?').all(options.entity, options.limit ?? -1)
  ) as AuditRow[];
  return rows.map(fromRow);
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the chain from the first entry and names the first link that does not hold. */
export function verifyAuditChain(db: Database): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    const r = fromRow(row);
    entries++;
    if (r.seq !== expectedSeq) {
      return { ok: false, entries, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing (next entry is ${r.seq})` };
    }
    if (r.prevHash !== prevHash) {
      return { ok: false, entries, brokenAt: r.seq, reason: `entry ${r.seq} does not follow entry ${r.seq - 1} (previous hash differs)` };
    }
    if (hashRecord(r) !== r.hash) {
      return { ok: false, entries, brokenAt: r.seq, reason: `entry ${r.seq} was altered after it was written (hash differs)` };
    }
    prevHash = r.hash;
    expectedSeq++;
  }
  return { ok: true, entries };
}

/** Where the chain ends: the position and hash an export or a lab packet writes down, to be checked later. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/** The chain's last entry; an empty log is seq 0 with the genesis hash (what the first entry will link to). */
export function auditHead(db: Database): AuditAnchor {
  const last = statement(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditAnchor | undefined;
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

export type AnchorCheck = { ok: true; head: AuditAnchor } | { ok: false; reason: string };

const short = (hash: string): string => hash.slice(0, 12);

/**
 * Whether the chain still holds an anchor written earlier: the whole chain verifies, and the entry at the
 * anchor's position has the anchor's hash. Since every hash covers the one before it, this proves that no entry
 * up to the anchor was changed, removed or reordered since the anchor left the machine.
 */
export function checkAuditAnchor(db: Database, anchor: AuditAnchor): AnchorCheck {
  const chain = verifyAuditChain(db);
  if (!chain.ok) return { ok: false, reason: `the audit log itself is broken: ${chain.reason}` };
  const head = auditHead(db);
  if (anchor.seq === 0) {
    return anchor.hash === GENESIS_HASH
      ? { ok: true, head }
      : { ok: false, reason: `the anchor names position 0 with hash ${short(anchor.hash)}…, but position 0 is the empty log` };
  }
  if (anchor.seq > head.seq) {
    return {
      ok: false,
      reason: `the anchor names audit entry ${anchor.seq}, but the log ends at entry ${head.seq}: entries written before the anchor are gone (or the anchor belongs to another study)`,
    };
  }
  const row = statement(db, 'SELECT hash FROM audit_log WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  if (!row) return { ok: false, reason: `audit entry ${anchor.seq} named by the anchor is missing` };
  if (row.hash !== anchor.hash) {
    return {
      ok: false,
      reason: `audit entry ${anchor.seq} has hash ${short(row.hash)}…, the anchor says ${short(anchor.hash)}…: the log was rewritten up to that entry since the anchor was written (or the anchor belongs to another study)`,
    };
  }
  return { ok: true, head };
}
