// The de-identified CSV export of 1,000 recordings × 2 coders (events, segments, segments-wide, sessions,
// reliability, dictionary, SDIS sequences, manifest, all written to disk) against a raw SELECT of the rows
// it shows, in the same run. It times the staged export that the app's job and the command line run, and
// where its time goes: each part's share, as a multiple of the same SELECT, shows what the whole can come
// down to. It also times the floor
// that the issue's own rule sets (tables written by a CSV library): d3-dsv alone formatting the same rows,
// made beforehand, with nothing else done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventsTable, segmentsTable, sessionsTable } from '../electron/core/export/coding-tables.ts';
import { readCodings } from '../electron/core/export/export-study.ts';
import { segmentsWideTable } from '../electron/core/export/segments-wide.ts';
import { exportStudyAsync } from '../electron/core/export/index.ts';
import { CHUNK_ROWS, formatRows } from '../electron/core/export/serialize.ts';
import type { Cell } from '../electron/core/export/table.ts';
import { generatedStudy, rawSelect } from './generated-study.ts';
import { type BenchResult, percentile, round } from './types.ts';

// Seven rounds, each an export then a SELECT, so both sides meet the same moments of a noisy machine.
const ROUNDS = 7;

/** The parts of an export, by the stages it reports: the stage names that start each part. */
const PARTS = [
  { name: 'reading the study and tallying the codings', starts: (stage: string) => stage === 'Reading the study' },
  { name: 'computing the reliability', starts: (stage: string) => stage === 'Computing the reliability' },
  { name: 'formatting and writing the tables (d3-dsv)', starts: (stage: string) => stage.startsWith('Writing ') && !stage.endsWith('.json') },
  { name: 'the manifest and the flush to disk', starts: (stage: string) => stage === 'Writing manifest.json' },
] as const;

type PartTimes = number[];

/** One export, timed whole and by part (the time from each stage to the next is its part's). */
async function timedExport(db: Parameters<typeof exportStudyAsync>[0], outDir: string): Promise<{ total: number; parts: PartTimes }> {
  const parts: PartTimes = PARTS.map(() => 0);
  let current = -1;
  let since = 0;
  const close = (now: number) => {
    if (current >= 0) parts[current]! += now - since;
    since = now;
  };
  const t0 = performance.now();
  await exportStudyAsync(
    db,
    { outDir, format: 'csv' },
    {
      onProgress: ({ stage }) => {
        close(performance.now());
        current = PARTS.findIndex((part) => part.starts(stage));
      },
    },
  );
  const end = performance.now();
  close(end);
  return { total: end - t0, parts };
}

/** The rows of the export's four large tables, made once: the cells the CSV library is given. */
function exportedRows(db: Parameters<typeof exportStudyAsync>[0]): Cell[][][] {
  const context = { ...readCodings(db, { includeNotes: false }), includeNotes: false, checkMinus: 'present' as const };
  return [eventsTable(context), segmentsTable(context), segmentsWideTable(context), sessionsTable(context)].map((table) => [...table.rows()]);
}

/** d3-dsv formatting the rows, as the export calls it, in its chunks, and nothing else: no reading, no tallying, no writing. */
function formatOnly(tables: Cell[][][]): number {
  let length = 0;
  for (const rows of tables) for (let i = 0; i < rows.length; i += CHUNK_ROWS) length += formatRows(rows.slice(i, i + CHUNK_ROWS)).length;
  return length;
}

export async function exportBench(): Promise<BenchResult[]> {
  const study = generatedStudy();
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-export-'));
  try {
    rawSelect(study); // warm the page cache and the statements alike for both sides
    const rows = exportedRows(study.db);
    formatOnly(rows);
    const totals: number[] = [];
    const selects: number[] = [];
    const formats: number[] = [];
    const parts: PartTimes[] = [];
    for (let n = 0; n < ROUNDS; n++) {
      const timed = await timedExport(study.db, join(dir, String(n)));
      totals.push(timed.total);
      parts.push(timed.parts);
      const t0 = performance.now();
      rawSelect(study);
      selects.push(performance.now() - t0);
      const t1 = performance.now();
      formatOnly(rows);
      formats.push(performance.now() - t1);
    }
    const exportMs = percentile(totals, 50);
    const selectMs = percentile(selects, 50);
    const ratio = exportMs / selectMs;
    const formatMs = percentile(formats, 50);
    return [
      { name: 'export 1,000 recordings × 2 coders (csv)', value: round(exportMs, 1), unit: 'ms', goal: 'informative', ok: true },
      { name: 'export csv / raw SELECT of the same rows', value: round(ratio, 2), unit: 'x', goal: '<= 3x', ok: ratio <= 3 },
      ...PARTS.map((part, i) => ({
        name: `context: ${part.name} / raw SELECT`,
        value: round(
          percentile(
            parts.map((p) => p[i]!),
            50,
          ) / selectMs,
          2,
        ),
        unit: 'x',
        goal: '—',
        ok: true,
      })),
      {
        name: 'context: d3-dsv alone formatting the same rows (the CSV library’s floor) / raw SELECT',
        value: round(formatMs / selectMs, 2),
        unit: 'x',
        goal: '—',
        ok: true,
      },
      { name: 'context: the export less that floor / raw SELECT', value: round((exportMs - formatMs) / selectMs, 2), unit: 'x', goal: '—', ok: true },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
