import { AppError } from '../../electron/core/errors.ts';

/** The AppError a call throws, to assert its code and message; anything else fails the test. */
export function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}
