// The de-identified CSV export of 1,000 recordings × 2 coders (events, segments, sessions, reliability,
// dictionary, manifest, all written to disk) against a raw SELECT of the rows it shows, in the same run. It
// times the staged export that the app's job and the command line run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportStudyAsync } from '../electron/core/export/index.ts';
import { generatedStudy, medianMs, rawSelect } from './generated-study.ts';
import { type BenchResult, round } from './types.ts';

// Five rounds: the median of three swings with whatever else the machine runs.
const ROUNDS = 5;

export async function exportBench(): Promise<BenchResult[]> {
  const study = generatedStudy();
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-export-'));
  try {
    rawSelect(study); // warm the page cache and the statements alike for both sides
    let n = 0;
    const exportMs = await medianMs(ROUNDS, () => exportStudyAsync(study.db, { outDir: join(dir, String(n++)), format: 'csv' }));
    const selectMs = await medianMs(ROUNDS, () => rawSelect(study));
    const ratio = exportMs / selectMs;
    return [
      { name: 'export 1,000 recordings × 2 coders (csv)', value: round(exportMs, 1), unit: 'ms', goal: 'informative', ok: true },
      { name: 'export csv / raw SELECT of the same rows', value: round(ratio, 2), unit: 'x', goal: '<= 3x', ok: ratio <= 3 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
