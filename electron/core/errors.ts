/**
 * Errors that cross a boundary (IPC, CLI, file import) are values with a stable
 * code and a sentence that tells the user what to do next.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
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

/** Turns anything thrown into an error value; unknown failures keep their message. */
export function toErrorValue(err: unknown): ErrorValue {
  if (err instanceof AppError) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
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
