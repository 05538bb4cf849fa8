// `node bench/export-child.ts STUDY OUT`: one export of a generated study in a process of its own, so its peak
// memory is the export's and nothing else's. It opens the study, warms the code with an export of its first
// 100 recordings (as a running app is warm), then times the export of the whole study (staged, as the app's
// job runs it) and prints, as one JSON line, the time, the process's peak resident set size and its resident
// set size just before the timed export.
import { join } from 'node:path';
import { exportStudyAsync } from '../electron/core/export/index.ts';
import { closeStudy, openStudy } from '../electron/core/store/study-file.ts';
import { BENCH_PASSPHRASE } from './generated-study.ts';

export interface ExportChildResult {
  ms: number;
  /** process.resourceUsage().maxRSS, in bytes: the most memory the process ever held resident. */
  peakRssBytes: number;
  /** Resident set size after opening the study and warming up, before the timed export. */
  rssBeforeBytes: number;
}

const [studyPath, outDir] = process.argv.slice(2);
if (!studyPath || !outDir) throw new Error('usage: node bench/export-child.ts STUDY OUT');
const study = openStudy(studyPath, BENCH_PASSPHRASE);
const warmUp = (study.db.prepare('SELECT code FROM recordings ORDER BY code LIMIT 100').all() as { code: string }[]).map((r) => r.code);
await exportStudyAsync(study.db, { outDir: join(outDir, 'warm-up'), recordings: warmUp });
const rssBeforeBytes = process.memoryUsage().rss;
const t0 = performance.now();
await exportStudyAsync(study.db, { outDir: join(outDir, 'timed') });
const ms = performance.now() - t0;
closeStudy(study);
// maxRSS is in kilobytes (getrusage's ru_maxrss on Linux).
const result: ExportChildResult = { ms, peakRssBytes: process.resourceUsage().maxRSS * 1024, rssBeforeBytes };
process.stdout.write(`${JSON.stringify(result)}\n`);
