import { statSync } from 'node:fs';
import { AppError } from '../errors.ts';
import type { Recording } from './registry.ts';

/**
 * Whether the original is still where the study says: 'missing' when nothing (or no file) is there,
 * 'changed' when a file of another size is (so it cannot be the same recording). Either way the
 * person is offered to relink it.
 */
export type Availability = 'ok' | 'missing' | 'changed';

export function recordingAvailability(rec: Pick<Recording, 'path' | 'sizeBytes'>): Availability {
  let size: number;
  try {
    const info = statSync(rec.path);
    if (!info.isFile()) return 'missing';
    size = info.size;
  } catch {
    return 'missing';
  }
  return size === rec.sizeBytes ? 'ok' : 'changed';
}

/** Fails with what to do when the original cannot be read as the recording that was added. */
export function requireOriginal(rec: Pick<Recording, 'code' | 'path' | 'sizeBytes'>): void {
  const state = recordingAvailability(rec);
  if (state === 'missing') {
    throw new AppError(
      'FILE_NOT_FOUND',
      `The original of ${rec.code} is no longer at ${rec.path}. If it was moved or renamed, relink it to its new place (Relink in the app, or "3rs recording relink").`,
    );
  }
  if (state === 'changed') {
    throw new AppError(
      'CONFLICT',
      `The file at ${rec.path} is no longer the original of ${rec.code} (its size changed). Relink ${rec.code} to the original file (Relink in the app, or "3rs recording relink").`,
    );
  }
}
