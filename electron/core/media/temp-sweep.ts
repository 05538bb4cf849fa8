// Versions before media jobs wrote through pipes made the playable copy and the filmstrip as plaintext
// files in a `3rs-media-*` folder of the OS temp dir; a job killed hard (kill -9, a crash, a power cut)
// left its folder behind. This sweeps such folders away at start. Nothing of this version is ever there.

import { lstat, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STALE_JOB_PREFIX = '3rs-media-';

/**
 * Removes the `3rs-media-*` folders in `dir` (the OS temp dir, TMPDIR respected) that belong to this user,
 * and returns their paths. Only real folders are touched (a link of that name is left alone), and where the
 * system has owners, only this user's. Best effort: whatever cannot be read or removed stays, silently,
 * for the next start.
 */
export async function sweepStaleMediaTemp(dir: string = tmpdir()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(STALE_JOB_PREFIX)) continue;
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed;
}
