import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../errors.ts';

/** Reads a small UTF-8 text file (an import), with errors that name the file and what to check. */
export function readTextFile(path: string, what: string): string {
  const full = resolve(path);
  try {
    return readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `No ${what} at ${full}. Check the path.`);
    if (code === 'EISDIR') throw new AppError('IO_ERROR', `${full} is a folder. Give the ${what} itself.`);
    throw new AppError('IO_ERROR', `Cannot read ${full} (${(err as Error).message}). Check the path and its permissions.`);
  }
}
