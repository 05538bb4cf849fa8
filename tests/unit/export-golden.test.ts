// The files an export writes, byte for byte, for a fixed study: their SHA-256s were taken from the export as it
// was before it streamed the codings (one pass per file) instead of holding them all, so a change in how the
// export reads or writes cannot change what it writes without this test saying which file moved.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMarks, importRatings, setSegmentNote, type NewMark } from '../../electron/core/coding/index.ts';
import { startConsensus } from '../../electron/core/consensus/index.ts';
import { exportStudy, MANIFEST_NAME, type ExportManifest, type ExportOptions } from '../../electron/core/export/index.ts';
import { getScheme, ratingItemIds } from '../../electron/core/scheme/index.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** A fixed pseudo-random sequence, so every run builds the same study. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Twelve recordings of uneven length on one-minute segments (so some end on a short final part), coded by
 * C01 and C02, a third coder on every third recording, a consensus of one; marks with and without notes,
 * some on a segment start or at the same instant, segment notes, ratings, and some codings signed off.
 */
function fixedStudy(): Study {
  const study = makeStudy(tempDir(), 60);
  const scheme = getScheme('3rs-2015');
  const codes = scheme.codes.map((c) => c.id);
  const items = ratingItemIds(scheme);
  const next = random(0x51ed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  for (const coder of ['C01', 'C02', 'C03']) addTestCoder(study, coder);
  addTestCoder(study, 'L01', 'lead');
  for (let r = 0; r < 12; r++) {
    const recording = `D${String(Math.floor(r / 3) + 1).padStart(2, '0')}-S0${(r % 3) + 1}`;
    const durationMs = 240_000 + Math.floor(next() * 180_000);
    addFakeRecording(study, recording, durationMs);
    for (const coder of r % 3 === 0 ? ['C01', 'C02', 'C03'] : ['C01', 'C02']) {
      const marks: NewMark[] = Array.from({ length: 6 + Math.floor(next() * 10) }, (_, i) => ({
        code: pick(codes),
        clarity: next() < 0.7 ? 'check' : 'check-minus',
        // Some marks on a segment start, some at the same instant as the one before.
        timeMs: i % 5 === 4 ? 60_000 * Math.floor(next() * 3) : Math.floor(next() * durationMs),
        ...(next() < 0.3 ? { note: pick(['looks away', 'a pause, then "no"', '=SUM(A1)', 'sighs; shifts']) } : {}),
      }));
      importMarks(study.db, recording, coder, marks, ACTOR);
      importRatings(
        study.db,
        recording,
        coder,
        items.filter(() => next() < 0.9).map((item) => ({ item, value: 1 + Math.floor(next() * 5) })),
        ACTOR,
      );
      if (next() < 0.4) setSegmentNote(study.db, recording, coder, Math.floor(next() * 3), pick(['tense', 'repair, then laughter']), ACTOR);
    }
  }
  startConsensus(study.db, 'D02-S02', 'C01', { actor: 'L01' });
  // Signed off, except a few: the reliability compares complete codings unless asked otherwise.
  study.db.prepare("UPDATE coding_status SET state = 'complete' WHERE (recording_id + coder_id) % 5 <> 0").run();
  return study;
}

/** Every file the export wrote, but the manifest, by its SHA-256; and the manifest's own list of them. */
function hashes(study: Study, options: Omit<ExportOptions, 'outDir'>): { files: Record<string, string>; listed: ExportManifest['files'] } {
  const outDir = join(tempDir(), 'export');
  exportStudy(study.db, { ...options, outDir });
  const names = readdirSync(outDir)
    .filter((name) => name !== MANIFEST_NAME)
    .sort();
  const files = Object.fromEntries(
    names.map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(outDir, name)))
        .digest('hex'),
    ]),
  );
  const manifest = JSON.parse(readFileSync(join(outDir, MANIFEST_NAME), 'utf8')) as ExportManifest;
  return { files, listed: manifest.files };
}

const GOLDEN_CSV: Record<string, string> = {
  'data-dictionary.csv': '6fa2fbc20637ac59719f8a76babf112cebe4533a7a4a0c2e222aad9807df6e42',
  'events.csv': 'e9f1983e804e81bbd990ffbf59afec8c0f0315133600f61b719ac1d99828583a',
  'reliability.csv': '3b8f8fe30c4c5c6934555ab42d3fb2cdf6058364746010d21bbe08fe3a21a444',
  'segments-wide.csv': 'ce9d0aa687a57e59a6577e5e8eca64c15acbcd0b732aaaf6bd132ca630308bb4',
  'segments.csv': '28adf348f4b99db5dc4a36201e33396844631930118e3296950e4c126bfc07e2',
  'sequences.sds': 'a4ca7dd0f25a89ab12207f68ee089a1ad642ece7321d3c4c1735f628ffcbe23a',
  'sessions.csv': '21d857aca3b4b03731007b66bef60c23f9a63c61182e85d4743e2db5764a4031',
};
const GOLDEN_JSON: Record<string, string> = {
  'data-dictionary.json': '981f8d7ede170cfb52a957c9139d51ea12967a9b2a105e76cce504836c3c1cf3',
  'events.json': '2ed9d7a32e4d1adbd6a23de2f3f6d46881ccde519ab7043e15318f64c3776b2f',
  'reliability.json': 'e9c929612afe47765fcb14b73dabff9b5348dd13e3233c863ebd9f82cbc4a2b8',
  'segment-notes.json': '498bb193d43cd6beb44da0d2fa584b596c0c0de5cef0ed48ec297a58099193da',
  'segments-wide.json': '6b4bffaa896bb35ef9dd4d8f2f1844287c8e2bc83b5faaec028f33e85300046b',
  'segments.json': 'f484ffe4a74b55145034383e7fcbd48654008767ce8772b415377be0e87bc540',
  'sequences.sds': 'f2015476901174a886b089f3eb39a17524241b6c5a9067afecd2d8b2ba4aa471',
  'sessions.json': '51c7c7f3690a40fb35b32f9c2d8e9f96d61a79f62fa6d217a8390bd58e2117ad',
};

describe('an export writes the same bytes for the same study', () => {
  it('as CSV, with the default options', () => {
    const { files, listed } = hashes(fixedStudy(), { format: 'csv' });
    expect(files).toEqual(GOLDEN_CSV);
    expect(Object.fromEntries(listed.map((f) => [f.name, f.sha256]))).toEqual(files);
  });

  it('as JSON, with notes, unfinished codings compared and check-minus marks counted absent', () => {
    const { files, listed } = hashes(fixedStudy(), { format: 'json', includeNotes: true, includeUnfinished: true, checkMinus: 'absent' });
    expect(files).toEqual(GOLDEN_JSON);
    expect(Object.fromEntries(listed.map((f) => [f.name, f.sha256]))).toEqual(files);
  });
});
