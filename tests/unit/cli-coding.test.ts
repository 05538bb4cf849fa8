import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { makeTestVideo } from '../helpers/video.ts';

const dir = useSharedDir();
const studyPath = () => join(dir(), 'coding study.3rs');

const cli = (...args: string[]) => run3rs([...args, ...WITH_PASS], { env: PASS_ENV });

function csv(name: string, text: string): string {
  const path = join(dir(), name);
  writeFileSync(path, text);
  return path;
}

async function markCount(): Promise<number> {
  const r = await cli('study', 'info', studyPath(), '--json');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { events: number }).events;
}

interface SheetJson {
  segmentSeconds: number;
  segments: { index: number; startMs: number; endMs: number; marks: Record<string, { count: number; clarity: string }> }[];
  ratings: Record<string, number>;
  warnings: { rule: string; message: string; segment?: number }[];
  state: string;
}

async function scoresheet(coder: string): Promise<SheetJson> {
  const r = await cli('scoresheet', studyPath(), '--recording', 'D01-S01', '--coder', coder, '--json');
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(r.stdout);
}

const MARKS = [
  'time,code,clarity,note',
  '12.5,W2,check,',
  '0:45,w2,check-minus,"shrugs, looks away"',
  '1:30,C1,check-minus,',
  '1:31,C1,check-minus,',
  '2:10,R4,check,invite to talk about the therapy',
  '00:10:15.250,W7,check,dernière minute',
].join('\r\n');

beforeAll(async () => {
  const [video] = await Promise.all([
    makeTestVideo(dir(), { seconds: 630, name: 'séance D01 1.mp4' }),
    cli('study', 'create', studyPath(), '--segment-seconds', '60').then((r) => expect(r.code).toBe(0)),
  ]);
  for (const args of [
    ['recording', 'add', studyPath(), video!, '--code', 'D01-S01'],
    ['coder', 'add', studyPath(), '--code', 'C01', '--name', 'Ana'],
    ['coder', 'add', studyPath(), '--code', 'C02', '--name', 'Björn'],
  ]) {
    expect((await cli(...args)).code).toBe(0);
  }
});

