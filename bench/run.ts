// `npm run bench`: runs every benchmark in this folder and writes bench/results.json.
// Each figure is a ratio or latency measured in the same run as its baseline: these machines are noisy.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.ts';
import { exportBench } from './export.bench.ts';
import { importBench } from './import.bench.ts';
import { homeOpen } from './home-open.bench.ts';
import { labPacketsBench } from './lab-packets.bench.ts';
import { mainThreadLag } from './main-thread-lag.bench.ts';
import { markWrites } from './mark-writes.bench.ts';
import { mediaProxy } from './media-proxy.bench.ts';
import { mediaReads } from './media-reads.bench.ts';
import { mediaSeek } from './media-seek.bench.ts';
import { reliabilityBench } from './reliability.bench.ts';
import { uiMarks } from './ui-marks.bench.ts';
import { uiSeek } from './ui-seek.bench.ts';

const suites: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'mark writes', run: markWrites },
  { name: 'export scaling: 10,000 against 1,000 recordings', run: exportBench },
  { name: 'reliability over 1,000 recordings', run: reliabilityBench },
  { name: 'lab packets: return of 100 recordings × 300 marks', run: labPacketsBench },
  { name: 'import of a real session: 20 minutes of 720p H.264 + AAC', run: importBench },
  { name: 'proxy making', run: mediaProxy },
  { name: 'main thread: event-loop lag while the core works', run: mainThreadLag },
  { name: 'encrypted range reads', run: mediaReads },
  { name: 'seek in Chromium', run: mediaSeek },
  { name: 'ui: opening a lab-sized study', run: homeOpen },
  { name: 'ui: keypress → mark painted', run: uiMarks },
  { name: 'ui: next segment → frame painted', run: uiSeek },
];

// `npm run bench -- reads seek` runs only the suites whose names contain one of the words.
const only = process.argv.slice(2).map((w) => w.toLowerCase());
const chosen = only.length ? suites.filter((s) => only.some((w) => s.name.includes(w))) : suites;
if (chosen.length === 0) {
  // Nothing is run and bench/results.json keeps the last run's figures.
  console.error(
    `bench: no suite's name holds ${only.map((w) => `"${w}"`).join(' or ')}. The suites are:\n${suites.map((s) => `  ${s.name}`).join('\n')}`,
  );
  process.exit(1);
}

const results: BenchResult[] = [];
for (const suite of chosen) {
  process.stderr.write(`bench: ${suite.name}…\n`);
  results.push(...(await suite.run()));
}

const out = fileURLToPath(new URL('./results.json', import.meta.url));
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.table(results.map((r) => ({ name: r.name, value: r.value, unit: r.unit, goal: r.goal, ok: r.ok ? 'yes' : 'NO' })));
console.log(`written to ${out}`);
