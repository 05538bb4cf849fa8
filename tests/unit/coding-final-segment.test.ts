import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderScoresheet } from '../../electron/cli/scoresheet-text.ts';
import { addMark, buildScoresheet } from '../../electron/core/coding/index.ts';
import { exportStudy } from '../../electron/core/export/index.ts';
import { getScheme } from '../../electron/core/scheme/index.ts';
import { getSettings, setSegmentGrid } from '../../electron/core/store/settings.ts';
import { createStudy } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { migrateTo } from '../helpers/migrations.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

describe('a final part shorter than the study’s minimum joins the previous segment', () => {
  it('a new study merges a final part under a fifth of its segment length, unless it says otherwise', () => {
    expect(getSettings(makeStudy(tempDir()).db)).toMatchObject({ segmentSeconds: 300, minFinalSeconds: 60 });
    expect(getSettings(makeStudy(tempDir(), 60).db)).toMatchObject({ segmentSeconds: 60, minFinalSeconds: 12 });
    const chosen = createStudy(join(tempDir(), 'chosen.3rs'), PASSPHRASE, { segmentSeconds: 120, minFinalSeconds: 0, actor: ACTOR });
    expect(getSettings(chosen.db).minFinalSeconds).toBe(0);
  });

  it('a study made before the setting keeps its grid: migrated, its minimum is 0', () => {
    const db = new Database(':memory:');
    migrateTo(db, 4);
    db.prepare("INSERT INTO study (id, scheme_id, segment_seconds, created_at) VALUES (1, '3rs-2015', 300, 'x')").run();
    migrateTo(db, 5);
    expect(getSettings(db)).toMatchObject({ segmentSeconds: 300, minFinalSeconds: 0 });
    db.close();
  });

  it('the scoresheet of a 5:00.4 recording is one segment, and a mark in its last 0.4 s is in it', () => {
    const study = makeStudy(tempDir());
    addFakeRecording(study, 'D01-S01', 300_400);
    addTestCoder(study, 'C01');
    addMark(study.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 300_200 }, 'C01');
    const sheet = buildScoresheet(study.db, 'D01-S01', 'C01');
    expect(sheet).toMatchObject({ segmentSeconds: 300, minFinalSeconds: 60 });
    expect(sheet.segments).toEqual([{ index: 0, startMs: 0, endMs: 300_400, marks: { W1: { count: 1, clarity: 'check' } } }]);
    // The command line's scoresheet says the last segment is longer than the others.
    expect(renderScoresheet(sheet, getScheme('3rs-2015'))).toMatch(/in 1 segment of 300 s \(the last one 05:00\.400\)\./);
  });

  it('the setting changes with the segment length until the first mark, then both are locked', () => {
    const study = makeStudy(tempDir());
    addFakeRecording(study, 'D01-S01', 600_000);
    addTestCoder(study, 'C01');
    expect(setSegmentGrid(study.db, { minFinalSeconds: 30 }, ACTOR)).toMatchObject({ segmentSeconds: 300, minFinalSeconds: 30 });
    // One the lab chose stays when the length changes; it may not exceed the length.
    expect(setSegmentGrid(study.db, { segmentSeconds: 120 }, ACTOR)).toMatchObject({ segmentSeconds: 120, minFinalSeconds: 30 });
    expect(() => setSegmentGrid(study.db, { segmentSeconds: 20 }, ACTOR)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const actions = (study.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'study.set-%' ORDER BY seq").all() as { action: string }[]).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['study.set-min-final-seconds', 'study.set-segment-seconds']);
    addMark(study.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 0 }, 'C01');
    expect(() => setSegmentGrid(study.db, { minFinalSeconds: 0 }, ACTOR)).toThrow(expect.objectContaining({ code: 'LOCKED_SETTING' }));
  });

  it('the export’s segments table and manifest show it, and the data dictionary says how the last segment is cut', () => {
    const study = makeStudy(tempDir(), 60);
    addFakeRecording(study, 'D01-S01', 185_000);
    addTestCoder(study, 'C01');
    addMark(study.db, 'D01-S01', 'C01', { code: 'C2', clarity: 'check', timeMs: 182_000 }, 'C01');
    const outDir = join(tempDir(), 'export');
    const { manifest } = exportStudy(study.db, { outDir });
    const table = (name: string) => parse(readFileSync(join(outDir, `${name}.csv`)), { columns: true }) as Record<string, string>[];
    expect(manifest).toMatchObject({ segmentSeconds: 60, minFinalSeconds: 12 });
    const segments = table('segments');
    expect(segments.map((s) => [s['segment'], s['segment_start_s'], s['segment_end_s']])).toEqual([
      ['1', '0', '60'],
      ['2', '60', '120'],
      ['3', '120', '185'],
    ]);
    expect(segments[2]!['C2']).toBe('2');
    const end = table('data-dictionary').find((r) => r['file'] === 'segments.csv' && r['column'] === 'segment_end_s')!;
    expect(end['meaning']).toMatch(/a final part shorter than the study’s minimum \(minFinalSeconds in manifest\.json\) joins the segment before it/);
  });
});
