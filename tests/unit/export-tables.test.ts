import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { completeCoding, importMarks, importRatings } from '../../electron/core/coding/index.ts';
import { startConsensus } from '../../electron/core/consensus/index.ts';
import { exportStudy } from '../../electron/core/export/index.ts';
import { reliabilityReport } from '../../electron/core/reliability/index.ts';
import { setBlindCoding } from '../../electron/core/store/settings.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { rateTheRest } from '../helpers/ratings.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { caught } from '../helpers/errors.ts';

const tempDir = useTempDir();

type Row = Record<string, string>;

/**
 * One-minute segments. D01-S01 lasts 4.5 minutes (5 segments, the last one 30 s); D01-S02 3 minutes.
 * C01 codes both recordings, C02 only D01-S01; C03 codes nothing.
 */
function setup(): Study {
  const study = makeStudy(tempDir(), 60);
  addFakeRecording(study, 'D01-S01', 270_000);
  addFakeRecording(study, 'D01-S02', 180_000);
  for (const c of ['C01', 'C02', 'C03']) addTestCoder(study, c);
  importMarks(
    study.db,
    'D01-S01',
    'C01',
    [
      { code: 'W1', clarity: 'check-minus', timeMs: 5_000 },
      { code: 'W1', clarity: 'check', timeMs: 20_000 },
      { code: 'C3', clarity: 'check-minus', timeMs: 61_000 },
      { code: 'R4', clarity: 'check', timeMs: 250_500 },
    ],
    ACTOR,
  );
  importMarks(study.db, 'D01-S01', 'C02', [{ code: 'W1', clarity: 'check', timeMs: 30_000 }], ACTOR);
  importMarks(study.db, 'D01-S02', 'C01', [{ code: 'C1', clarity: 'check', timeMs: 180_000 }], ACTOR);
  importRatings(
    study.db,
    'D01-S01',
    'C01',
    [
      { item: 'W1', value: 3 },
      { item: 'overall_resolution', value: 4 },
    ],
    ACTOR,
  );
  rateTheRest(study.db, 'D01-S02', 'C01', ACTOR);
  completeCoding(study.db, 'D01-S02', 'C01', ACTOR);
  return study;
}

/**
 * The export, comparing unfinished codings too unless told otherwise: most codings here are unfinished, and
 * the default (complete codings only) has tests of its own.
 */
function exported(study: Study, options: Omit<Parameters<typeof exportStudy>[1], 'outDir'> = {}) {
  const outDir = join(tempDir(), 'export');
  const { manifest } = exportStudy(study.db, { outDir, includeUnfinished: true, ...options });
  const table = (name: string): Row[] => parse(readFileSync(join(outDir, `${name}.csv`)), { columns: true }) as Row[];
  return { outDir, manifest, table };
}

describe('the events table: one row per live mark', () => {
  it('places each mark in its segment, counted from 1, with times in seconds', () => {
    const { table } = exported(setup());
    const events = table('events');
    expect(events).toHaveLength(6);
    expect(
      events
        .filter((e) => e.coder === 'C01' && e.recording === 'D01-S01')
        .map((e) => [e.segment, e.segment_start_s, e.time_s, e.code, e.category, e.clarity]),
    ).toEqual([
      ['1', '0', '5', 'W1', 'withdrawal', 'check-minus'],
      ['1', '0', '20', 'W1', 'withdrawal', 'check'],
      ['2', '60', '61', 'C3', 'confrontation', 'check-minus'],
      ['5', '240', '250.5', 'R4', 'resolution', 'check'],
    ]);
    // A mark at the very end of a recording belongs to its last segment.
    expect(events.find((e) => e.recording === 'D01-S02')).toMatchObject({ segment: '3', segment_start_s: '120', time_s: '180' });
  });
});

