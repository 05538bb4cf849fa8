import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { codingsOf, completeCoding, importMarks, importRatings, markSegmentWatched, setSegmentNote } from '../../electron/core/coding/index.ts';
import { ratingItemIds, getScheme } from '../../electron/core/scheme/index.ts';
import { sessionOf } from '../../electron/core/api/handlers.ts';
import { closeStudy, type Study } from '../../electron/core/store/study-file.ts';
import { useApiHandlers, value } from '../helpers/api.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const api = useApiHandlers();
const HOUR = 60 * 60_000;

afterEach(() => vi.restoreAllMocks());

/** `count` recordings, a lead L01 and coders C01, C02; C01's codings reach every state along the list. */
function labStudy(count: number): Study {
  const study = makeStudy(tempDir(), 300);
  addTestCoder(study, 'L01', 'lead');
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  const items = ratingItemIds(getScheme('3rs-2015'));
  for (let i = 1; i <= count; i++) {
    const code = `D${String(i).padStart(3, '0')}-S01`;
    addFakeRecording(study, code, HOUR);
    if (i % 3 === 0) continue;
    importMarks(study.db, code, 'C01', [{ code: 'W1', clarity: 'check', timeMs: 60_000 }], ACTOR);
    for (let s = 0; s < i % 13; s++) markSegmentWatched(study.db, code, 'C01', s, ACTOR);
    if (i % 3 === 1) {
      for (let s = i % 13; s < 12; s++) markSegmentWatched(study.db, code, 'C01', s, ACTOR);
      importRatings(
        study.db,
        code,
        'C01',
        items.map((item) => ({ item, value: 1 })),
        ACTOR,
      );
      completeCoding(study.db, code, 'C01', ACTOR);
    }
    if (i % 2 === 0) importMarks(study.db, code, 'C02', [{ code: 'C1', clarity: 'check-minus', timeMs: 90_000 }], ACTOR);
  }
  return study;
}

async function listAs(study: Study, coder: string) {
  const path = study.path;
  closeStudy(study);
  const handlers = api();
  value(await handlers['study.open']({ path, passphrase: PASSPHRASE }));
  value(await handlers['session.selectCoder']({ code: coder }));
  return { handlers, list: () => handlers['recordings.list']({}).then(value) };
}

interface Run {
  sql: string;
  args: unknown[];
}

/** Every statement `db`'s connection reads with while `run` goes (its SQL and arguments), by spying on the reads. */
async function statementsRun(db: Database, run: () => Promise<unknown>): Promise<Run[]> {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<'all' | 'get' | 'iterate', (...args: unknown[]) => unknown>;
  const seen: Run[] = [];
  for (const read of ['all', 'get', 'iterate'] as const) {
    const original = proto[read];
    vi.spyOn(proto, read).mockImplementation(function (this: { source: string }, ...args: unknown[]) {
      seen.push({ sql: this.source, args });
      return original.apply(this, args);
    });
  }
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return seen;
}

describe('the home’s list of recordings', () => {
  it('gives a lead every begun coding of every recording, as each recording’s own page reads them', async () => {
    const study = labStudy(12);
    const recordings = Array.from({ length: 12 }, (_, i) => `D${String(i + 1).padStart(3, '0')}-S01`);
    const expected = recordings.map((code) => codingsOf(study.db, code));
    const { list } = await listAs(study, 'L01');
    const listed = await list();
    expect(listed.map((r) => r.code)).toEqual(recordings);
    expect(listed.map((r) => r.codings)).toEqual(expected);
    // Every state is on the list: signed off with all 12 segments watched, under way, not begun (no coding at all).
    expect(listed[0]!.codings).toEqual([{ coder: 'C01', state: 'complete', watchedSegments: 12 }]);
    expect(listed[1]!.codings).toEqual([
      { coder: 'C01', state: 'in-progress', watchedSegments: 2 },
      { coder: 'C02', state: 'in-progress', watchedSegments: 0 },
    ]);
    expect(listed[2]!.codings).toEqual([]);
  });

  it('gives a blind coder their own coding of each recording, begun or not, with the segments they watched', async () => {
    const study = labStudy(4);
    // A coding with work but no status row, as an older version wrote it, counts as begun.
    setSegmentNote(study.db, 'D003-S01', 'C02', 0, 'a note before any mark', ACTOR);
    study.db.prepare("DELETE FROM coding_status WHERE coder_id = (SELECT id FROM coders WHERE code = 'C02')").run();
    const { list } = await listAs(study, 'C02');
    expect((await list()).map((r) => [r.code, r.codings])).toEqual([
      ['D001-S01', [{ coder: 'C02', state: 'not-started', watchedSegments: 0 }]],
      ['D002-S01', [{ coder: 'C02', state: 'in-progress', watchedSegments: 0 }]],
      ['D003-S01', [{ coder: 'C02', state: 'in-progress', watchedSegments: 0 }]],
      ['D004-S01', [{ coder: 'C02', state: 'in-progress', watchedSegments: 0 }]],
    ]);
  });

  it('reads a lab’s study in the same few queries as a small one, each through an index, never scanning the marks', async () => {
    for (const coder of ['L01', 'C01']) {
      const listed = async (count: number) => {
        const { handlers, list } = await listAs(labStudy(count), coder);
        const { db } = sessionOf(handlers)!.study();
        return { db, runs: await statementsRun(db, list) };
      };
      const small = (await listed(3)).runs;
      const { db, runs: large } = await listed(20);
      expect(large.map((r) => r.sql)).toEqual(small.map((r) => r.sql));
      for (const { sql, args } of large) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail);
        // Only the list's own rows are walked whole: the recordings, and for a lead the codings' status rows.
        for (const step of plan.filter((s) => s.startsWith('SCAN')))
          expect(step, sql).toMatch(/^SCAN (recordings|r|study|s USING INDEX sqlite_autoindex_coding_status_1)\b/);
      }
    }
  });
});
