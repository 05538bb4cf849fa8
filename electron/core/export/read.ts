// Reads what an export holds in a handful of queries (one per table, not one per coding, so a study of a
// thousand recordings exports quickly). Only the columns an export may show are selected: paths, video
// hashes, coder names and every timestamp stay in the study, and notes are read only when asked for.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { consensusCoderCodes } from '../consensus/index.ts';
import { AppError } from '../errors.ts';
import { blindCodingNote } from '../store/settings.ts';
import type { Clarity } from '../scheme/index.ts';

export interface ExportRecording {
  id: number;
  code: string;
  dyad: string | null;
  session: number | null;
  durationMs: number;
}

export interface ExportCoder {
  id: number;
  code: string;
  /** A consensus coder: its codings were started from another coder's, so they are not independent. */
  consensus: boolean;
}

export interface ExportMark {
  code: string;
  clarity: Clarity;
  timeMs: number;
  /** Empty unless notes were asked for. */
  note: string;
}

/** One coder's started coding of one recording. */
export interface ExportCoding {
  recording: ExportRecording;
  coder: ExportCoder;
  status: 'in-progress' | 'complete';
  /** Live marks in time order. */
  marks: ExportMark[];
  ratings: Map<string, number>;
  /** Segment notes by segment index; empty unless notes were asked for. */
  notes: Map<number, string>;
}

export interface StudyExtract {
  schemeId: string;
  segmentSeconds: number;
  /** A final part shorter than this joined the previous segment (0: never). */
  minFinalSeconds: number;
  /** Set when coding has not always been blind in the study (see blindCodingNote). */
  blindCodingNote: string | null;
  recordings: ExportRecording[];
  coders: ExportCoder[];
  /** By recording code, then coder code. */
  codings: ExportCoding[];
}

export interface ExtractOptions {
  /** Recording codes; default all. */
  recordings?: readonly string[] | undefined;
  /** Coder codes; default all. */
  coders?: readonly string[] | undefined;
  includeNotes: boolean;
}

interface RecordingRow {
  id: number;
  code: string;
  dyad: string | null;
  session_number: number | null;
  duration_ms: number;
}

interface MarkRow extends ExportMark {
  recording_id: number;
  coder_id: number;
}

const quoted = (codes: readonly string[]) => codes.map((c) => `"${c}"`).join(', ');

/** The chosen items in the order the study lists them; any unknown code is an error naming it. */
function choose<T extends { code: string }>(all: T[], wanted: readonly string[] | undefined, what: string, hint: string): T[] {
  if (wanted === undefined) return all;
  const codes = new Set(wanted.map((c) => c.trim()));
  if (codes.size === 0) throw new AppError('INVALID_INPUT', `Choose at least one ${what} to export, or leave the choice out to export them all.`);
  const unknown = [...codes].filter((code) => !all.some((item) => item.code === code));
  if (unknown.length > 0) throw new AppError('NOT_FOUND', `No ${what} ${quoted(unknown)} in this study. ${hint}`);
  return all.filter((item) => codes.has(item.code));
}

function readSettings(db: Database): { schemeId: string; segmentSeconds: number; minFinalSeconds: number } {
  const row = db.prepare('SELECT scheme_id, segment_seconds, min_final_seconds FROM study WHERE id = 1').get() as
    { scheme_id: string; segment_seconds: number; min_final_seconds: number } | undefined;
  if (!row) throw new AppError('NOT_A_STUDY', 'The study has no settings row; the file is damaged. Restore it from a backup.');
  return { schemeId: row.scheme_id, segmentSeconds: row.segment_seconds, minFinalSeconds: row.min_final_seconds };
}

function readRecordings(db: Database): ExportRecording[] {
  const rows = db.prepare('SELECT id, code, dyad, session_number, duration_ms FROM recordings ORDER BY code').all() as RecordingRow[];
  return rows.map((r) => ({ id: r.id, code: r.code, dyad: r.dyad, session: r.session_number, durationMs: r.duration_ms }));
}

