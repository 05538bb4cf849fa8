// Files that hold a study's data (the study, its media, temporary copies, exports) are for their owner only:
// 0600 files in 0700 folders, whatever the umask. A mode given at creation can only lose bits to the umask,
// never gain them, so creating with these modes is enough for new files; files that SQLite creates (or an
// older version made) are narrowed with chmod. Setting the process umask instead would not reach the core's
// worker thread (Node refuses process.umask(mask) there) and would change files the user makes for other reasons.

import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** Creates an empty file only its owner may read or write. Fails (EEXIST) if anything is at `path` already. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
}

/** `mkdir -p` whose new folders are 0700. Returns the first folder it made, as mkdirSync does. */
export function makePrivateFolder(path: string): string | undefined {
  return mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

/** Narrows an existing file to its owner. A missing file stays missing; another user's file is theirs to set. */
export function keepPrivate(path: string): void {
  try {
    chmodSync(path, PRIVATE_FILE_MODE);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw err;
  }
}
