// Finds the study's recordings in a folder by content, so the same videos on a coder's drive link without
// a typed path: files of the right size first (cheap), then their SHA-256 (read in full, with progress).

import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { probeMedia } from '../media/ffmpeg.ts';
import { statement } from '../store/statements.ts';
import { recordingAvailability } from './availability.ts';
import { sha256File } from './hash.ts';
import { getRecording, listRecordings, type Recording } from './registry.ts';

export interface LocateResult {
  /** Recordings linked by this run, with where they were found. */
  located: { code: string; path: string }[];
  /** Recordings already in place, left as they were. */
  inPlace: string[];
  /** Recordings no file in the folder matched. */
  notFound: string[];
}

async function filesUnder(folder: string): Promise<{ path: string; size: number }[]> {
  let names: string[];
  try {
    names = await readdir(folder, { recursive: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `No folder at ${folder}. Check the path of the folder that holds the videos.`);
    if (code === 'ENOTDIR') throw new AppError('INVALID_INPUT', `${folder} is a file, not a folder. Give the folder that holds the videos.`);
    throw new AppError('IO_ERROR', `Cannot read the folder ${folder} (${(err as Error).message}). Check its permissions.`);
  }
  const files: { path: string; size: number }[] = [];
  for (const name of names) {
    const path = join(folder, name);
    try {
      const info = await stat(path);
      if (info.isFile() && info.size > 0) files.push({ path, size: info.size });
    } catch {
      // A file that vanished while the folder was listed cannot be a match.
    }
  }
  return files;
}

function linkFound(db: Database, rec: Recording, path: string, media: Awaited<ReturnType<typeof probeMedia>>, actor: string): void {
  db.transaction(() => {
    const current = getRecording(db, rec.code);
    statement(
      db,
      `UPDATE recordings SET path = @path, container = @container, video_codec = @videoCodec, audio_codec = @audioCodec, pix_fmt = @pixFmt,
         fps = @fps, width = @width, height = @height WHERE id = @id`,
    ).run({
      id: current.id,
      path,
      container: media.container,
      videoCodec: media.videoCodec,
      audioCodec: media.audioCodec,
      pixFmt: media.pixFmt,
      fps: media.fps,
      width: media.width,
      height: media.height,
    });
    appendAudit(db, { actor, action: 'recording.locate', entity: 'recording', entityId: rec.code, before: current.path, after: path });
  })();
}

/**
 * Links every recording whose original is not in place to a file under `folder` with the same size and
 * SHA-256. Each link is its own small write, so a cancel keeps the ones already made.
 */
export async function locateRecordings(
  db: Database,
  folderPath: string,
  actor: string,
  onProgress?: (bytesDone: number, bytesTotal: number) => void,
  signal?: AbortSignal,
): Promise<LocateResult> {
  const folder = resolve(folderPath);
  // One listing for both: a recording is either wanted or in place, never both.
  const all = listRecordings(db);
  const wanted = all.filter((r) => r.path === '' || recordingAvailability(r) !== 'ok');
  const inPlace = all.filter((r) => !wanted.includes(r)).map((r) => r.code);
  const files = await filesUnder(folder);
  const sizes = new Set(wanted.map((r) => r.sizeBytes));
  const candidates = files.filter((f) => sizes.has(f.size));
  const total = candidates.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  const located: LocateResult['located'] = [];
  const open = new Map(wanted.map((r) => [r.sha256, r]));
  for (const file of candidates) {
    if (![...open.values()].some((r) => r.sizeBytes === file.size)) {
      done += file.size;
      continue;
    }
    const sha256 = await sha256File(file.path, (d) => onProgress?.(done + d, total), signal);
    done += file.size;
    const rec = open.get(sha256);
    if (!rec) continue;
    linkFound(db, rec, file.path, await probeMedia(file.path), actor);
    open.delete(sha256);
    located.push({ code: rec.code, path: file.path });
  }
  onProgress?.(total, total);
  return { located, inPlace, notFound: [...open.values()].map((r) => r.code).sort() };
}
