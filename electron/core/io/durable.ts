// Flushes that make a write survive a power cut, not only a crash: a file's bytes, and a folder's entries
// (so that a rename or a new name is on disk too).

import { closeSync, fsyncSync, openSync } from 'node:fs';

function flush(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function flushFile(path: string): void {
  flush(path, 'r+');
}

/** POSIX only: Windows cannot open a folder to flush it, and NTFS journals its renames. */
export function flushFolder(dir: string): void {
  if (process.platform !== 'win32') flush(dir, 'r');
}
