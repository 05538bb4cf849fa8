// Opening a file a person names as input (a CSV to import, an export's manifest): only a regular file, of a
// bounded size. A FIFO, a device such as /dev/zero or a folder is refused from its metadata before it is
// opened for reading, so nothing can hang on it or read without end.

import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../errors.ts';

/** The largest file an import reads. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export interface RegularFile {
  /** The absolute path, as messages name it. */
  path: string;
  fd: number;
  size: number;
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO), which could keep the import waiting for ever';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device, which could be read without end';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuseUnlessRegular(stats: Stats, path: string, what: string, maxBytes: number): void {
  const kind = kindOf(stats);
  if (kind) throw new AppError('INVALID_INPUT', `${path} is ${kind}, not a file. Save the ${what} as an ordinary file and give its path.`);
  if (stats.size > maxBytes) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} is ${megabytes(stats.size)}; a ${what} may be at most ${megabytes(maxBytes).replace('.0', '')}. Split it into smaller files and import them one after another.`,
    );
  }
}

function openError(err: unknown, path: string, what: string): AppError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return new AppError('FILE_NOT_FOUND', `No ${what} at ${path}. Check the path.`);
  if (code === 'EISDIR') return new AppError('INVALID_INPUT', `${path} is a folder, not a file. Give the ${what} itself.`);
  if (code === 'EACCES' || code === 'EPERM')
    return new AppError('IO_ERROR', `${path} cannot be read: permission denied. Check the file's permissions.`);
  return new AppError('IO_ERROR', `Cannot read ${path} (${(err as Error).message}). Check the path and its permissions.`);
}

/**
 * Opens `path` for reading when it is a regular file of at most `maxBytes`. The path is checked before it is
 * opened, and the opened file again (non-blocking, so even a pipe swapped in meanwhile cannot hang the open):
 * it must be the very file that was checked. The caller closes `fd`.
 */
export function openRegularFile(path: string, what: string, maxBytes = MAX_INPUT_BYTES): RegularFile {
  const full = resolve(path);
  let fd: number;
  try {
    refuseUnlessRegular(statSync(full), full, what, maxBytes);
    fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw err instanceof AppError ? err : openError(err, full, what);
  }
  try {
    const opened = fstatSync(fd);
    refuseUnlessRegular(opened, full, what, maxBytes);
    return { path: full, fd, size: opened.size };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** The whole of a small regular file (see openRegularFile), read in one go. */
export function readRegularFile(path: string, what: string, maxBytes: number): Buffer {
  const file = openRegularFile(path, what, maxBytes);
  try {
    // One byte more than it had: a file that grows meanwhile is refused, not read without end.
    const buffer = Buffer.alloc(file.size + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(file.fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
    if (length > file.size) throw new AppError('INVALID_INPUT', `${file.path} grew while it was read. Try again once nothing writes to it.`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(file.fd);
  }
}
