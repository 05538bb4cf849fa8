// Writing export files safely: into a new or empty folder only, so an export never mixes with older files;
// each file under a temporary name in the same folder and then renamed, so no reader sees half a file; and
// on any failure the files already written are removed again.

import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors.ts';

export interface OutputFile {
  name: string;
  bytes: Buffer;
}

function ioError(what: string, err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError('IO_ERROR', `${what}: ${reason}. Check the folder's permissions and free space, then export again.`);
}

/** Refuses a folder that holds anything, or a path that is a file. A missing folder is fine: it will be made. */
export function assertEmptyFolder(dir: string): void {
  if (!existsSync(dir)) return;
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) {
      throw new AppError('INVALID_INPUT', `${dir} is a file, not a folder. Choose a new or empty folder for the export.`);
    }
    entries = readdirSync(dir);
  } catch (err) {
    throw err instanceof AppError ? err : ioError(`Could not look into the folder ${dir}`, err);
  }
  if (entries.length > 0) {
    throw new AppError(
      'CONFLICT',
      `The folder ${dir} is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, e.g. ${entries[0]}). Export into a new or empty folder, so the export never mixes with older files.`,
    );
  }
}

/** Writes and flushes `bytes` under a temporary name beside `path`, then renames it into place. */
function writeThenRename(path: string, bytes: Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(temp, path);
}

/**
 * Writes every file into `dir`, which must be missing or empty; all files or none. The last file in the list
 * is written last, so a reader that finds it (e.g. the manifest) knows the others are complete.
 */
export function writeExportFolder(dir: string, files: OutputFile[]): void {
  assertEmptyFolder(dir);
  let made: string | undefined;
  try {
    made = mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw ioError(`Could not create the folder ${dir}`, err);
  }
  const written: string[] = [];
  try {
    for (const file of files) {
      const path = join(dir, file.name);
      writeThenRename(path, file.bytes);
      written.push(path);
    }
  } catch (err) {
    for (const path of written) rmSync(path, { force: true });
    if (made !== undefined) rmSync(made, { recursive: true, force: true });
    throw ioError(`Could not write the export into ${dir}; nothing was left there`, err);
  }
}

/** Writes one file that must not exist yet, atomically; its folder is made if missing. */
export function writeNewFile(path: string, bytes: Buffer): void {
  if (existsSync(path)) throw new AppError('CONFLICT', `${path} already exists. Choose another folder, or move the old file away first.`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeThenRename(path, bytes);
  } catch (err) {
    throw ioError(`Could not write ${path}`, err);
  }
}
