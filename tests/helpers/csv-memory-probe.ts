// Run as a child process (node --expose-gc csv-memory-probe.ts FILE), under a capped heap: parses FILE as an
// events CSV, as the import does, and prints the rows, the heap the loaded code held before the parse, and how
// far the process's peak resident memory rose during it.
import { parseEventsCsv } from '../../electron/core/io/events-csv.ts';
import { openTextFile, textInput } from '../../electron/core/io/read-text-file.ts';
import { scheme3rs2015 as scheme } from '../../electron/core/scheme/index.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
// Warm up: load and compile everything the parse uses, so the baseline holds it.
await parseEventsCsv(textInput('time,code,clarity,note\n1,W1,check,warm\n'), { scheme });
gc();
const before = process.memoryUsage();
const file = openTextFile(process.argv[2]!, 'CSV file');
const marks = await parseEventsCsv(file, { scheme });
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ rows: marks.length, size: file.size, baselineHeap: before.heapUsed, rssRise: peak - before.rss }));
