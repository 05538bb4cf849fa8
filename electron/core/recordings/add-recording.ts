import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { probeMedia, type ProbeResult } from '../media/ffmpeg.ts';
import { sha256File } from './hash.ts';
import { assertRecordingCodeFree, checkRecordingLabels, insertRecording, type Recording } from './registry.ts';

export interface AddRecordingInput {
  videoPath: string;
  code: string;
  dyad?: string | null;
  sessionNumber?: number | null;
}

/**
 * Probes the file while hashing it, as one read of it: ffprobe reads only the container's headers, while the
 * hash reads every byte, so the probe costs no time of its own. A file that is not media stops the hash at
 * once, and its probe's error is the one given.
 */
async function probeWhileHashing(
  path: string,
  onProgress: ((bytesDone: number, bytesTotal: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<{ media: ProbeResult; sha256: string }> {
  const hashing = new AbortController();
  const stop = () => hashing.abort();
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  try {
    const probing = probeMedia(path).catch((err: unknown) => {
      stop();
      throw err;
    });
    const [media, sha256] = await Promise.all([probing, sha256File(path, onProgress, hashing.signal)]);
    return { media, sha256 };
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/**
 * Registers an original recording where it lies: reads it (probe, hash) but never copies or changes it.
 * Everything that can fail runs before the single write, so a failure leaves the study as it was.
 */
export async function addRecording(
  db: Database,
  input: AddRecordingInput,
  actor: string,
  onProgress?: (bytesDone: number, bytesTotal: number) => void,
  signal?: AbortSignal,
): Promise<Recording> {
  const path = resolve(input.videoPath);
  checkRecordingLabels(input); // before a large file is read, not after
  assertRecordingCodeFree(db, input.code);
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') {
      throw new AppError('FILE_NOT_FOUND', `No file at ${path}. Check the path to the recording.`);
    }
    throw new AppError('IO_ERROR', `Cannot read ${path} (${(err as Error).message}). Check the path and its permissions.`);
  }
  if (!info.isFile()) throw new AppError('NOT_MEDIA', `${path} is not a file (it is a folder or a device). Choose the recording file itself.`);
  if (info.size === 0) {
    throw new AppError(
      'NOT_MEDIA',
      `${path} cannot be added: the file is empty (0 bytes). Choose the recording itself, or copy it again if a copy failed.`,
    );
  }
  const { media, sha256 } = await probeWhileHashing(path, onProgress, signal);
  return insertRecording(
    db,
    { code: input.code, dyad: input.dyad ?? null, sessionNumber: input.sessionNumber ?? null, path, sizeBytes: info.size, sha256, ...media },
    actor,
  );
}
