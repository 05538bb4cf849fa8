// The export's scaling: a study of 10,000 recordings × 2 coders against one of 1,000 × 2, the same kind of
// study (bench/generated-study.ts), each export run in a fresh child process (bench/export-child.ts). Goals:
// time ≤ 11× (ten times the codings, and a little for the larger files' writes), peak memory ≤ 1.5× (the
// export streams: it holds one coding's rows at a time, and of the whole study only a few numbers per coding
// and the reliability's bit sets).
//
// Memory is the child's peak resident set size (getrusage's maxRSS): everything the process held at its
// worst, SQLite's page cache and Node's buffers included, which heapUsed would miss. The same measure for
// both sizes, each in its own process, so neither inherits the other's heap. The peak includes the process's
// own baseline (Node, the modules, the open study); the rise above the resident size just before the export
// is printed beside it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { closeStudy } from '../electron/core/store/study-file.ts';
import type { ExportChildResult } from './export-child.ts';
import { generateStudy } from './generated-study.ts';
import { type BenchResult, percentile, round } from './types.ts';

const SMALL = 1_000;
const LARGE = 10_000;
// Each round exports both sizes, one after the other, so both meet the same moments of a noisy machine.
const ROUNDS = 3;
const CHILD = fileURLToPath(new URL('./export-child.ts', import.meta.url));

async function exportInChild(study: string, outDir: string): Promise<ExportChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, study, outDir], { encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ExportChildResult;
}

const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
const median = (values: number[]) => percentile(values, 50);

export async function exportBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-export-'));
  try {
    const studies = Object.fromEntries(
      [SMALL, LARGE].map((size) => {
        const path = join(dir, `${size}.3rs`);
        const t0 = performance.now();
        closeStudy(generateStudy(path, size));
        process.stderr.write(
          `bench: generated ${size.toLocaleString('en')} recordings × 2 coders in ${round((performance.now() - t0) / 1000, 1)} s\n`,
        );
        return [size, path];
      }),
    ) as Record<number, string>;
    const runs: Record<number, ExportChildResult[]> = { [SMALL]: [], [LARGE]: [] };
    for (let n = 0; n < ROUNDS; n++) {
      for (const size of [SMALL, LARGE]) runs[size]!.push(await exportInChild(studies[size]!, join(dir, `out-${size}-${n}`)));
      rmSync(join(dir, `out-${SMALL}-${n}`), { recursive: true, force: true });
      rmSync(join(dir, `out-${LARGE}-${n}`), { recursive: true, force: true });
    }
    const ms = (size: number) => median(runs[size]!.map((r) => r.ms));
    const peak = (size: number) => median(runs[size]!.map((r) => r.peakRssBytes));
    const rise = (size: number) => median(runs[size]!.map((r) => r.peakRssBytes - r.rssBeforeBytes));
    const timeRatio = ms(LARGE) / ms(SMALL);
    const memoryRatio = peak(LARGE) / peak(SMALL);
    return [
      { name: 'export 10,000 recordings × 2 coders / 1,000 × 2: time', value: round(timeRatio, 2), unit: 'x', goal: '<= 11x', ok: timeRatio <= 11 },
      {
        name: 'export 10,000 recordings × 2 coders / 1,000 × 2: peak memory (child maxRSS)',
        value: round(memoryRatio, 2),
        unit: 'x',
        goal: '<= 1.5x',
        ok: memoryRatio <= 1.5,
      },
      ...[SMALL, LARGE].flatMap((size) => {
        const label = `${size.toLocaleString('en')} × 2`;
        return [
          { name: `context: export of ${label} (csv, staged, warm)`, value: round(ms(size), 0), unit: 'ms', goal: '—', ok: true },
          { name: `context: peak RSS of the process exporting ${label}`, value: mb(peak(size)), unit: 'MB', goal: '—', ok: true },
          { name: `context: its rise above the RSS before the export`, value: mb(rise(size)), unit: 'MB', goal: '—', ok: true },
        ];
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
