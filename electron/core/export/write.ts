// Writing export files safely: into a new or empty folder only, so an export never mixes with older files;
// each file under a temporary name in the same folder, a chunk at a time, flushed to disk and then renamed,
// so no reader sees half a file; and on any failure or cancel every file already written is removed again.

import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors.ts';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../io/private-files.ts';

function ioError(what: string, err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError('IO_ERROR', `${what}: ${reason}. Check the folder's permissions and free space, then export again.`);
}

/** An error from the operating system (ENOSPC, EACCES…) as Node gives them: with the system call that failed, unlike Node's own argument errors. */
const isSystemError = (err: unknown): boolean => err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';

/** A file being written is named `.NAME.RANDOM.partial`; one left in a folder is from a write that was cut short. */
const tempName = (name: string): string => `.${name}.${randomBytes(6).toString('hex')}.partial`;
const isTemp = (entry: string): boolean => entry.startsWith('.') && entry.endsWith('.partial');

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
  // A crash or power cut mid-export leaves its temporary files, which nothing removes: the user is told so,
  // not only that the folder is not empty.
  const leftover = entries.find(isTemp);
  if (leftover !== undefined) {
    throw new AppError(
      'CONFLICT',
      `The folder ${dir} holds unfinished files of an earlier export into it that was interrupted (e.g. ${leftover}). Delete that folder (or the .partial files in it), or choose another folder for the export.`,
    );
  }
  if (entries.length > 0) {
    throw new AppError(
      'CONFLICT',
      `The folder ${dir} is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, e.g. ${entries[0]}). Export into a new or empty folder, so the export never mixes with older files.`,
    );
  }
}

/** A file written under a temporary name beside its final path, still open so that it can be flushed. */
interface TempFile {
  path: string;
  temp: string;
  fd: number | null;
}

/** Writes the chunks one after another, each into `hash` too when one is given. */
function writeTemp(path: string, chunks: Iterable<Buffer>, hash?: Hash): TempFile {
  const temp = join(dirname(path), tempName(basename(path)));
  const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    for (const chunk of chunks) {
      hash?.update(chunk);
      writeFileSync(fd, chunk); // at the file's current position, after the chunk before
    }
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  return { path, temp, fd };
}

function flushAndClose(file: TempFile): void {
  const fd = file.fd!;
  file.fd = null;
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes the renames themselves durable. POSIX only: Windows cannot open a folder to flush it, and NTFS
 * journals its renames.
 */
function flushFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * An export being written into `dir`, which must be missing or empty: add() writes each file under a
 * temporary name, commit() makes them all appear under their names, in the order they were added (so a
 * reader that finds the last one, e.g. the manifest, knows the others are complete), and abort() removes
 * every trace, the folder too when the export made it.
 */
export class ExportFolder {
  readonly dir: string;
  /** The first folder mkdir made, when the export made the folder; removed again on abort. */
  private readonly made: string | undefined;
  private readonly files: TempFile[] = [];
  private readonly published: string[] = [];
  private done = false;

  private constructor(dir: string, made: string | undefined) {
    this.dir = dir;
    this.made = made;
  }

  static create(dir: string): ExportFolder {
    assertEmptyFolder(dir);
    try {
      return new ExportFolder(dir, makePrivateFolder(dir));
    } catch (err) {
      throw ioError(`Could not create the folder ${dir}`, err);
    }
  }

  /**
   * Writes a file from its chunks as they are made, so that it is never held whole, and gives its SHA-256,
   * taken from the same chunks on their way to the disk.
   */
  add(name: string, chunks: Iterable<Buffer>): string {
    const hash = createHash('sha256');
    this.guard(() => this.files.push(writeTemp(join(this.dir, name), chunks, hash)));
    return hash.digest('hex');
  }

  /**
   * Every file is flushed before any is renamed, so a name never points at data still in memory. The flushes
   * come after all the writes rather than one after each: the disk gets the whole export in one go instead
   * of the writes waiting on one flush after another.
   */
  commit(): void {
    this.guard(() => {
      for (const file of this.files) flushAndClose(file);
      for (const file of this.files) {
        renameSync(file.temp, file.path);
        this.published.push(file.path);
      }
      flushFolder(this.dir);
    });
    this.done = true;
  }

  /** Removes everything written so far; does nothing once committed. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    for (const file of this.files) {
      if (file.fd !== null) closeSync(file.fd);
      rmSync(file.temp, { force: true });
    }
    for (const path of this.published) rmSync(path, { force: true });
    if (this.made !== undefined) rmSync(this.made, { recursive: true, force: true });
  }

  private guard(write: () => void): void {
    if (this.done) throw new AppError('INTERNAL', `The export into ${this.dir} is already finished; start a new one.`);
    try {
      write();
    } catch (err) {
      this.abort();
      // The rows are made while the file is written: only a failure of the file system gets the advice
      // about the folder; anything else is thrown as it is.
      throw isSystemError(err) ? ioError(`Could not write the export into ${this.dir}; nothing was left there`, err) : err;
    }
  }
}

/**
 * Writes one file that must not exist yet, atomically and durably; its folder is made if missing, and removed
 * again if the file cannot be written.
 */
export function writeNewFile(path: string, bytes: Buffer): void {
  if (existsSync(path)) throw new AppError('CONFLICT', `${path} already exists. Choose another folder, or move the old file away first.`);
  let made: string | undefined; // the first folder mkdir made, if any
  try {
    made = makePrivateFolder(dirname(path));
    const file = writeTemp(path, [bytes]);
    try {
      flushAndClose(file);
      renameSync(file.temp, path);
    } catch (err) {
      rmSync(file.temp, { force: true });
      throw err;
    }
  } catch (err) {
    if (made !== undefined) rmSync(made, { recursive: true, force: true });
    throw ioError(`Could not write ${path}`, err);
  }
}