describe('3rs events import', () => {
  it('imports every row of a CSV file into one coding', async () => {
    const r = await cli('events', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C01', csv('marks C01.csv', `\uFEFF${MARKS}\r\n`));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/Imported 6 marks from .*marks C01\.csv into D01-S01 \/ C01\./);
    expect(await markCount()).toBe(6);
  });

  it('rejects a file with a bad row on line 4, naming the line, and adds no mark at all', async () => {
    const before = await markCount();
    const bad = csv('bad.csv', 'time,code,clarity,note\n1,W1,check,\n2,W2,check,\n3,W9,check,\n4,W3,check,\n');
    const r = await cli('events', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C02', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^3rs: .*bad\.csv, line 4: "W9" is not a marker code.*Nothing was imported.*\(CSV_INVALID\)\n$/);
    expect(await markCount()).toBe(before);
  });

  it('rejects a time after the end of the recording, naming its line', async () => {
    const late = csv('late.csv', 'time,code,clarity,note\n1,W1,check,\n10:31,W2,check,\n');
    const r = await cli('events', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C02', late);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3: time 10:31 is after the end of the recording \(10:30/);
  });

  it('names an unknown recording or coder, and a missing CSV file', async () => {
    const good = csv('one.csv', 'time,code,clarity,note\n1,W1,check,\n');
    const recording = await cli('events', 'import', studyPath(), '--recording', 'D07-S01', '--coder', 'C01', good);
    expect(recording.code).toBe(2);
    expect(recording.stderr).toMatch(/No recording "D07-S01".*\(NOT_FOUND\)/);
    const coder = await cli('events', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C09', good);
    expect(coder.code).toBe(2);
    expect(coder.stderr).toMatch(/No coder "C09".*Known coders: C01, C02.*\(NOT_FOUND\)/);
    const missing = await cli('events', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C01', join(dir(), 'absent.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No CSV file at .*absent\.csv.*\(FILE_NOT_FOUND\)/);
  });
});

describe('3rs ratings import', () => {
  it('imports global ratings', async () => {
    const ratings = csv(
      'ratings.csv',
      'item,value\nW2,3\nC1,2\nW7,2\nR4,3\noverall_withdrawal,3\noverall_confrontation,2\noverall_resolution,4\ntherapist_contribution,1\n',
    );
    const r = await cli('ratings', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C01', ratings);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/Imported 8 ratings/);
    expect((await scoresheet('C01')).ratings).toMatchObject({ W2: 3, C1: 2, overall_resolution: 4, therapist_contribution: 1 });
  });

  it('rejects a value of 6 with its line and keeps the earlier ratings', async () => {
    const bad = csv('ratings bad.csv', 'item,value\nW2,1\nC1,6\n');
    const r = await cli('ratings', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C01', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3: the value of C1 must be a whole number from 1 to 5 \(found "6"\).*Nothing was imported.*\(CSV_INVALID\)/);
    expect((await scoresheet('C01')).ratings).toMatchObject({ W2: 3, C1: 2 });
  });
});

describe('3rs scoresheet', () => {
  it('gives the marks per segment as JSON, with counts and check-minus', async () => {
    const sheet = await scoresheet('C01');
    expect(sheet.segmentSeconds).toBe(60);
    expect(sheet.segments).toHaveLength(11);
    expect(sheet.segments[0]).toEqual({ index: 0, startMs: 0, endMs: 60_000, marks: { W2: { count: 2, clarity: 'check' } } });
    expect(sheet.segments[1]!.marks).toEqual({ C1: { count: 2, clarity: 'check-minus' } });
    expect(sheet.segments[2]!.marks).toEqual({ R4: { count: 1, clarity: 'check' } });
    expect(sheet.segments[3]!.marks).toEqual({});
    expect(sheet.segments[10]).toMatchObject({ index: 10, startMs: 600_000, marks: { W7: { count: 1, clarity: 'check' } } });
    expect(Math.abs(sheet.segments[10]!.endMs - 630_000)).toBeLessThan(100);
    for (const w of sheet.warnings) expect(w).toMatchObject({ rule: expect.any(String), message: expect.any(String) });
    expect(sheet.warnings.map((w) => w.rule)).toContain('ratings-incomplete');
  });

  it('prints a readable grid: codes grouped with names, columns by start time, then ratings and warnings', async () => {
    const r = await cli('scoresheet', studyPath(), '--recording', 'D01-S01', '--coder', 'C01');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    const header = lines.find((l) => l.includes('00:00'))!;
    expect(header).toMatch(/00:00\s+01:00\s+02:00\s+.*10:00$/);
    const column = (label: string) => header.indexOf(label);
    const row = (code: string) => lines.find((l) => l.startsWith(`${code} `))!;
    expect(row('W2')).toContain('Minimal response');
    expect(row('W2').slice(column('00:00'), column('01:00')).trim()).toBe('✓2');
    expect(row('C1').slice(column('01:00'), column('02:00')).trim()).toBe('✓−2');
    expect(row('R4').slice(column('02:00'), column('03:00')).trim()).toBe('✓');
    expect(row('W1').slice(column('00:00')).trim()).toBe('');
    const order = ['WITHDRAWAL', 'W1 ', 'W7 ', 'CONFRONTATION', 'C1 ', 'RESOLUTION STRATEGIES', 'R10 ', 'Ratings', 'Warnings'].map((s) =>
      lines.findIndex((l) => l.trimStart().startsWith(s)),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.stdout).toMatch(/^ {2}overall_resolution\s+Overall resolution\s+4$/m);
    expect(r.stdout).toMatch(/^ {2}W1\s+Denial\s+—$/m);
  });

  it('names a coder with no coding yet as not started, with an empty grid', async () => {
    const sheet = await scoresheet('C02');
    expect(sheet.state).toBe('not-started');
    expect(sheet.segments.every((s) => Object.keys(s.marks).length === 0)).toBe(true);
    expect(sheet.ratings).toEqual({});
  });
});

// Last in the file: it adds a coder, which the tests above would list among the known ones.
describe('3rs events import of a single row', () => {
  it('says "1 mark" for a file of one row', async () => {
    expect((await cli('coder', 'add', studyPath(), '--code', 'C09', '--name', 'Cleo')).code).toBe(0);
    const r = await cli(
      'events',
      'import',
      studyPath(),
      '--recording',
      'D01-S01',
      '--coder',
      'C09',
      csv('one.csv', 'time,code,clarity,note\n1,W1,check,\n'),
    );
    expect(r.stdout).toMatch(/^Imported 1 mark from .*one\.csv into D01-S01 \/ C09\.$/m);
  });
});
