import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../electron/core/audit/audit-log.ts';
import { compareReplay, readTables, type TableState } from '../../electron/core/audit/replay-check.ts';
import { REPLAYERS, replayAudit, type ReplayEntry } from '../../electron/core/audit/replay.ts';
import { closeStudy, type Study } from '../../electron/core/store/study-file.ts';
import { verifyStudy } from '../../electron/core/store/verify.ts';
import { REC, studyWithHistory, UNAUDITED_EDITS, type UnauditedEdit } from '../helpers/audit-history.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

const replayCheck = (study: Study) => verifyStudy(study).checks.find((c) => c.name === 'audit-replay')!;

describe('the audit log replays to the tables', () => {
  it('a whole history of marks, undo, imports, ratings, notes, watching, sign-offs, a consensus and settings matches', () => {
    const { study } = studyWithHistory(tempDir());
    const check = replayCheck(study);
    expect(check).toMatchObject({ ok: true, detail: expect.stringMatching(/^\d+ audit entries replayed: .* match the tables$/) });
    closeStudy(study);
  });

  // Each is a change made with the passphrase, straight in SQL, with no audit entry.
  const edits: UnauditedEdit[] = [
    ...UNAUDITED_EDITS,
    {
      what: "a coding's status",
      sql: () => "UPDATE coding_status SET state = 'in-progress' WHERE coder_id = (SELECT id FROM coders WHERE code = 'C02')",
      named: /the coding of C02 on D01-S01: the table says open, the audit log says complete/,
    },
    {
      what: 'a consensus coding’s kind',
      sql: () => "UPDATE coding_status SET kind = 'own' WHERE coder_id = (SELECT id FROM coders WHERE code = 'CONSENSUS')",
      named: /the coding of CONSENSUS on D01-S01: the table says its coder’s own, the audit log says a consensus coding/,
    },
    {
      what: 'a person’s coding made a consensus',
      sql: () => "UPDATE coding_status SET kind = 'consensus' WHERE coder_id = (SELECT id FROM coders WHERE code = 'C02')",
      named: /the coding of C02 on D01-S01: the table says a consensus coding, the audit log says its coder’s own/,
    },
    {
      what: 'a watched segment',
      sql: () => "DELETE FROM watched_segments WHERE segment_index = 0 AND coder_id = (SELECT id FROM coders WHERE code = 'C02')",
      named: /segment 1 of C02 on D01-S01: the table says not watched, the audit log says watched/,
    },
    {
      what: 'an added rating',
      sql: () =>
        `INSERT INTO ratings (recording_id, coder_id, item, value, updated_at) SELECT r.id, c.id, 'W1', 2, 'x' FROM recordings r, coders c WHERE c.code = 'L01'`,
      named: /rating W1 of L01 on D01-S01: the table says 2, the audit log says none/,
    },
    {
      what: 'an added mark',
      sql: () =>
        `INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, created_at, updated_at) SELECT r.id, c.id, 'C1', 'check', 1000, 'x', 'x' FROM recordings r, coders c WHERE c.code = 'C02'`,
      named: /mark \d+ of C02 on D01-S01 \(C1 at 00:01\) is in the table, but the audit log never recorded it/,
    },
  ];

  it.each(edits)('$what changed without an entry is named, and nothing else is', ({ sql, named }) => {
    const { study, markId } = studyWithHistory(tempDir());
    study.db.prepare(sql(markId)).run();
    const check = replayCheck(study);
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/^1 row differs from the audit log \(changed without an audit entry\): /);
    expect(check.detail).toMatch(named);
    expect(verifyStudy(study).ok).toBe(false);
    closeStudy(study);
  });

  it('notes are never echoed in the finding: they may name people', () => {
    const { study } = studyWithHistory(tempDir());
    study.db.prepare("UPDATE events SET note = 'Mrs Example said' WHERE note = 'said twice'").run();
    const check = replayCheck(study);
    expect(check.detail).toMatch(/another note \(10 characters; the table's has 16\)/);
    expect(check.detail).not.toMatch(/Example|said twice/);
    closeStudy(study);
  });

  it('an action this version does not know is reported as not replayable, and what it names is left out, not reported as changed', () => {
    const { study } = studyWithHistory(tempDir());
    study.db.transaction(() => {
      study.db.prepare("UPDATE coders SET role = 'lead' WHERE code = 'C02'").run();
      appendAudit(study.db, { actor: 'L01', action: 'coder.set-role-someday', entity: 'coder', entityId: 'C02', before: 'coder', after: 'lead' });
    })();
    const check = replayCheck(study);
    expect(check.ok).toBe(true);
    expect(check.detail).toMatch(
      /1 entry is not replayable by this version: coder\.set-role-someday \(entry \d+\) \(this version does not know the action\)/,
    );
    expect(check.detail).toMatch(/left out of the comparison: coder C02 \(its row, codings and marks\)/);
    // A change elsewhere is still found.
    study.db.prepare("UPDATE coders SET role = 'lead' WHERE code = 'C01'").run();
    expect(replayCheck(study)).toMatchObject({ ok: false, detail: expect.stringMatching(/coder C01: the table says role lead/) });
    closeStudy(study);
  });

  it('an unknown action on an entity the replay cannot scope stops the comparison from there, and says so', () => {
    const { study } = studyWithHistory(tempDir());
    study.db.transaction(() => {
      study.db.prepare("UPDATE ratings SET value = 2 WHERE item = 'W2'").run();
      appendAudit(study.db, { actor: 'L01', action: 'packet.import', entity: 'packet', entityId: 'abc' });
    })();
    const check = replayCheck(study);
    expect(check.ok).toBe(true);
    expect(check.detail).toMatch(/packet\.import .*nothing is compared/);
    closeStudy(study);
  });
});

describe('entries written by older versions replay as far as they allow', () => {
  const entry = (seq: number, action: string, entity: string, entityId: string | null, after: unknown): ReplayEntry => ({
    seq,
    action,
    entity,
    entityId,
    before: null,
    after: after === undefined ? null : JSON.stringify(after),
  });
  const olderLog: ReplayEntry[] = [
    // Before the final-segment setting, study.create recorded the scheme and segment length only.
    entry(1, 'study.create', 'study', '1', { schemeId: '3rs-2015', segmentSeconds: 300 }),
    entry(2, 'coder.add', 'coder', 'C01', { code: 'C01', name: 'A', role: 'coder' }),
    entry(3, 'coder.add', 'coder', 'L01', { code: 'L01', name: 'B', role: 'lead' }),
    entry(4, 'coder.add', 'coder', 'CONSENSUS', { code: 'CONSENSUS', name: 'Consensus', role: 'coder' }),
    entry(5, 'recording.add', 'recording', REC, { code: REC, sha256: 'f'.repeat(64), durationMs: 600_000 }),
    entry(6, 'segment.watch', 'segment', `${REC}/C01/0`, undefined),
    // Before this version, a consensus copied the watched segments without recording which.
    entry(7, 'consensus.start', 'coding', `${REC}/CONSENSUS`, {
      from: `${REC}/C01`,
      to: `${REC}/CONSENSUS`,
      marks: [],
      ratings: { W1: 2 },
      notes: { '0': 'n' },
    }),
  ];
  const tables: TableState = {
    settings: { schemeId: '3rs-2015', segmentSeconds: 300, minFinalSeconds: 0, blindCoding: true },
    coders: [
      { code: 'C01', name: 'A', role: 'coder' },
      { code: 'L01', name: 'B', role: 'lead' },
      { code: 'CONSENSUS', name: 'Consensus', role: 'coder' },
    ],
    recordings: [{ code: REC, sha256: 'f'.repeat(64), durationMs: 600_000 }],
    marks: [],
    ratings: [{ recording: REC, coder: 'CONSENSUS', item: 'W1', value: 2 }],
    notes: [{ recording: REC, coder: 'CONSENSUS', index: 0, note: 'n' }],
    watched: [
      { recording: REC, coder: 'C01', index: 0 },
      { recording: REC, coder: 'CONSENSUS', index: 0 },
    ],
    complete: [],
    consensus: [{ recording: REC, coder: 'CONSENSUS' }],
  };

  it('a consensus without its watched list, and a study made before the final-segment setting, give no false difference', () => {
    const result = compareReplay(tables, replayAudit(olderLog));
    expect(result.differences).toEqual([]);
    expect(result.notCompared).toEqual([
      `the watched segments of ${REC}/CONSENSUS are not compared: its consensus was started (entry 7) by a version that did not record the watched segments it copied`,
    ]);
  });

  it('what such entries do record is still compared', () => {
    const changed: TableState = { ...tables, ratings: [{ recording: REC, coder: 'CONSENSUS', item: 'W1', value: 5 }], watched: [tables.watched[1]!] };
    expect(compareReplay(changed, replayAudit(olderLog)).differences).toEqual([
      `rating W1 of CONSENSUS on ${REC}: the table says 5, the audit log says 2`,
      `segment 1 of C01 on ${REC}: the table says not watched, the audit log says watched`,
    ]);
  });

  it('what is left out is listed by its first ten, with how many more', () => {
    const unknown = Array.from({ length: 15 }, (_, i) => entry(8 + i, 'coding.someday', 'coding', `D0${i}-S01/C01`, { any: i }));
    const { notCompared } = compareReplay(tables, replayAudit([...olderLog, ...unknown]));
    expect(notCompared[0]).toMatch(
      /^15 entries are not replayable by this version: coding\.someday \(entries 8, 9, 10, 11, 12, …\) \(this version does not know the action\)$/,
    );
    expect(notCompared[1]).toMatch(/^left out of the comparison: the coding D00-S01\/C01, .*the coding D09-S01\/C01 and 5 more$/);
  });

  it('a malformed entry is not replayable, named by position, and leaves out only what it names', () => {
    const broken = [...olderLog, { ...entry(8, 'rating.set', 'rating', `${REC}/C01/W1`, undefined), after: '{not json' }];
    const state = replayAudit(broken);
    expect(state.notReplayable).toEqual([{ seq: 8, action: 'rating.set', reason: 'its before or after is not valid JSON' }]);
    const withRating: TableState = { ...tables, ratings: [...tables.ratings, { recording: REC, coder: 'C01', item: 'W1', value: 3 }] };
    expect(compareReplay(withRating, state).differences).toEqual([]);
  });
});

describe('the tables as verify reads them', () => {
  it('hold what the history wrote', () => {
    const { study } = studyWithHistory(tempDir());
    const tables = readTables(study.db);
    expect(tables.settings).toMatchObject({ blindCoding: true, segmentSeconds: 300 });
    expect(tables.complete.map((c) => c.coder).sort()).toEqual(['C01', 'C02']);
    expect(tables.consensus).toEqual([{ recording: REC, coder: 'CONSENSUS' }]);
    expect(
      tables.marks
        .filter((m) => !m.deleted && m.coder === 'C01')
        .map((m) => m.code)
        .sort(),
    ).toEqual(['C3', 'R4', 'W2']);
    closeStudy(study);
  });
});

describe('every audited action is known to the replay', () => {
  it('each action the core writes has a replayer (see the top of electron/core/audit/replay.ts to add one)', () => {
    const root = fileURLToPath(new URL('../../electron/core/', import.meta.url));
    const written = new Set<string>();
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const [, action] of source.matchAll(/\baction: '([a-z]+\.[a-z.-]+)'/g)) written.add(action!);
      for (const [, a, b] of source.matchAll(/\baction: [a-z]+ \? '([a-z]+\.[a-z.-]+)' : '([a-z]+\.[a-z.-]+)'/g)) written.add(a!).add(b!);
    }
    expect(written.size).toBeGreaterThan(20);
    expect([...written].filter((action) => !Object.hasOwn(REPLAYERS, action))).toEqual([]);
  });
});
