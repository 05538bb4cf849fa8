import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importMarks, importRatings, markSegmentWatched, setSegmentNote } from '../../electron/core/coding/index.ts';
import { exportEaf, exportStudy, type ExportManifest } from '../../electron/core/export/index.ts';
import { insertRecording, NOT_PROBED } from '../../electron/core/recordings/registry.ts';
import { addCoder } from '../../electron/core/store/coders.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

// What a real study holds and an analyst must never see.
const CODERS = [
  { code: 'C01', name: 'Margarethe Vandersloot', role: 'coder' as const },
  { code: 'C02', name: 'Jonathan Abernathy-Quist', role: 'coder' as const },
  { code: 'L01', name: 'Priya Raman-Oduya', role: 'lead' as const },
];
const RECORDINGS = [
  { code: 'D01-S01', path: '/home/drwhitfield/Patients/Eleanor Hartigan/2024-03-15 session 4.mp4', sha256: 'c0ffee'.padEnd(64, '7') },
  { code: 'D01-S02', path: 'C:\\Users\\clinic\\Videos\\Rossi_Marco_intake.mov', sha256: 'facade'.padEnd(64, '3') },
];
const FILE_NAMES = ['2024-03-15 session 4.mp4', 'Rossi_Marco_intake.mov', 'Eleanor Hartigan', 'drwhitfield', 'Rossi_Marco'];
const MARK_NOTE = 'Patient says her sister Evelyn Brandt stopped calling';
const SEGMENT_NOTE = 'Talks about the divorce from Harold at the Lindenhof clinic';

function identifyingStudy(): Study {
  const study = makeStudy(tempDir(), 60);
  for (const c of CODERS) addCoder(study.db, c, ACTOR);
  for (const r of RECORDINGS) {
    insertRecording(
      study.db,
      {
        code: r.code,
        path: r.path,
        sizeBytes: 123_456_789,
        sha256: r.sha256,
        durationMs: 5 * 60_000,
        container: 'mp4',
        videoCodec: 'h264',
        audioCodec: 'aac',
        fps: 25,
        width: 640,
        height: 480,
      },
      ACTOR,
    );
  }
  for (const r of RECORDINGS) {
    importMarks(
      study.db,
      r.code,
      'C01',
      [
        { code: 'W2', clarity: 'check', timeMs: 12_500, note: MARK_NOTE },
        { code: 'R4', clarity: 'check-minus', timeMs: 150_000 },
      ],
      ACTOR,
    );
    importMarks(study.db, r.code, 'C02', [{ code: 'W2', clarity: 'check-minus', timeMs: 14_000, note: MARK_NOTE }], ACTOR);
    importRatings(study.db, r.code, 'C01', [{ item: 'overall_resolution', value: 4 }], ACTOR);
    importRatings(study.db, r.code, 'C02', [{ item: 'overall_resolution', value: 3 }], ACTOR);
    setSegmentNote(study.db, r.code, 'C02', 2, SEGMENT_NOTE, ACTOR);
    markSegmentWatched(study.db, r.code, 'C01', 0, ACTOR);
  }
  return study;
}

/** Every timestamp the study holds: none of them may leave it. */
function studyTimestamps(study: Study): string[] {
  const rows = study.db
    .prepare(
      `SELECT created_at AS t FROM study UNION SELECT created_at FROM coders UNION SELECT added_at FROM recordings
       UNION SELECT created_at FROM events UNION SELECT updated_at FROM events UNION SELECT updated_at FROM ratings
       UNION SELECT updated_at FROM segment_notes UNION SELECT watched_at FROM watched_segments UNION SELECT updated_at FROM coding_status
       UNION SELECT at FROM audit_log`,
    )
    .all() as { t: string }[];
  return rows.map((r) => r.t);
}

function filesOf(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}

function expectNothingIdentifying(files: Map<string, Buffer>, study: Study, date: string, { notes }: { notes: boolean }) {
  const forbidden = [
    ...RECORDINGS.flatMap((r) => [r.path, r.sha256]),
    ...FILE_NAMES,
    ...CODERS.map((c) => c.name),
    ...studyTimestamps(study),
    ...(notes ? [] : [MARK_NOTE, SEGMENT_NOTE]),
  ];
  for (const [name, bytes] of files) {
    // The ELAN document's date is the export date at midnight: the format asks for a time. The SDIS
    // sequences' times (",h:mm:ss.fff") are positions in the recording, as time_s is elsewhere.
    const text = bytes
      .toString('utf8')
      .replaceAll(`${date}T00:00:00`, date)
      .replace(name.endsWith('.sds') ? /,\d+:\d\d:\d\d\.\d{3}/g : /$^/, ',');
    for (const secret of forbidden) expect(text.includes(secret), `${name} contains "${secret}"`).toBe(false);
    // Any date at all must be the export date, and no time of day may appear.
    for (const found of text.match(/\d{4}-\d{2}-\d{2}/g) ?? []) expect(found, `${name} holds a date`).toBe(date);
    expect(text, `${name} holds a time of day`).not.toMatch(/\d:\d\d/);
  }
}

