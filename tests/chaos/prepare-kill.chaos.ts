// Row "kill -9 during media prepare, then look in $TMPDIR": `3rs media prepare` of a recording that needs a
// playable copy, killed with SIGKILL at a random point of its work (a random progress line, then a random
// few milliseconds). It holds when the temp dir is left empty (no plaintext copy, no picture, no folder),
// the study and its media file still open with no half-written part shown as ready, and a second
// `3rs media prepare` completes, leaving the temp dir empty too.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeMediaStore, openMediaStore } from '../../electron/core/media/store.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { ACTOR, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { makeClip } from '../helpers/video.ts';
import type { ChaosOutcome, ChaosScenario } from './types.ts';

const CLI = fileURLToPath(new URL('../../electron/cli/3rs.mjs', import.meta.url));
const CODE = 'D01-S01';
/** Longest a whole prepare of the clip may take on a busy machine before the attempt counts as hung. */
const HUNG_MS = 180_000;

interface PrepareRun {
  /** Progress lines seen (one per stage per 10 %, as the CLI writes them to a pipe). */
  lines: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
}

/** Runs `3rs media prepare` with TMPDIR set to `temp`; kills it with SIGKILL at progress line `killAtLine` (+ jitter). */
function prepare(study: string, temp: string, killAtLine: number | null = null): Promise<PrepareRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'media', 'prepare', study, '--recording', CODE, '--passphrase-env', 'STUDY_PASS'], {
      env: { ...process.env, STUDY_PASS: PASSPHRASE, TMPDIR: temp },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let lines = 0;
    let partial = '';
    let killed = false;
    const hung = setTimeout(() => child.kill('SIGKILL'), HUNG_MS);
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      const all = (partial + text).split('\n');
      partial = all.pop()!;
      for (const line of all) {
        if (!/^(Playable copy|Filmstrip|Waveform) +\d+%/.test(line)) continue;
        if (lines++ === killAtLine) {
          setTimeout(
            () => {
              killed = child.kill('SIGKILL');
            },
            Math.floor(Math.random() * 40),
          );
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(hung);
      resolve({ lines, code, signal, killed });
    });
  });
}

/** Everything under a folder, as paths relative to it. */
const entriesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' });

/** What is wrong with the study after a kill: it must open, and every part shown as ready must be whole. */
function studyProblems(path: string): string[] {
  const study = openStudy(path, PASSPHRASE);
  try {
    const media = openMediaStore(study, ACTOR);
    try {
      const torn = media.db
        .prepare(
          `SELECT a.kind FROM assets a LEFT JOIN chunks c ON c.asset_id = a.id
           WHERE a.status = 'ready' GROUP BY a.id HAVING coalesce(sum(length(c.data)), 0) <> a.total_size`,
        )
        .all() as { kind: string }[];
      return torn.map((t) => `the ${t.kind} is shown as ready but its bytes are incomplete`);
    } finally {
      closeMediaStore(media);
    }
  } finally {
    closeStudy(study);
  }
}

function leftoverWrites(path: string): number {
  const study = openStudy(path, PASSPHRASE);
  try {
    const media = openMediaStore(study, ACTOR);
    try {
      return (media.db.prepare(`SELECT count(*) AS n FROM assets WHERE status = 'writing'`).get() as { n: number }).n;
    } finally {
      closeMediaStore(media);
    }
  } finally {
    closeStudy(study);
  }
}

async function run(cycles: number): Promise<ChaosOutcome> {
  const root = mkdtempSync(join(tmpdir(), '3rs-chaos-prepare-'));
  const failures: string[] = [];
  let held = 0;
  try {
    // An MPEG-2 program stream, as older lab cameras write: Chromium cannot play it, so it needs a proxy.
    const clip = await makeClip(root, { format: 'mpeg2-mpg', seconds: 20, size: '320x240', fps: 25, name: 'séance.mpg' });
    const study = makeStudy(root, 60);
    const path = study.path;
    try {
      await addRecording(study.db, { videoPath: clip, code: CODE }, ACTOR);
    } finally {
      closeStudy(study);
    }
    // One whole run first: it proves the setup and tells how many progress lines a run writes.
    const firstTemp = join(root, 'temp-0');
    mkdirSync(firstTemp);
    const first = await prepare(path, firstTemp);
    if (first.code !== 0) throw new Error(`chaos setup: 3rs media prepare failed (exit ${first.code})`);
    let lines = first.lines;

    for (let cycle = 1; cycle <= cycles; cycle++) {
      const temp = join(root, `temp-${cycle}`);
      mkdirSync(temp);
      const problems: string[] = [];
      // A random progress line, never the very last one (the job would be over).
      let killAt = Math.floor(Math.random() * Math.max(1, lines - 1));
      let attempt = await prepare(path, temp, killAt);
      // Rarely the work outruns the kill; try again earlier rather than count a run that was never killed.
      for (let retry = 0; !attempt.killed && attempt.code === 0 && retry < 3; retry++) {
        killAt = Math.floor(killAt / 2);
        attempt = await prepare(path, temp, killAt);
      }
      const what = `killed at progress line ${killAt + 1} of ${lines}`;
      if (!attempt.killed) problems.push(`the run was never killed (exit ${attempt.code})`);
      const left = entriesUnder(temp);
      if (left.length) problems.push(`left in TMPDIR after the kill: ${left.join(', ')}`);
      try {
        problems.push(...studyProblems(path));
      } catch (err) {
        problems.push(`the study no longer opens: ${err instanceof Error ? err.message : String(err)}`);
      }
      const again = await prepare(path, temp);
      if (again.code !== 0) problems.push(`3rs media prepare run again failed (exit ${again.code ?? again.signal})`);
      else lines = again.lines;
      const leftAgain = entriesUnder(temp);
      if (leftAgain.length) problems.push(`left in TMPDIR by the run after: ${leftAgain.join(', ')}`);
      const writing = problems.length ? 0 : leftoverWrites(path);
      if (writing) problems.push(`${writing} half-written part(s) still in the media file after a complete run`);
      if (problems.length) failures.push(`${what}: ${problems.join('; ')}`);
      else held++;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { tried: cycles, held, failures };
}

export const prepareKill: ChaosScenario = {
  name: 'kill -9 during media prepare, then look in $TMPDIR',
  fullCycles: 20,
  reducedCycles: 2,
  run,
};