describe('the segments table: one row per segment of each coding', () => {
  it('has 0 none, 1 check-minus, 2 check per code, and how often it was marked', () => {
    const { table } = exported(setup());
    const segments = table('segments');
    // C01: 5 + 3 segments; C02: 5. C03 coded nothing and has no rows.
    expect(segments).toHaveLength(13);
    const first = segments.find((s) => s.recording === 'D01-S01' && s.coder === 'C01' && s.segment === '1')!;
    expect(first).toMatchObject({ segment_start_s: '0', segment_end_s: '60', W1: '2', count_W1: '2', W2: '0', count_W2: '0' });
    const second = segments.find((s) => s.recording === 'D01-S01' && s.coder === 'C01' && s.segment === '2')!;
    expect(second).toMatchObject({ W1: '0', C3: '1', count_C3: '1' });
    const last = segments.find((s) => s.recording === 'D01-S01' && s.coder === 'C01' && s.segment === '5')!;
    expect(last).toMatchObject({ segment_start_s: '240', segment_end_s: '270', R4: '2' });
    expect(Object.keys(first)).toHaveLength(5 + 24 + 24);
  });
});

describe('the sessions table: one row per coding', () => {
  it('counts marks per code and category, segments with each category, the share with a rupture, ratings and status', () => {
    const { table } = exported(setup());
    const sessions = table('sessions');
    expect(sessions.map((s) => `${s.recording}/${s.coder}`)).toEqual(['D01-S01/C01', 'D01-S01/C02', 'D01-S02/C01']);
    expect(sessions[0]).toMatchObject({
      dyad: 'D01',
      session: '1',
      status: 'in-progress',
      duration_s: '270',
      segments: '5',
      count_W1: '2',
      count_C3: '1',
      count_withdrawal: '2',
      count_confrontation: '1',
      count_resolution: '1',
      segments_withdrawal: '1',
      segments_confrontation: '1',
      segments_resolution: '1',
      segments_rupture: '2',
      rupture_share: '0.4',
      rating_W1: '3',
      rating_overall_resolution: '4',
      rating_W2: '',
      rating_therapist_contribution: '',
    });
    expect(sessions[2]).toMatchObject({ status: 'complete', segments_confrontation: '1', rupture_share: String(1 / 3) });
    expect(Object.keys(sessions[0]!).filter((k) => k.startsWith('rating_'))).toHaveLength(28);
  });

  it('with check-minus counted absent, a segment with only a check-minus mark has no rupture', () => {
    const { table, manifest } = exported(setup(), { checkMinus: 'absent' });
    expect(manifest.checkMinus).toBe('absent');
    // count_C3 follows the same rule as segments_C3: C01's only C3 mark is a check-minus.
    expect(table('sessions')[0]).toMatchObject({
      segments_confrontation: '0',
      segments_rupture: '1',
      rupture_share: '0.2',
      count_C3: '0',
      segments_C3: '0',
    });
  });

  it('has, per code, the segments it was marked in beside how often it was marked (the 3RS unit)', () => {
    const study = setup();
    // A second W1 check in segment 1 and one in segment 3: W1 is marked 4 times in 2 segments.
    importMarks(
      study.db,
      'D01-S01',
      'C01',
      [
        { code: 'W1', clarity: 'check', timeMs: 40_000 },
        { code: 'W1', clarity: 'check', timeMs: 130_000 },
      ],
      ACTOR,
    );
    const columns = Object.keys(exported(study).table('sessions')[0]!);
    expect(columns.slice(columns.indexOf('count_W1'), columns.indexOf('count_W1') + 4)).toEqual([
      'count_W1',
      'segments_W1',
      'count_W2',
      'segments_W2',
    ]);
    expect(exported(study).table('sessions')[0]).toMatchObject({
      count_W1: '4',
      segments_W1: '2',
      count_C3: '1',
      segments_C3: '1',
      count_R4: '1',
      segments_R4: '1',
    });
    // Counted absent, both leave out the check-minus mark of segment 1: 3 check marks, still in 2 segments.
    expect(exported(study, { checkMinus: 'absent' }).table('sessions')[0]).toMatchObject({ count_W1: '3', segments_W1: '2', count_withdrawal: '3' });
  });

  it('marks each coding’s status and whether it is a consensus', () => {
    const study = setup();
    addTestCoder(study, 'L01', 'lead');
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    const sessions = exported(study).table('sessions');
    expect(sessions.map((s) => [s.recording, s.coder, s.status, s.consensus])).toEqual([
      ['D01-S01', 'C01', 'in-progress', '0'],
      ['D01-S01', 'C02', 'in-progress', '0'],
      ['D01-S01', 'CONSENSUS', 'in-progress', '1'],
      ['D01-S02', 'C01', 'complete', '0'],
    ]);
  });

  it('the dictionary says rupture_share is a share of segments', () => {
    const rupture = exported(setup())
      .table('data-dictionary')
      .find((d) => d.file === 'sessions.csv' && d.column === 'rupture_share')!;
    expect(rupture.meaning).toMatch(/^A share of segments: segments_rupture divided by segments/);
  });
});