function rowCount(name: string, bytes: Buffer): number {
  if (name.endsWith('.csv')) return (parse(bytes, { columns: true }) as unknown[]).length;
  // SDIS: one session per coding, each ending in a slash.
  if (name.endsWith('.sds'))
    return bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => line.endsWith('/')).length;
  return (JSON.parse(bytes.toString('utf8')) as unknown[]).length;
}

function expectManifestHolds(files: Map<string, Buffer>, manifest: ExportManifest) {
  const onDisk = JSON.parse(files.get('manifest.json')!.toString('utf8')) as ExportManifest;
  expect(onDisk).toEqual(manifest);
  expect([...files.keys()].sort()).toEqual([...manifest.files.map((f) => f.name), 'manifest.json'].sort());
  for (const f of manifest.files) {
    const bytes = files.get(f.name)!;
    expect(createHash('sha256').update(bytes).digest('hex'), `SHA-256 of ${f.name}`).toBe(f.sha256);
    expect(rowCount(f.name, bytes), `rows of ${f.name}`).toBe(f.rows);
  }
}

describe('the export is de-identified by default', () => {
  it.each(['csv', 'json'] as const)('as %s: no path, file name, video hash, coder name, note, timestamp or other date in any file', (format) => {
    const study = identifyingStudy();
    const outDir = join(tempDir(), 'for-analysts');
    // Unfinished codings are compared too, so the reliability file is there to be checked.
    const { manifest } = exportStudy(study.db, { outDir, format, includeUnfinished: true });
    const files = filesOf(outDir);
    expect([...files.keys()].sort()).toEqual(
      ['events', 'segments', 'segments-wide', 'sessions', 'reliability', 'data-dictionary']
        .map((n) => `${n}.${format}`)
        .concat('manifest.json', 'sequences.sds')
        .sort(),
    );
    expect(manifest.exportDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expectNothingIdentifying(files, study, manifest.exportDate, { notes: false });
    expectManifestHolds(files, manifest);
    expect(manifest).toMatchObject({ format, notesIncluded: false, coders: ['C01', 'C02'], recordings: ['D01-S01', 'D01-S02'], codings: 4 });
    expect(manifest.deidentification.join(' ')).toMatch(/No free-text notes/);
  });

  it('the coder codes and recording codes are what identify rows', () => {
    const study = identifyingStudy();
    const outDir = join(tempDir(), 'out');
    exportStudy(study.db, { outDir });
    const events = parse(readFileSync(join(outDir, 'events.csv')), { columns: true }) as Record<string, string>[];
    expect(events[0]).toEqual({
      recording: 'D01-S01',
      coder: 'C01',
      segment: '1',
      segment_start_s: '0',
      time_s: '12.5',
      code: 'W2',
      category: 'withdrawal',
      clarity: 'check',
    });
  });

  it('a dyad is a code too: free text, which could hold a name or a spreadsheet formula, is refused when the recording is added', () => {
    const study = identifyingStudy();
    const media = {
      path: '/v.mp4',
      sizeBytes: 1,
      durationMs: 60_000,
      ...NOT_PROBED,
    };
    for (const dyad of ['Eleanor Hartigan', '=HYPERLINK("http://x/","j")', '']) {
      expect(() => insertRecording(study.db, { code: 'D09-S01', dyad, sha256: 'a'.repeat(64), ...media }, ACTOR)).toThrow(
        /^Dyad ".*" is not valid: use a code/,
      );
    }
    expect(insertRecording(study.db, { code: 'X1', dyad: 'D09', sessionNumber: 2, sha256: 'b'.repeat(64), ...media }, ACTOR)).toMatchObject({
      dyad: 'D09',
      sessionNumber: 2,
    });
  });

  it('the ELAN file of a recording holds no media path, name, note or timestamp either', () => {
    const study = identifyingStudy();
    const { xml } = exportEaf(study.db, 'D01-S01');
    const date = /DATE="(\d{4}-\d{2}-\d{2})T00:00:00"/.exec(xml)![1]!;
    expectNothingIdentifying(new Map([['D01-S01.eaf', Buffer.from(xml)]]), study, date, { notes: false });
  });
});

describe('--include-notes', () => {
  it.each(['csv', 'json'] as const)('as %s: adds the mark notes to events and a segment-notes file, and the manifest says so', (format) => {
    const study = identifyingStudy();
    const outDir = join(tempDir(), 'with-notes');
    const { manifest } = exportStudy(study.db, { outDir, format, includeNotes: true, includeUnfinished: true });
    const files = filesOf(outDir);
    expect(manifest.notesIncluded).toBe(true);
    expect(manifest.deidentification.join(' ')).toMatch(/notes ARE included/);
    expect(files.get(`events.${format}`)!.toString()).toContain(MARK_NOTE);
    expect(files.get(`segment-notes.${format}`)!.toString()).toContain(SEGMENT_NOTE);
    expect(manifest.files.find((f) => f.name === `segment-notes.${format}`)!.rows).toBe(2);
    // Everything but the notes stays out.
    expectNothingIdentifying(files, study, manifest.exportDate, { notes: true });
    expectManifestHolds(files, manifest);
  });
});
