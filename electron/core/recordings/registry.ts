import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { statement } from '../store/statements.ts';

/** What the store keeps of an original recording; the file itself is never copied or changed. */
export interface MediaFacts {
  path: string;
  sizeBytes: number;
  sha256: string;
  durationMs: number;
  container: string | null;
  videoCodec: string | null;
  audioCodec: string | null;
  /** The video's pixel format from the probe; absent for recordings added before it was recorded. */
  pixFmt?: string | null;
  fps: number | null;
  width: number | null;
  height: number | null;
}

/** The probe's facts of a recording nobody probed (a lab's copy before its video is located, a test's or benchmark's row without a file): all unknown. */
export const NOT_PROBED = {
  container: null,
  videoCodec: null,
  audioCodec: null,
  fps: null,
  width: null,
  height: null,
} as const satisfies Partial<MediaFacts>;

export interface Recording extends MediaFacts {
  pixFmt: string | null;
  id: number;
  code: string;
  dyad: string | null;
  sessionNumber: number | null;
  addedAt: string;
}

/** Study codes like D014-S05: dyad, then session. Free codes are allowed too, but these fill dyad and session. */
export const RECORDING_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const DYAD_SESSION = /^([A-Za-z]+\d+)-S(\d+)$/i;

interface RecordingRow {
  id: number;
  code: string;
  dyad: string | null;
  session_number: number | null;
  path: string;
  size_bytes: number;
  sha256: string;
  duration_ms: number;
  container: string | null;
  video_codec: string | null;
  audio_codec: string | null;
  pix_fmt: string | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  added_at: string;
}

const fromRow = (r: RecordingRow): Recording => ({
  id: r.id,
  code: r.code,
  dyad: r.dyad,
  sessionNumber: r.session_number,
  path: r.path,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  durationMs: r.duration_ms,
  container: r.container,
  videoCodec: r.video_codec,
  audioCodec: r.audio_codec,
  pixFmt: r.pix_fmt,
  fps: r.fps,
  width: r.width,
  height: r.height,
  addedAt: r.added_at,
});

export function parseRecordingCode(code: string): { dyad: string | null; sessionNumber: number | null } {
  const m = DYAD_SESSION.exec(code);
  return m ? { dyad: m[1]!.toUpperCase(), sessionNumber: Number(m[2]) } : { dyad: null, sessionNumber: null };
}

export function listRecordings(db: Database): Recording[] {
  return (statement(db, 'SELECT * FROM recordings ORDER BY code').all() as RecordingRow[]).map(fromRow);
}

export function findRecording(db: Database, code: string): Recording | undefined {
  const row = statement(db, 'SELECT * FROM recordings WHERE code = ?').get(code) as RecordingRow | undefined;
  return row && fromRow(row);
}

export function findRecordingByHash(db: Database, sha256: string): Recording | undefined {
  const row = statement(db, 'SELECT * FROM recordings WHERE sha256 = ?').get(sha256) as RecordingRow | undefined;
  return row && fromRow(row);
}

/** Fails early (before hashing a large file) and again inside the insert transaction. */
export function assertRecordingCodeFree(db: Database, code: string): void {
  if (findRecording(db, code)) {
    throw new AppError('DUPLICATE', `A recording with code ${code} already exists. Choose another code.`);
  }
}

export function getRecording(db: Database, code: string): Recording {
  const rec = findRecording(db, code);
  if (!rec) {
    throw new AppError('NOT_FOUND', `No recording "${code}" in this study. List them with "3rs recording list".`);
  }
  return rec;
}

export interface RecordingLabels {
  code: string;
  dyad?: string | null;
  sessionNumber?: number | null;
}

/**
 * The recording's code, dyad and session, checked: all three go into the de-identified export, so the
 * dyad is a code too (letters, digits, dashes), never free text that could hold a name or a formula.
 * Dyad and session not given are read from a code like D014-S05.
 */
export function checkRecordingLabels(input: RecordingLabels): { dyad: string | null; sessionNumber: number | null } {
  if (!RECORDING_CODE_PATTERN.test(input.code)) {
    throw new AppError('INVALID_INPUT', `Recording code "${input.code}" is not valid: use letters, digits and dashes, like D014-S05.`);
  }
  if (input.dyad != null && !RECORDING_CODE_PATTERN.test(input.dyad)) {
    throw new AppError(
      'INVALID_INPUT',
      `Dyad "${input.dyad}" is not valid: use a code of letters, digits and dashes, like D014, never a name (it goes into exports).`,
    );
  }
  const parsed = parseRecordingCode(input.code);
  const sessionNumber = input.sessionNumber ?? parsed.sessionNumber;
  if (sessionNumber !== null && (!Number.isInteger(sessionNumber) || sessionNumber < 0)) {
    throw new AppError('INVALID_INPUT', `Session number must be a whole number (got ${sessionNumber}).`);
  }
  return { dyad: input.dyad ?? parsed.dyad, sessionNumber };
}

export function insertRecording(db: Database, input: RecordingLabels & MediaFacts, actor: string): Recording {
  const { dyad, sessionNumber } = checkRecordingLabels(input);
  return db.transaction(() => {
    assertRecordingCodeFree(db, input.code);
    const same = findRecordingByHash(db, input.sha256);
    if (same) {
      throw new AppError('DUPLICATE', `This video is already in the study as ${same.code} (same content). Use that recording instead.`, {
        existing: same.code,
      });
    }
    const at = new Date().toISOString();
    const row = {
      code: input.code,
      dyad,
      session_number: sessionNumber,
      path: input.path,
      size_bytes: input.sizeBytes,
      sha256: input.sha256,
      duration_ms: Math.round(input.durationMs),
      container: input.container,
      video_codec: input.videoCodec,
      audio_codec: input.audioCodec,
      pix_fmt: input.pixFmt ?? null,
      fps: input.fps,
      width: input.width,
      height: input.height,
      added_at: at,
    };
    const id = Number(
      statement(
        db,
        `INSERT INTO recordings (code, dyad, session_number, path, size_bytes, sha256, duration_ms, container, video_codec, audio_codec, pix_fmt, fps, width, height, added_at)
         VALUES (@code, @dyad, @session_number, @path, @size_bytes, @sha256, @duration_ms, @container, @video_codec, @audio_codec, @pix_fmt, @fps, @width, @height, @added_at)`,
      ).run(row).lastInsertRowid,
    );
    const rec = fromRow({ id, ...row });
    appendAudit(
      db,
      {
        actor,
        action: 'recording.add',
        entity: 'recording',
        entityId: rec.code,
        after: { code: rec.code, sha256: rec.sha256, durationMs: rec.durationMs },
      },
      at,
    );
    return rec;
  })();
}

/** Points a recording at a moved file; the caller has already checked that its hash matches. */
export function updateRecordingPath(db: Database, code: string, path: string, actor: string): Recording {
  return db.transaction(() => {
    const before = getRecording(db, code);
    statement(db, 'UPDATE recordings SET path = ? WHERE id = ?').run(path, before.id);
    appendAudit(db, { actor, action: 'recording.relink', entity: 'recording', entityId: code, before: before.path, after: path });
    return getRecording(db, code);
  })();
}