describe('the segments-wide table: one row per recording × segment, one column per coder × code', () => {
  it('holds each coder’s 0/1/2 level for each code, empty where a coder has no coding of the recording', () => {
    const { table } = exported(setup());
    const wide = table('segments-wide');
    // D01-S01 has 5 segments, D01-S02 3.
    expect(wide.map((r) => `${r.recording}#${r.segment}`)).toEqual([
      'D01-S01#1',
      'D01-S01#2',
      'D01-S01#3',
      'D01-S01#4',
      'D01-S01#5',
      'D01-S02#1',
      'D01-S02#2',
      'D01-S02#3',
    ]);
    expect(Object.keys(wide[0]!).slice(0, 6)).toEqual(['recording', 'segment', 'segment_start_s', 'segment_end_s', 'C01_W1', 'C01_W2']);
    expect(Object.keys(wide[0]!)).toHaveLength(4 + 2 * 24);
    expect(wide[0]).toMatchObject({ segment_start_s: '0', segment_end_s: '60', C01_W1: '2', C02_W1: '2', C01_C3: '0' });
    expect(wide[1]).toMatchObject({ C01_C3: '1', C02_C3: '0' });
    expect(wide[5]).toMatchObject({ recording: 'D01-S02', C01_C1: '0', C02_C1: '' });
    expect(wide[7]).toMatchObject({ C01_C1: '2' });
  });
});

