import { statSync } from 'node:fs';
import { verifyAuditChain } from '../audit/audit-log.ts';
import type { Study } from './study-file.ts';

export interface VerifyCheck {
  name: 'integrity' | 'cipher-pages' | 'audit-chain';
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

/**
 * Three independent checks:
 * - SQLite's own structure check;
 * - every page authenticates: studies use auto_vacuum=FULL so no free page lingers, the file is exactly
 *   page_count pages, and a full scan of dbstat reads (and so HMAC-checks) every page of every table;
 * - the audit chain.
 */
export function verifyStudy(study: Study): VerifyReport {
  const { db } = study;
  const checks: VerifyCheck[] = [
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
  ];
  return { ok: checks.every((c) => c.ok), checks };
}
