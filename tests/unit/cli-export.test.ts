import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { importMarks, setSegmentNote } from '../../electron/core/coding/index.ts';
import { insertRecording, NOT_PROBED } from '../../electron/core/recordings/registry.ts';
import { addCoder } from '../../electron/core/store/coders.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { ACTOR, makeStudy } from '../helpers/study.ts';

const dir = useSharedDir();
let studyPath = '';
const VIDEO = '/srv/clinic/Hartigan Eleanor/séance 4.mp4';
const MARK_NOTE = 'mentions her sister Evelyn';

const cli = (...args: string[]) => run3rs([...args, ...WITH_PASS], { env: PASS_ENV });

/** One line on stderr, naming the problem, and no stack trace. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(/^3rs: .*\n$/);
  expect(stderr).toMatch(pattern);
}

// D01-S01 (2 minutes, 1-minute segments) coded by C01 and C02; a note on one of C01's marks.
beforeAll(() => {
  const study = makeStudy(dir(), 60, 'étude.3rs');
  studyPath = study.path;
  try {
    addCoder(study.db, { code: 'C01', name: 'Margarethe Vandersloot' }, ACTOR);
    addCoder(study.db, { code: 'C02', name: 'Jonathan Abernathy' }, ACTOR);
    insertRecording(
      study.db,
      {
        code: 'D01-S01',
        path: VIDEO,
        sizeBytes: 1,
        sha256: 'e'.repeat(64),
        durationMs: 120_000,
        ...NOT_PROBED,
      },
      ACTOR,
    );
    importMarks(
      study.db,
      'D01-S01',
      'C01',
      [
        { code: 'W1', clarity: 'check', timeMs: 5_000, note: MARK_NOTE },
        { code: 'C2', clarity: 'check-minus', timeMs: 65_000 },
      ],
      ACTOR,
    );
    importMarks(study.db, 'D01-S01', 'C02', [{ code: 'W1', clarity: 'check', timeMs: 6_000 }], ACTOR);
    setSegmentNote(study.db, 'D01-S01', 'C02', 1, 'the patient’s husband, "Harold", came up', ACTOR);
  } finally {
    closeStudy(study);
  }
});

describe('3rs export', () => {
  it('writes the de-identified CSV files and says what it wrote', async () => {
    const out = join(dir(), 'pour analystes');
    const r = await cli('export', studyPath, '--out', out, '--include-unfinished');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Exported 2 codings of 1 recording by C01, C02 to .*pour analystes \(reliability of C01, C02 over 1 recording\):$/m);
    expect(r.stdout).toMatch(/^ {2}events\.csv\s+3 rows$/m);
    expect(r.stdout).toMatch(/^ {2}sequences\.sds\s+2 sessions$/m);
    expect(r.stdout).toContain('2 unfinished codings (D01-S01 by C01, D01-S01 by C02) compared in the reliability file as they stand.');
    expect(r.stdout).toContain('De-identified: no file names or paths, no video hashes, no coder names, no dates but the export date, no notes.');
    expect(readdirSync(out).sort()).toEqual([
      'data-dictionary.csv',
      'events.csv',
      'manifest.json',
      'reliability.csv',
      'segments-wide.csv',
      'segments.csv',
      'sequences.sds',
      'sessions.csv',
    ]);
    const everything = readdirSync(out)
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n');
    for (const secret of [VIDEO, 'séance 4.mp4', 'e'.repeat(64), 'Margarethe', 'Abernathy', MARK_NOTE, 'husband'])
      expect(everything).not.toContain(secret);
  });

  it('compares complete codings only by default: with both codings unfinished there is no reliability file, and it says why', async () => {
    const out = join(dir(), 'complete-only');
    const r = await cli('export', studyPath, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'no reliability file: reliability needs two or more coders, and no coder coded the exported recordings (only complete codings are compared; 2 unfinished left out)',
    );
    expect(r.stdout).toContain(
      '2 unfinished codings (D01-S01 by C01, D01-S01 by C02) left out of the reliability file (--include-unfinished compares them); their status is in sessions.',
    );
    expect(readdirSync(out)).not.toContain('reliability.csv');
  });

  it('--include-notes adds the notes, warns on stderr and says so in the manifest', async () => {
    const out = join(dir(), 'with-notes');
    const r = await cli('export', studyPath, '--out', out, '--include-notes', '--format', 'json', '--coders', 'C01,C02', '--check-minus', 'absent');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      '3rs: warning: this export includes the coders’ free-text notes (on marks and on segments). Notes may name or describe people: read them before sharing the export.\n',
    );
    const events = JSON.parse(readFileSync(join(out, 'events.json'), 'utf8')) as { note: string }[];
    expect(events.map((e) => e.note)).toContain(MARK_NOTE);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { notesIncluded: boolean; checkMinus: string; format: string };
    expect(manifest).toMatchObject({ notesIncluded: true, checkMinus: 'absent', format: 'json' });
    expect(readdirSync(out)).toContain('segment-notes.json');
  });

  it('refuses a folder that already holds files, with one line that says what to do', async () => {
    const out = join(dir(), 'pour analystes');
    const r = await cli('export', studyPath, '--out', out, '--format', 'json');
    expect(r.code).toBe(2);
    expectOneLineError(
      r.stderr,
      /is not empty \(8 entries, e\.g\. .*\)\. Export into a new or empty folder, so the export never mixes with older files\. \(CONFLICT\)/,
    );
    expect(readdirSync(out).some((f) => f.endsWith('.json') && f !== 'manifest.json')).toBe(false);
  });

  it('rejects an unknown format before asking for anything', async () => {
    const r = await cli('export', studyPath, '--out', join(dir(), 'xml'), '--format', 'xml');
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /--format must be "csv" or "json" \(got "xml"\)/);
    expect(existsSync(join(dir(), 'xml'))).toBe(false);
  });
});

describe('3rs export eaf', () => {
  it('writes CODE.eaf with a tier per coder and category, and never overwrites it', async () => {
    const out = join(dir(), 'elan');
    const r = await cli('export', 'eaf', studyPath, '--recording', 'D01-S01', '--out', out);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      /^Wrote .*D01-S01\.eaf: 6 tiers \(C01 withdrawal, C01 confrontation, C01 resolution, C02 withdrawal, C02 confrontation, C02 resolution\), 3 annotations\.$/m,
    );
    const xml = readFileSync(join(out, 'D01-S01.eaf'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as { ANNOTATION_DOCUMENT: { TIER: { '@_TIER_ID': string }[] } };
    expect(doc.ANNOTATION_DOCUMENT.TIER).toHaveLength(6);
    expect(xml).not.toContain('séance');

    const again = await cli('export', 'eaf', studyPath, '--recording', 'D01-S01', '--out', out);
    expect(again.code).toBe(2);
    expectOneLineError(again.stderr, /D01-S01\.eaf already exists\. Choose another folder, or move the old file away first\. \(CONFLICT\)/);
  });
});

describe('the exported CSV', () => {
  it('parses back with a CSV reader, notes with commas and quotes included', async () => {
    const out = join(dir(), 'with-notes-csv');
    expect((await cli('export', studyPath, '--out', out, '--include-notes')).code).toBe(0);
    const notes = parse(readFileSync(join(out, 'segment-notes.csv')), { columns: true }) as Record<string, string>[];
    expect(notes).toEqual([
      { recording: 'D01-S01', coder: 'C02', segment: '2', segment_start_s: '60', note: 'the patient’s husband, "Harold", came up' },
    ]);
  });
});
