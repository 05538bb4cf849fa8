import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { sha256File } from './hash.ts';
import { getRecording, updateRecordingPath, type Recording } from './registry.ts';

function differentRecording(path: string, code: string, why: string): AppError {
  return new AppError(
    'CONFLICT',
    `${path} is a different recording, not ${code}: ${why}. Choose the moved or renamed copy of the file that was added as ${code}.`,
  );
}

/**
 * Points a recording at its original's new place, after proving by size and SHA-256 that it is the same
 * content. The study changes only when the proof holds.
 */
export async function relinkRecording(
  db: Database,
  code: string,
  newPath: string,
  actor: string,
  onProgress?: (bytesDone: number, bytesTotal: number) => void,
  signal?: AbortSignal,
): Promise<Recording> {
  const rec = getRecording(db, code);
  const path = resolve(newPath);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('NOT_MEDIA', `${path} is not a file (it is a folder or a device). Choose the recording file itself.`);
    size = info.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'ENOENT')
      throw new AppError('FILE_NOT_FOUND', `No file at ${path}. Check the path of the moved recording.`);
    throw new AppError('IO_ERROR', `Cannot read ${path} (${(err as Error).message}). Check the path and its permissions.`);
  }
  // The size alone already tells most wrong files apart, without reading gigabytes.
  if (size !== rec.sizeBytes) throw differentRecording(path, code, `its size is ${size} bytes, the original's was ${rec.sizeBytes}`);
  const sha256 = await sha256File(path, onProgress, signal);
  if (sha256 !== rec.sha256) throw differentRecording(path, code, 'its content differs (another SHA-256)');
  return updateRecordingPath(db, code, path, actor);
}
