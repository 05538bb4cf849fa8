import { statSync } from 'node:fs';
import { checkAuditAnchor, verifyAuditChain, type AuditAnchor } from '../audit/audit-log.ts';
import { describeReplay } from '../audit/replay-check.ts';
import { checkSentAnchors } from '../lab/anchors.ts';
import type { Study } from './study-file.ts';
import { describeWalDamage, inspectWalAtRest } from './wal.ts';

export interface VerifyCheck {
  name: 'wal' | 'integrity' | 'cipher-pages' | 'audit-chain' | 'audit-replay' | 'audit-anchor' | 'lab-anchors';
  ok: boolean;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  checks: VerifyCheck[];
}

function run(name: VerifyCheck['name'], fn: () => string | { fail: string }): VerifyCheck {
  try {
    const out = fn();
    return typeof out === 'string' ? { name, ok: true, detail: out } : { name, ok: false, detail: out.fail };
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message };
  }
}

/** A chain head written down elsewhere earlier (an export's manifest, a lab packet), to be proven still held. */
export interface VerifyOptions {
  anchor?: AuditAnchor;
}

const NONE_SENT = 'no return packet sent';

function anchorCheck(db: Study['db'], anchor: AuditAnchor): string | { fail: string } {
  const check = checkAuditAnchor(db, anchor);
  return check.ok
    ? `the chain still holds entry ${anchor.seq} with the anchor's hash (${anchor.hash.slice(0, 12)}…); ${check.head.seq - anchor.seq} entries were added since`
    : { fail: check.reason };
}

/**
 * The write-ahead log read frame by frame as SQLite's recovery would (wal.ts): committed transactions it would
 * drop without a word are a failure. Runs before the integrity check's checkpoint folds the log into the file.
 */
function walCheck(path: string): string | { fail: string } {
  const { present, kept, damage } = inspectWalAtRest(path);
  if (damage) return { fail: describeWalDamage(damage) };
  return present
    ? `the write-ahead log reads whole (${kept} committed transaction${kept === 1 ? '' : 's'} not yet in the file)`
    : 'no write-ahead log to read';
}

/**
 * Independent checks:
 * - the write-ahead log's frames;
 * - SQLite's own structure check;
 * - every page authenticates: studies use auto_vacuum=FULL so no free page lingers, the file is exactly
 *   page_count pages, and a full scan of dbstat reads (and so HMAC-checks) every page of every table;
 * - the audit chain;
 * - the audit replay: the log alone rebuilds the codings, coders and settings the tables hold (audit/replay.ts);
 * - with an anchor, that the chain still holds it.
 * - on a coder's workstation, that the chain still holds the head each return packet sent to the lab carried.
 */
export function verifyStudy(study: Study, options: VerifyOptions = {}): VerifyReport {
  const { db } = study;
  const checks: VerifyCheck[] = [
    run('wal', () => walCheck(study.path)),
    run('integrity', () => {
      // Fold the WAL into the main file so the pages measured below are the ones on disk.
      db.pragma('wal_checkpoint(TRUNCATE)');
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
      return problems.length === 0 ? 'SQLite integrity check passed' : { fail: problems.slice(0, 5).join('; ') };
    }),
    run('cipher-pages', () => {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const pageCount = db.pragma('page_count', { simple: true }) as number;
      const freePages = db.pragma('freelist_count', { simple: true }) as number;
      const size = statSync(study.path).size;
      if (size !== pageSize * pageCount) {
        return { fail: `file is ${size} bytes but should be ${pageCount} pages of ${pageSize} bytes (truncated or extended)` };
      }
      if (freePages !== 0) return { fail: `${freePages} free pages are not covered by the page check` };
      let scanned = 0;
      let last = 'the first page';
      try {
        for (const row of db.prepare('SELECT name, pageno FROM dbstat').iterate() as IterableIterator<{ name: string; pageno: number }>) {
          scanned++;
          last = `page ${row.pageno} (${row.name})`;
        }
      } catch (err) {
        return { fail: `a page after ${last} does not authenticate: ${(err as Error).message}` };
      }
      return `${pageCount} pages authenticated (${scanned} table and index pages scanned)`;
    }),
    run('audit-chain', () => {
      const chain = verifyAuditChain(db);
      return chain.ok ? `${chain.entries} audit entries chain correctly` : { fail: `broken at entry ${chain.brokenAt}: ${chain.reason}` };
    }),
    run('audit-replay', () => describeReplay(db)),
    ...(options.anchor ? [run('audit-anchor', () => anchorCheck(db, options.anchor!))] : []),
  ];
  // Only a study that sent return packets to a lab has heads to keep.
  const labAnchors = run('lab-anchors', () => checkSentAnchors(db) ?? NONE_SENT);
  if (labAnchors.detail !== NONE_SENT) checks.push(labAnchors);
  return { ok: checks.every((c) => c.ok), checks };
}
