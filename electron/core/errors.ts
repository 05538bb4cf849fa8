/**
 * Errors that cross a boundary (IPC, CLI, file import) are values with a stable
 * code and a sentence that tells the user what to do next.
 */
export const ERROR_CODES = [
  /** The user's input is wrong (a code the scheme lacks, a number out of range): the message says what to enter. */
  'INVALID_INPUT',
  /** A request that does not have the contract's shape: a bug in the app, never the user's doing. Nothing ran. */
  'BAD_REQUEST',
  'WEAK_PASSPHRASE',
  'WRONG_PASSPHRASE',
  'NOT_A_STUDY',
  'STUDY_EXISTS',
  'STUDY_NOT_FOUND',
  'STUDY_TOO_NEW',
  'STUDY_CORRUPT',
  'NOT_FOUND',
  'DUPLICATE',
  'CONFLICT',
  'LOCKED_SETTING',
  'FILE_NOT_FOUND',
  'NOT_MEDIA',
  'MEDIA_NOT_READY',
  'MEDIA_FAILED',
  'CANCELLED',
  'CSV_INVALID',
  'NOTHING_TO_UNDO',
  'NOTHING_TO_REDO',
  'IO_ERROR',
  'NO_STUDY_OPEN',
  'NO_CODER',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export interface ErrorValue {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

const notAllowed = (where: string): string =>
  `You are not allowed to use ${where}. Choose a location you may write to, or ask your administrator for access`;

/** What a user can do about the file-system failures they can fix, by Node's error code. */
const FILE_SYSTEM_ADVICE: Readonly<Record<string, (where: string) => string>> = {
  ENOENT: (where) => `${where} does not exist, or a folder on the way to it is missing. Check the path, or create the folder first`,
  ENOTDIR: (where) => `Part of ${where} is a file where a folder should be. Check the path and choose a location inside a folder`,
  EISDIR: (where) => `${where} is a folder where a file was expected. Choose a file, or a new file name inside that folder`,
  EACCES: notAllowed,
  EPERM: notAllowed,
  EROFS: (where) => `${where} is on a read-only disk. Choose a location on a disk you can write to`,
  ENOSPC: (where) => `The disk holding ${where} is full. Free some space or choose another disk, then try again`,
  EDQUOT: (where) => `Your disk quota is used up, so ${where} cannot be written. Free some space or choose another disk, then try again`,
  ENAMETOOLONG: (where) => `The path ${where} is too long. Choose a shorter file name or a folder nearer the top of the disk`,
  EBUSY: (where) => `${where} is in use by another program. Close it there and try again`,
};

/** Node's file-system errors carry an E… code and the system call that failed; SQLite's and the app's do not. */
function fileSystemError(err: unknown): { code: string; path?: string } | null {
  if (!(err instanceof Error)) return null;
  const { code, syscall, path } = err as { code?: unknown; syscall?: unknown; path?: unknown };
  if (typeof code !== 'string' || !code.startsWith('E') || typeof syscall !== 'string') return null;
  return typeof path === 'string' ? { code, path } : { code };
}

/** Turns anything thrown into an error value; unknown failures keep their message. */
export function toErrorValue(err: unknown): ErrorValue {
  if (err instanceof AppError) {
    return err.details === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, details: err.details };
  }
  const fs = fileSystemError(err);
  if (fs) {
    const where = fs.path ?? 'a file the app needed';
    const advice = FILE_SYSTEM_ADVICE[fs.code];
    const message = advice
      ? `${advice(where)}.`
      : `The disk could not read or write ${where} (${fs.code}). Check the path and the disk, then try again.`;
    return { code: 'IO_ERROR', message: message.charAt(0).toUpperCase() + message.slice(1) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}. Please report it with the steps that led to it.` };
}

export function attempt<T>(fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, error: toErrorValue(err) };
  }
}