/** Codings by recording id, then coder id: number keys, as thousands of codings are looked up per mark. */
class CodingIndex {
  private readonly byRecording = new Map<number, Map<number, ExportCoding>>();

  set(recordingId: number, coderId: number, coding: ExportCoding): void {
    let byCoder = this.byRecording.get(recordingId);
    if (!byCoder) this.byRecording.set(recordingId, (byCoder = new Map()));
    byCoder.set(coderId, coding);
  }

  get(recordingId: number, coderId: number): ExportCoding | undefined {
    return this.byRecording.get(recordingId)?.get(coderId);
  }

  all(): ExportCoding[] {
    return [...this.byRecording.values()].flatMap((byCoder) => [...byCoder.values()]);
  }
}

/** Call inside a transaction, so every table is read from the same state of the study. */
export function extractStudy(db: Database, options: ExtractOptions): StudyExtract {
  const settings = readSettings(db);
  const recordings = choose(readRecordings(db), options.recordings, 'recording', 'List them with "3rs recording list".');
  const consensus = consensusCoderCodes(db);
  const allCoders = (db.prepare('SELECT id, code FROM coders ORDER BY code').all() as { id: number; code: string }[]).map((c) => ({
    ...c,
    consensus: consensus.has(c.code),
  }));
  const known = allCoders.map((c) => c.code).join(', ') || 'none yet';
  const coders = choose(allCoders, options.coders, 'coder', `Known coders: ${known}.`);
  const recordingById = new Map(recordings.map((r) => [r.id, r]));
  const coderById = new Map(coders.map((c) => [c.id, c]));

  // A status row is written with the first save to a coding, so it is exactly "this coding was started".
  const codings = new CodingIndex();
  const statusRows = db.prepare('SELECT recording_id, coder_id, state FROM coding_status').all() as {
    recording_id: number;
    coder_id: number;
    state: ExportCoding['status'];
  }[];
  for (const row of statusRows) {
    const recording = recordingById.get(row.recording_id);
    const coder = coderById.get(row.coder_id);
    if (recording && coder)
      codings.set(row.recording_id, row.coder_id, { recording, coder, status: row.state, marks: [], ratings: new Map(), notes: new Map() });
  }

  const note = options.includeNotes ? 'note' : "'' AS note";
  // The rows themselves serve as marks (time_ms AS timeMs): tens of thousands of them, so nothing is copied.
  const marks = db
    .prepare(`SELECT recording_id, coder_id, code, clarity, time_ms AS timeMs, ${note} FROM events WHERE deleted = 0 ORDER BY id`)
    .all() as MarkRow[];
  for (const mark of marks) codings.get(mark.recording_id, mark.coder_id)?.marks.push(mark);
  const ratings = db.prepare('SELECT recording_id, coder_id, item, value FROM ratings').all() as {
    recording_id: number;
    coder_id: number;
    item: string;
    value: number;
  }[];
  for (const r of ratings) codings.get(r.recording_id, r.coder_id)?.ratings.set(r.item, r.value);
  if (options.includeNotes) {
    const notes = db.prepare('SELECT recording_id, coder_id, segment_index, note FROM segment_notes').all() as {
      recording_id: number;
      coder_id: number;
      segment_index: number;
      note: string;
    }[];
    for (const n of notes) codings.get(n.recording_id, n.coder_id)?.notes.set(n.segment_index, n.note);
  }

  const ordered = codings.all().sort((a, b) => compareCodes(a.recording.code, b.recording.code) || compareCodes(a.coder.code, b.coder.code));
  // Rows come in id order (the table's own order, so no sort in SQL); a stable sort by time keeps ties in
  // the order they were made. Marks of one coding are few, so this is cheaper than ORDER BY over them all.
  for (const coding of ordered) coding.marks.sort((a, b) => a.timeMs - b.timeMs);
  return { ...settings, blindCodingNote: blindCodingNote(db), recordings, coders, codings: ordered };
}

/** Byte order, as SQLite's ORDER BY code, so the files list recordings as the study does. */
const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
