// Row "/dev/zero or a FIFO as the CSV of events import; a Latin-1 CSV": `3rs events import` given /dev/zero, a
// FIFO, a Latin-1 CSV without --encoding, a 60 MB file and a CSV with NUL bytes. It holds when each is refused
// (exit 2) within seconds with a message saying what is wrong and what to do, no NUL byte in the output, the
// command's peak memory stays under 300 MB, and the coding has no marks afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listMarks } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { writeEventsCsv } from '../helpers/csv-files.ts';
import { PASS_ENV, run3rs, WITH_PASS } from '../helpers/cli.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import type { ChaosOutcome, ChaosScenario } from './types.ts';

const TIMEOUT_MS = 20_000;
const MEMORY_BOUND = 300 * 1024 * 1024;

interface BadCsv {
  what: string;
  /** Makes the file in `dir` and returns its path. */
  make(dir: string): string;
  refused: RegExp;
}

const CASES: BadCsv[] = [
  {
    what: '/dev/zero',
    make: () => '/dev/zero',
    refused: /\/dev\/zero is a device, which could be read without end, not a file\. Save the CSV file as an ordinary file/,
  },
  {
    what: 'a FIFO',
    make: (dir) => {
      const fifo = join(dir, 'events.csv');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    },
    refused: /events\.csv is a named pipe \(FIFO\).*Save the CSV file as an ordinary file/,
  },
  {
    what: 'a Latin-1 CSV without --encoding',
    make: (dir) => {
      const file = join(dir, 'latin1.csv');
      writeFileSync(file, Buffer.from('time,code,clarity,note\n1,W1,check,\n2,W2,check,r\xe9sistance\n', 'latin1'));
      return file;
    },
    refused: /line 3 has bytes that are not UTF-8 text.*Save the file as UTF-8.*--encoding latin1.*Nothing was imported/,
  },
  {
    what: 'a 60 MB file',
    make: (dir) => {
      const file = join(dir, 'big.csv');
      writeEventsCsv(file, 60 * 1024 * 1024);
      return file;
    },
    refused: /big\.csv is 60\.0 MB; a CSV file may be at most 50 MB\. Split it/,
  },
  {
    what: 'a CSV with NUL bytes',
    make: (dir) => {
      const file = join(dir, 'nul.csv');
      writeFileSync(file, 'time,code,clarity,note\n1,W1,check,\n2,W1,check,\u0000\u0000\u0000\n');
      return file;
    },
    refused: /line 3 holds a NUL byte.*Save it as UTF-8 text\..*Nothing was imported/,
  },
];

/** The peak resident memory of a process so far, from /proc (Linux), in bytes; 0 once it has gone. */
function peakMemory(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function attempt(studyPath: string, root: string, bad: BadCsv): Promise<string | undefined> {
  const dir = mkdtempSync(join(root, 'case-'));
  const csv = bad.make(dir);
  let peak = 0;
  let watch: ReturnType<typeof setInterval> | undefined;
  const started = Date.now();
  const r = await run3rs(['events', 'import', studyPath, '--recording', 'D01-S01', '--coder', 'C01', csv, ...WITH_PASS], {
    env: PASS_ENV,
    timeoutMs: TIMEOUT_MS,
    onSpawn: (pid) => (watch = setInterval(() => (peak = Math.max(peak, peakMemory(pid))), 5)),
  });
  clearInterval(watch);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const problems: string[] = [];
  if (r.timedOut) problems.push(`no answer in ${TIMEOUT_MS / 1000} s`);
  else if (r.code !== 2) problems.push(`exit ${r.code}`);
  if (!bad.refused.test(r.stderr)) problems.push(`not refused with a clear message: ${JSON.stringify(r.stderr.trim().slice(0, 300))}`);
  if (`${r.stdout}${r.stderr}`.includes('\u0000')) problems.push('a NUL byte was echoed');
  if (peak > MEMORY_BOUND) problems.push(`peak memory ${(peak / 1048576).toFixed(0)} MB`);
  const study = openStudy(studyPath, PASSPHRASE);
  try {
    const marks = listMarks(study.db, 'D01-S01', 'C01').length;
    if (marks > 0) problems.push(`${marks} marks were imported`);
  } finally {
    closeStudy(study);
  }
  return problems.length ? `${bad.what} (${seconds} s): ${problems.join('; ')}` : undefined;
}

async function run(cycles: number): Promise<ChaosOutcome> {
  const root = mkdtempSync(join(tmpdir(), '3rs-chaos-csv-'));
  const failures: string[] = [];
  try {
    const study = makeStudy(root);
    addTestCoder(study, 'C01');
    addFakeRecording(study, 'D01-S01', 7_200_000);
    closeStudy(study);
    for (let i = 0; i < cycles; i++) {
      const failure = await attempt(study.path, root, CASES[i % CASES.length]!);
      if (failure) failures.push(failure);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { tried: cycles, held: cycles - failures.length, failures };
}

export const badCsvs: ChaosScenario = {
  name: '/dev/zero or a FIFO as the CSV of events import; a Latin-1 CSV',
  fullCycles: CASES.length,
  reducedCycles: CASES.length,
  run,
};
