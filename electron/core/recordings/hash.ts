import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppError } from '../errors.ts';

/** Large reads keep hashing a multi-gigabyte recording close to disk speed. */
const CHUNK_BYTES = 4 * 1024 * 1024;

function readFailure(path: string, err: unknown): AppError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return new AppError('FILE_NOT_FOUND', `No file at ${path}. Check the path; the file may have been moved or renamed.`);
  if (code === 'EISDIR') return new AppError('IO_ERROR', `${path} is a folder. Choose the recording file inside it.`);
  if (code === 'EACCES' || code === 'EPERM') return new AppError('IO_ERROR', `You may not read ${path}. Check its permissions.`);
  return new AppError('IO_ERROR', `Reading ${path} failed (${(err as Error).message}). Check that the disk or network share is still connected, then try again.`);
}

/** SHA-256 of a file as lowercase hex, streamed so memory stays flat whatever the file size. */
export async function sha256File(path: string, onProgress?: (bytesDone: number, bytesTotal: number) => void): Promise<string> {
  let total: number;
  try {
    total = (await stat(path)).size;
  } catch (err) {
    throw readFailure(path, err);
  }
  const hash = createHash('sha256');
  let done = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      hash.update(chunk as Buffer);
      done += (chunk as Buffer).length;
      onProgress?.(done, total);
    }
  } catch (err) {
    throw readFailure(path, err);
  }
  return hash.digest('hex');
}
