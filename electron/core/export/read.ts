// Reads what an export holds. Up front only what describes the codings (which recording, which coder, its
// state, how many marks and notes): a few small queries, however large the study. The marks, ratings and
// notes themselves are read one coding at a time, as each file is written (CodingReader), through the
// index on (recording, coder): so an export holds one coding's rows at a time, never the whole study.
// Only the columns an export may show are selected: paths, video hashes, coder names and every timestamp
// stay in the study, and notes are read only when asked for.

import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
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

/** One coder's started coding of one recording, as described up front: its rows are read with CodingReader. */
export interface ExportCoding {
  recording: ExportRecording;
  coder: ExportCoder;
  status: 'in-progress' | 'complete';
  /** Its live marks. */
  markCount: number;
  /** Its segment notes; 0 unless notes were asked for. */
  noteCount: number;
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

interface PerCoding {
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

const key = (recordingId: number, coderId: number): string => `${recordingId}/${coderId}`;

/** Rows per coding, counted by the index on (recording, coder) without reading a row. */
function countsPerCoding(db: Database, sql: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of db.prepare(sql).iterate() as IterableIterator<PerCoding & { n: number }>) counts.set(key(row.recording_id, row.coder_id), row.n);
  return counts;
}

/** Call inside a transaction, so every figure is read from the same state of the study. */
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

  const marks = countsPerCoding(db, 'SELECT recording_id, coder_id, COUNT(*) AS n FROM events WHERE deleted = 0 GROUP BY recording_id, coder_id');
  const notes = options.includeNotes
    ? countsPerCoding(db, 'SELECT recording_id, coder_id, COUNT(*) AS n FROM segment_notes GROUP BY recording_id, coder_id')
    : new Map<string, number>();
  // A status row is written with the first save to a coding, so it is exactly "this coding was started".
  const codings: ExportCoding[] = [];
  const statusRows = db.prepare('SELECT recording_id, coder_id, state FROM coding_status').iterate() as IterableIterator<
    PerCoding & { state: ExportCoding['status'] }
  >;
  for (const row of statusRows) {
    const recording = recordingById.get(row.recording_id);
    const coder = coderById.get(row.coder_id);
    if (!recording || !coder) continue;
    const k = key(row.recording_id, row.coder_id);
    codings.push({ recording, coder, status: row.state, markCount: marks.get(k) ?? 0, noteCount: notes.get(k) ?? 0 });
  }
  codings.sort((a, b) => compareCodes(a.recording.code, b.recording.code) || compareCodes(a.coder.code, b.coder.code));
  return { ...settings, blindCodingNote: blindCodingNote(db), recordings, coders, codings };
}

/** Byte order, as SQLite's ORDER BY code, so the files list recordings as the study does. */
const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One coding's rows, read when a file needs them. Marks come in time order, ties in the order they were made
 * (the index on (recording, coder, deleted, time) ends in the row id, so no sort is needed).
 */
export class CodingReader {
  private readonly marksOf: Statement<[number, number], ExportMark>;
  private readonly ratingsOf: Statement<[number, number], { item: string; value: number }>;
  private readonly notesOf: Statement<[number, number], { segment_index: number; note: string }>;

  constructor(db: Database, includeNotes: boolean) {
    const note = includeNotes ? 'note' : "'' AS note";
    this.marksOf = db.prepare<[number, number], ExportMark>(
      `SELECT code, clarity, time_ms AS timeMs, ${note} FROM events WHERE recording_id = ? AND coder_id = ? AND deleted = 0 ORDER BY time_ms, id`,
    );
    this.ratingsOf = db.prepare<[number, number], { item: string; value: number }>(
      'SELECT item, value FROM ratings WHERE recording_id = ? AND coder_id = ?',
    );
    this.notesOf = db.prepare<[number, number], { segment_index: number; note: string }>(
      'SELECT segment_index, note FROM segment_notes WHERE recording_id = ? AND coder_id = ? ORDER BY segment_index',
    );
  }

  /** Live marks in time order. */
  marks(coding: ExportCoding): ExportMark[] {
    return coding.markCount === 0 ? [] : this.marksOf.all(coding.recording.id, coding.coder.id);
  }

  /** Global ratings by item. */
  ratings(coding: ExportCoding): Map<string, number> {
    return new Map(this.ratingsOf.all(coding.recording.id, coding.coder.id).map((r) => [r.item, r.value]));
  }

  /** Segment notes by segment index, in segment order; none unless notes were asked for. */
  notes(coding: ExportCoding): { index: number; note: string }[] {
    if (coding.noteCount === 0) return [];
    return this.notesOf.all(coding.recording.id, coding.coder.id).map((n) => ({ index: n.segment_index, note: n.note }));
  }
}

/**
 * What changes whenever the study does: writes on this connection (total_changes) and commits by any other
 * (data_version). The export reads coding by coding across stages, handing the thread back between them, so
 * it compares this at each stage to know that every file shows the state it started from.
 */
export function studyVersion(db: Database): string {
  const changes = db.prepare('SELECT total_changes() AS n').get() as { n: number };
  return `${changes.n}/${String(db.pragma('data_version', { simple: true }))}`;
}