describe('the reliability table', () => {
  it('holds every statistic of the reliability report of the exported coders and recordings, one row each', () => {
    const study = setup();
    const { table, manifest } = exported(study);
    const rows = table('reliability');
    // 28 segment keys × 5 statistics, their segments per session × 6 ICCs, 28 rating items × 9.
    expect(rows).toHaveLength(28 * 5 + 28 * 6 + 28 * 9);
    const report = reliabilityReport(study.db, { coders: ['C01', 'C02'], recordings: ['D01-S01', 'D01-S02'], includeUnfinished: true });
    expect(rows.find((r) => r.key === 'W1' && r.statistic === 'cohenKappa')).toEqual({
      section: 'segments',
      key: 'W1',
      statistic: 'cohenKappa',
      value: String(report.segments['W1']!.cohenKappa),
      lower: '',
      upper: '',
      n: '5',
      reason: '',
    });
    expect(rows.find((r) => r.key === 'W1' && r.statistic === 'fleissKappa')!.reason).toMatch(/^does not apply/);
    expect(rows.find((r) => r.key === 'overall_resolution' && r.statistic === 'ICC2')).toMatchObject({ value: '', n: '0' });
    const ac1 = rows.find((r) => r.key === 'W1' && r.statistic === 'gwetAC1')!;
    expect(ac1).toMatchObject({
      section: 'segments',
      value: String(report.segments['W1']!.gwetAC1!.value),
      lower: String(report.segments['W1']!.gwetAC1!.lower),
      n: '5',
    });
    expect(rows.find((r) => r.key === 'W1' && r.statistic === 'krippendorffAlpha')).toMatchObject({
      value: String(report.segments['W1']!.krippendorffAlpha!.value),
    });
    expect(rows.find((r) => r.key === 'overall_resolution' && r.statistic === 'gwetAC2')).toMatchObject({ section: 'ratings', value: '', n: '0' });
    const counts = rows.filter((r) => r.section === 'session-counts' && r.key === 'withdrawal');
    expect(counts.map((r) => r.statistic)).toEqual(['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k']);
    // One recording compared: the session-level ICCs need two.
    expect(counts[0]).toMatchObject({ value: '', n: '1', reason: expect.stringMatching(/^too few: an ICC needs at least 2 recordings/) });
    // D01-S02 has C01's coding only: reliability covers the recordings both coded.
    expect(manifest.reliability).toMatchObject({ included: true, coders: ['C01', 'C02'], recordings: ['D01-S01'] });
  });

  it('compares complete codings only by default, and the manifest lists the unfinished ones', () => {
    const study = setup();
    expect(exported(study, { includeUnfinished: false }).manifest.reliability).toEqual({
      included: false,
      reason:
        'reliability needs two or more coders, and only C01 coded the exported recordings (only complete codings are compared; 2 unfinished left out)',
      unfinished: [
        { recording: 'D01-S01', coder: 'C01', status: 'in-progress' },
        { recording: 'D01-S01', coder: 'C02', status: 'in-progress' },
      ],
      unfinishedCompared: false,
    });
    expect(exported(study).manifest.reliability).toMatchObject({ included: true, unfinishedCompared: true });
  });

  it('a coder who coded only a few recordings is left out, and said to be, rather than leaving no recording every coder coded', () => {
    const study = setup();
    addFakeRecording(study, 'D01-S03', 120_000);
    importMarks(study.db, 'D01-S03', 'C01', [{ code: 'R1', clarity: 'check', timeMs: 1_000 }], ACTOR);
    importMarks(study.db, 'D01-S03', 'C02', [{ code: 'R1', clarity: 'check', timeMs: 2_000 }], ACTOR);
    importMarks(study.db, 'D01-S02', 'C03', [{ code: 'C1', clarity: 'check', timeMs: 1_000 }], ACTOR);
    const { table, manifest } = exported(study);
    expect(manifest.reliability).toMatchObject({
      included: true,
      coders: ['C01', 'C02'],
      recordings: ['D01-S01', 'D01-S03'],
      leftOut: ['C03'],
      note: 'C03 left out: reliability needs the same recordings coded by every compared coder, and C03 did not code all 2 recordings that C01 and C02 coded',
    });
    expect(table('reliability').find((r) => r.key === 'R1' && r.statistic === 'percentAgreement')).toMatchObject({ n: '7', value: '1' });
  });

  it('compares only the coders who coded on their own: a consensus coding is in the tables but not in the reliability', () => {
    const study = setup();
    addTestCoder(study, 'L01', 'lead');
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    const { table, manifest } = exported(study);
    expect(manifest.coders).toEqual(['C01', 'C02', 'CONSENSUS']);
    expect(table('sessions').map((s) => `${s.recording} ${s.coder}`)).toContain('D01-S01 CONSENSUS');
    expect(manifest.reliability).toMatchObject({ included: true, coders: ['C01', 'C02'], recordings: ['D01-S01'] });
  });

  it('is left out when a coder and a consensus are all that is exported, and the manifest says why', () => {
    const study = setup();
    addTestCoder(study, 'L01', 'lead');
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    const { outDir, manifest } = exported(study, { coders: ['C01', 'CONSENSUS'] });
    expect(readdirSync(outDir)).not.toContain('reliability.csv');
    expect(manifest.reliability).toMatchObject({
      included: false,
      reason:
        'reliability needs two or more coders, and only C01 coded the exported recordings on their own (consensus codings are started from another coder’s, so they are left out)',
    });
  });

  it('is left out, with the reason in the manifest, when only one coder is exported', () => {
    const { outDir, manifest } = exported(setup(), { coders: ['C01'] });
    expect(readdirSync(outDir)).not.toContain('reliability.csv');
    expect(manifest.reliability).toMatchObject({
      included: false,
      reason: 'reliability needs two or more coders, and only C01 coded the exported recordings',
    });
  });
});

describe('codings that may not be independent', () => {
  it('the manifest says when blind coding has not always been on, and says nothing when it has', () => {
    const study = setup();
    expect(exported(study).manifest.blindCodingNote).toBeNull();
    setBlindCoding(study.db, false, 'L01');
    setBlindCoding(study.db, true, 'L01');
    expect(exported(study).manifest.blindCodingNote).toMatch(
      /^Blind coding was turned off for a time in this study: codings made then may not be independent/,
    );
  });
});

