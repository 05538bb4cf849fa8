import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../electron/core/audit/audit-log.ts';
import { auditPage } from '../../electron/core/audit/audit-page.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** A study whose log has study.create and then 1,000 entries by C01 and C02 in turn, one a minute from 2026-03-01. */
function longLog() {
  const study = makeStudy(tempDir());
  study.db.transaction(() => {
    for (let i = 0; i < 1000; i++) {
      const at = new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString();
      appendAudit(
        study.db,
        {
          actor: i % 2 ? 'C02' : 'C01',
          action: i % 10 ? 'event.add' : 'rating.set',
          entity: 'event',
          entityId: i,
          after: { note: 'n'.repeat(i % 3 ? 1 : 500) },
        },
        at,
      );
    }
  })();
  return study;
}

describe('the audit trail a page at a time', () => {
  it('walks the whole log newest first, page after page, each entry once', () => {
    const study = longLog();
    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    do {
      const page = auditPage(study.db, { before, limit: 200 });
      expect(page.total).toBe(1001);
      seen.push(...page.entries.map((e) => e.seq));
      before = page.nextBefore ?? undefined;
      pages++;
    } while (before !== undefined);
    expect(pages).toBe(6);
    expect(seen).toEqual(Array.from({ length: 1001 }, (_, i) => 1001 - i));
    closeStudy(study);
  });

  it('filters by who, what and when (from included, to excluded), and counts what matches', () => {
    const study = longLog();
    const page = auditPage(study.db, { actor: 'C01', action: 'rating.set', from: '2026-03-01T01:00:00Z', to: '2026-03-01T03:00:00Z' });
    // rating.set every 10th entry, all by C01 (even i); minutes 60 to 179.
    expect(page.entries.map((e) => e.seq)).toEqual([172, 162, 152, 142, 132, 122, 112, 102, 92, 82, 72, 62]);
    expect(page.total).toBe(12);
    expect(page.actors).toEqual(['C01', 'C02', 'test']);
    expect(page.actions).toEqual(['event.add', 'rating.set', 'study.create']);
    closeStudy(study);
  });

  it('a coder’s view holds only their own entries, in the entries, the count and the choices', () => {
    const study = longLog();
    const page = auditPage(study.db, { limit: 5 }, 'C02');
    expect(page.entries.every((e) => e.actor === 'C02')).toBe(true);
    expect(page.total).toBe(500);
    expect(page.actors).toEqual(['C02']);
    expect(auditPage(study.db, { actor: 'C01' }, 'C02').total).toBe(0);
    closeStudy(study);
  });

  it('shortens long before/after texts to a glance and refuses a date it cannot read', () => {
    const study = longLog();
    const long = auditPage(study.db, { limit: 1, before: 3 }).entries[0]!; // entry 2: a 500-character note
    expect(long.after).toHaveLength(161);
    expect(long.after!.endsWith('…')).toBe(true);
    expect(() => auditPage(study.db, { from: 'last tuesday' })).toThrow(/"from" date "last tuesday" is not a date and time/);
    expect(() => auditPage(study.db, { limit: 1000 })).toThrow(/1 to 200 entries/);
    closeStudy(study);
  });
});
