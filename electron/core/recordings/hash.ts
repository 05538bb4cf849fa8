import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppError } from '../errors.ts';

/** Large reads keep hashing a multi-gigabyte recording close to disk speed. */
const CHUNK_BYTES = 4 * 1024 * 1024;

function readFailure(path: string, err: unknown): AppError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return new AppError('FILE_NOT_FOUND', `No file at ${path}. Check the path; the file may have been moved or renamed.`);
  if (code === 'EISDIR') return new AppError('IO_ERROR', `${path} is a folder. Choose the recording file inside it.`);
  if (code === 'EACCES' || code === 'EPERM') return new AppError('IO_ERROR', `You may not read ${path}. Check its permissions.`);
  return new AppError(
    'IO_ERROR',
    `Reading ${path} failed (${(err as Error).message}). Check that the disk or network share is still connected, then try again.`,
  );
}

/** Identity of a file's content as the file system sees it: a replaced, rewritten or grown file differs. */
const fingerprint = (s: Stats): string => `${s.ino}:${s.size}:${s.mtimeMs}`;

/**
 * SHA-256 of a file as lowercase hex, streamed so memory stays flat whatever the file size. An open file
 * that is deleted can still be read to the end on most systems, so the file is looked at again afterwards:
 * a hash of a file that vanished or changed meanwhile describes nothing that can be played back.
 */
export async function sha256File(path: string, onProgress?: (bytesDone: number, bytesTotal: number) => void, signal?: AbortSignal): Promise<string> {
  let before: Stats;
  try {
    before = await stat(path);
  } catch (err) {
    throw readFailure(path, err);
  }
  const total = before.size;
  const hash = createHash('sha256');
  let done = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES, signal })) {
      hash.update(chunk as Buffer);
      done += (chunk as Buffer).length;
      onProgress?.(done, total);
    }
  } catch (err) {
    if (signal?.aborted) throw new AppError('CANCELLED', `Reading ${path} was cancelled; nothing was changed.`);
    throw readFailure(path, err);
  }
  let after: Stats;
  try {
    after = await stat(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') {
      throw new AppError(
        'FILE_NOT_FOUND',
        `${path} was deleted or moved while it was being read. Put it back (or choose its new place) and try again.`,
      );
    }
    throw readFailure(path, err);
  }
  if (done !== total || fingerprint(after) !== fingerprint(before)) {
    throw new AppError(
      'IO_ERROR',
      `${path} changed while it was being read (is it still being copied?). Wait until the copy has finished, then try again.`,
    );
  }
  return hash.digest('hex');
}