describe('choosing what to export', () => {
  it('exports only the chosen recordings and coders', () => {
    const { table, manifest } = exported(setup(), { recordings: ['D01-S02'] });
    expect(manifest).toMatchObject({ recordings: ['D01-S02'], coders: ['C01'], codings: 1 });
    expect(new Set(table('events').map((e) => e.recording))).toEqual(new Set(['D01-S02']));
  });

  it('an unknown code is an error that names it, and nothing is written', () => {
    const study = setup();
    const outDir = join(tempDir(), 'never');
    const err = caught(() => exportStudy(study.db, { outDir, coders: ['C01', 'C09'] }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('No coder "C09" in this study. Known coders: C01, C02, C03.');
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuses a choice with nothing coded in it', () => {
    const err = caught(() => exportStudy(setup().db, { outDir: join(tempDir(), 'x'), coders: ['C03'] }));
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(err.message).toMatch(/nothing to export/);
  });
});

describe('the data dictionary', () => {
  it('describes every column of every file, with a type, a meaning and the allowed values', () => {
    const { outDir, table } = exported(setup(), { includeNotes: true });
    const dictionary = table('data-dictionary');
    for (const file of readdirSync(outDir).filter((f) => f.endsWith('.csv'))) {
      const header = Object.keys((parse(readFileSync(join(outDir, file)), { columns: true, to: 1 }) as Row[])[0] ?? {});
      const described = dictionary.filter((d) => d.file === file).map((d) => d.column);
      if (header.length > 0) expect(described, file).toEqual(header);
      expect(described.length, file).toBeGreaterThan(0);
    }
    for (const { type, meaning = '', allowed = '' } of dictionary) {
      expect(['string', 'integer', 'number']).toContain(type);
      expect(meaning.length).toBeGreaterThan(10);
      expect(allowed.length).toBeGreaterThan(0);
    }
  });
});

describe('json format', () => {
  it('writes each table as an array of objects with numbers as numbers and empty cells as null', () => {
    const outDir = join(tempDir(), 'json');
    exportStudy(setup().db, { outDir, format: 'json' });
    const sessions = JSON.parse(readFileSync(join(outDir, 'sessions.json'), 'utf8')) as Record<string, unknown>[];
    expect(sessions[0]).toMatchObject({ recording: 'D01-S01', coder: 'C01', segments: 5, rupture_share: 0.4, rating_W1: 3, rating_W2: null });
  });
});

describe('where the export is written', () => {
  it('refuses a folder that is not empty, and leaves it as it was', () => {
    const study = setup();
    const outDir = tempDir();
    writeFileSync(join(outDir, 'events.csv'), 'old export');
    const err = caught(() => exportStudy(study.db, { outDir }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe(
      `The folder ${outDir} is not empty (1 entry, e.g. events.csv). Export into a new or empty folder, so the export never mixes with older files.`,
    );
    expect(readdirSync(outDir)).toEqual(['events.csv']);
    expect(readFileSync(join(outDir, 'events.csv'), 'utf8')).toBe('old export');
  });

  it('writes into an existing empty folder, and leaves no temporary file behind', () => {
    const outDir = join(tempDir(), 'empty');
    mkdirSync(outDir);
    exportStudy(setup().db, { outDir, includeUnfinished: true });
    expect(readdirSync(outDir).sort()).toEqual([
      'data-dictionary.csv',
      'events.csv',
      'manifest.json',
      'reliability.csv',
      'segments-wide.csv',
      'segments.csv',
      'sequences.sds',
      'sessions.csv',
    ]);
  });

  it('writes nothing when the study cannot be read', () => {
    const study = setup();
    // A mark whose code the scheme does not know, as a damaged or tampered study might hold.
    study.db.prepare("UPDATE events SET code = 'X9' WHERE id = (SELECT max(id) FROM events)").run();
    const outDir = join(tempDir(), 'damaged');
    expect(caught(() => exportStudy(study.db, { outDir })).code).toBe('STUDY_CORRUPT');
    expect(existsSync(outDir)).toBe(false);
  });
});
