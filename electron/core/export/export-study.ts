// The de-identified export of a study: events, segments, segments-wide, sessions and (with two or more coders)
// reliability tables, a data dictionary and a manifest, as CSV or JSON files, and the codings as SDIS
// sequences for GSEQ, in a new or empty folder.
//
// The export is written once, as a sequence of stages (read the study, compute the reliability, write each
// file, write the manifest): exportStudy runs them straight through; exportStudyAsync hands the thread back
// between stages, reports progress and stops when its signal is aborted, leaving nothing behind.
//
// It streams: each stage reads the codings one at a time as it writes (read.ts), so what it holds does not
// grow with the study but for a few numbers per coding; the reliability alone keeps, by its nature, every
// compared segment's codes (a bit set per coder) and every rating (ReliabilityInput), never the rows.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { auditHead } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { reliabilityOf, type CheckMinus, type ReliabilityData } from '../reliability/index.ts';
import { checkMinusSetting } from '../reliability/selection.ts';
import { getScheme, type Scheme } from '../scheme/index.ts';
import { eventsTable, segmentNotesTable, segmentsTable, sessionsTable, type CodingTables } from './coding-tables.ts';
import { dictionaryTable } from './dictionary.ts';
import {
  APP,
  deidentificationRules,
  exportDate,
  MANIFEST_NAME,
  type ExportManifest,
  type ManifestFile,
  type ReliabilityIncluded,
} from './manifest.ts';
import { CodingReader, extractStudy, studyVersion, type ExportCoder, type ExportCoding, type ExportRecording, type StudyExtract } from './read.ts';
import { reliabilityCoders } from './reliability-coders.ts';
import { reliabilityTable } from './reliability-table.ts';
import { SDIS_NAME, sdisColumns, sdisFile } from './sdis.ts';
import { segmentsWideTable } from './segments-wide.ts';
import { EXPORT_FORMATS, fileName, serialize, type ExportFormat } from './serialize.ts';
import type { Table } from './table.ts';
import { assertEmptyFolder, ExportFolder } from './write.ts';

export interface ExportOptions {
  /** A new or empty folder. */
  outDir: string;
  /** Default 'csv'. */
  format?: ExportFormat;
  /** Adds mark notes (a note column in events) and segment notes (a segment-notes file). Default false. */
  includeNotes?: boolean;
  /** Recording codes; default all. */
  recordings?: readonly string[];
  /** Coder codes; default all. */
  coders?: readonly string[];
  /** Whether a check-minus mark counts as present, in the sessions' presence columns and the reliability. Default 'present'. */
  checkMinus?: CheckMinus;
  /** Whether the reliability table compares unfinished codings too. Default false: complete codings only. */
  includeUnfinished?: boolean;
}

export interface ExportResult {
  outDir: string;
  manifest: ExportManifest;
}

export interface ExportProgress {
  /** What the export is doing now, e.g. "Writing events.csv". */
  stage: string;
  /** 0–100: the share of the export's work done. */
  percent: number;
}

export interface ExportControl {
  onProgress?: (progress: ExportProgress) => void;
  /** Aborting it stops the export at the next stage, and removes whatever it wrote. */
  signal?: AbortSignal;
}

/**
 * Where each stage starts, in percent of the whole, from the time each takes on a large study (1,000
 * recordings × 2 coders): each reads the codings it needs as it goes. The files share their part by their
 * cells; the manifest and the flush to disk come last.
 */
const PERCENT = { reliability: 2, files: 20, sequences: 88, manifest: 98 } as const;

/** How often an export starts again when the study changed under it, before it gives up and says so. */
const ATTEMPTS = 3;

/** The study changed between two stages: the files written so far may show two states of it. */
class StudyChanged extends Error {}

function checkOptions(options: ExportOptions): { format: ExportFormat; checkMinus: CheckMinus } {
  const format = options.format ?? 'csv';
  if (!EXPORT_FORMATS.includes(format)) throw new AppError('INVALID_INPUT', `The export format must be "csv" or "json" (got "${String(format)}").`);
  return { format, checkMinus: checkMinusSetting(options.checkMinus) };
}

/** The chosen coders and recordings that appear in at least one exported coding. */
function coded(extract: StudyExtract): { coders: ExportCoder[]; recordings: ExportRecording[] } {
  const { codings } = extract;
  const coderIds = new Set(codings.map((k) => k.coder.id));
  const recordingIds = new Set(codings.map((k) => k.recording.id));
  return { coders: extract.coders.filter((c) => coderIds.has(c.id)), recordings: extract.recordings.filter((r) => recordingIds.has(r.id)) };
}

/**
 * Reliability compares coders who coded independently, over recordings they all coded (see
 * reliability-coders.ts), and only complete codings unless unfinished ones are asked for; the unfinished
 * ones are listed either way. Each compared coding's marks and ratings are read as the report gathers them,
 * one coding at a time (its input keeps per segment only a bit set of the codes marked).
 */
function reliability(
  reader: CodingReader,
  extract: StudyExtract,
  scheme: Scheme,
  checkMinus: CheckMinus,
  includeUnfinished: boolean,
): { table?: Table; included: ReliabilityIncluded } {
  const compared = includeUnfinished ? extract.codings : extract.codings.filter((k) => k.status === 'complete');
  const unfinished = extract.codings
    .filter((k) => k.status !== 'complete')
    .map((k) => ({ recording: k.recording.code, coder: k.coder.code, status: k.status }));
  const listed = unfinished.length > 0 ? { unfinished, unfinishedCompared: includeUnfinished } : {};
  const chosen = reliabilityCoders(compared, extract.coders, extract.recordings);
  if (!chosen.ok) {
    const why =
      unfinished.length > 0 && !includeUnfinished
        ? `${chosen.reason} (only complete codings are compared; ${unfinished.length} unfinished left out)`
        : chosen.reason;
    return { included: { included: false, reason: why, ...listed } };
  }
  const { coders, recordings, leftOut } = chosen;
  const report = reliabilityOf(
    {
      scheme,
      segmentSeconds: extract.segmentSeconds,
      minFinalSeconds: extract.minFinalSeconds,
      coders,
      recordings,
      codings: compared.map((coding) => readWhenAsked(reader, coding)),
    },
    checkMinus,
    extract.blindCodingNote,
    includeUnfinished,
  );
  const included: ReliabilityIncluded = { included: true, coders: report.coders, recordings: report.recordings, ...listed };
  if (leftOut.length > 0) {
    included.leftOut = leftOut.map((c) => c.code);
    const names = (list: ExportCoder[]) =>
      list
        .map((c) => c.code)
        .join(', ')
        .replace(/, ([^,]*)$/, ' and $1');
    const shared = recordings.length === 1 ? 'the recording' : `all ${recordings.length} recordings`;
    included.note = `${names(leftOut)} left out: reliability needs the same recordings coded by every compared coder, and ${names(leftOut)} did not code ${shared} that ${names(coders)} coded`;
  }
  return { table: reliabilityTable(report), included };
}

/**
 * A coding as the reliability report takes it, its marks and ratings read only when the report asks for them
 * (once, as it gathers its input), so they are never held for every coding at once.
 */
function readWhenAsked(reader: CodingReader, coding: ExportCoding): ReliabilityData['codings'][number] {
  return {
    recording: coding.recording,
    coder: coding.coder,
    status: coding.status,
    get marks() {
      return reader.marks(coding);
    },
    get ratings() {
      return reader.ratings(coding);
    },
  };
}

const cells = (table: Table): number => table.rowCount * table.columns.length;

/**
 * What the export reads up front, in one transaction: the settings, the chosen recordings and coders, the
 * codings' descriptions (not their rows), the audit head the manifest names, and the study's version, which
 * every later stage compares with (studyVersion) to know the study is still in this state.
 */
export function readStudy(
  db: Database,
  options: Pick<ExportOptions, 'recordings' | 'coders'> & { includeNotes: boolean },
): Pick<CodingTables, 'extract' | 'scheme'> & { auditAnchor: ReturnType<typeof auditHead>; version: string } {
  const { extract, auditAnchor, version } = db.transaction(() => ({
    extract: extractStudy(db, options),
    auditAnchor: auditHead(db),
    version: studyVersion(db),
  }))();
  if (extract.codings.length === 0) {
    throw new AppError(
      'INVALID_INPUT',
      'None of the chosen recordings has been coded by the chosen coders, so there is nothing to export. Check the recording and coder codes.',
    );
  }
  return { extract, scheme: getScheme(extract.schemeId), auditAnchor, version };
}

/**
 * The export's stages, once. Each yield says what comes next and how much is done; after each, the study
 * must still be as it was read at the start, or StudyChanged is thrown (it was changed between two stages,
 * by a save in the app or by another program). Nothing is visible in the folder until the last stage has
 * written every file; a failure, or a throw() at a yield, removes what was written.
 */
function* exportOnce(db: Database, options: ExportOptions, now: Date): Generator<ExportProgress, ExportResult, undefined> {
  const { format, checkMinus } = checkOptions(options);
  const includeNotes = options.includeNotes ?? false;

  yield { stage: 'Reading the study', percent: 0 };
  const { extract, scheme, auditAnchor, version } = readStudy(db, { recordings: options.recordings, coders: options.coders, includeNotes });
  const unchanged = (): void => {
    if (studyVersion(db) !== version) throw new StudyChanged();
  };
  const reader = new CodingReader(db, includeNotes);
  const who = coded(extract);

  yield { stage: 'Computing the reliability', percent: PERCENT.reliability };
  unchanged();
  const rel = reliability(reader, extract, scheme, checkMinus, options.includeUnfinished ?? false);

  const context: CodingTables = { extract, scheme, reader, includeNotes, checkMinus };
  const tables = [
    eventsTable(context),
    segmentsTable(context),
    segmentsWideTable(context),
    sessionsTable(context),
    ...(rel.table ? [rel.table] : []),
    ...(includeNotes ? [segmentNotesTable(context)] : []),
  ];
  const all = [...tables, dictionaryTable(tables, format, [{ file: SDIS_NAME, columns: sdisColumns(context) }])];

  const folder = ExportFolder.create(options.outDir);
  try {
    const total = all.reduce((sum, table) => sum + cells(table), 0);
    const files: ManifestFile[] = [];
    let written = 0;
    for (const table of all) {
      const name = fileName(table, format);
      yield { stage: `Writing ${name}`, percent: PERCENT.files + ((PERCENT.sequences - PERCENT.files) * written) / total };
      unchanged();
      // The SHA-256 is the one ExportFolder.add takes while the file is written.
      files.push({ name, rows: table.rowCount, sha256: folder.add(name, serialize(table, format)) });
      written += cells(table);
    }
    // The sequences for GSEQ, in every export whatever its format: one session (a row) per coding.
    yield { stage: `Writing ${SDIS_NAME}`, percent: PERCENT.sequences };
    unchanged();
    files.push({ name: SDIS_NAME, rows: extract.codings.length, sha256: folder.add(SDIS_NAME, sdisFile(context)) });

    yield { stage: `Writing ${MANIFEST_NAME}`, percent: PERCENT.manifest };
    unchanged(); // the last look: every file above was read from the state the manifest names
    const manifest: ExportManifest = {
      app: APP.name,
      appVersion: APP.version,
      scheme: extract.schemeId,
      segmentSeconds: extract.segmentSeconds,
      minFinalSeconds: extract.minFinalSeconds,
      exportDate: exportDate(now),
      format,
      checkMinus,
      notesIncluded: includeNotes,
      recordings: who.recordings.map((r) => r.code),
      coders: who.coders.map((c) => c.code),
      codings: extract.codings.length,
      reliability: rel.included,
      blindCodingNote: extract.blindCodingNote,
      auditHead: auditAnchor,
      files,
      deidentification: deidentificationRules(includeNotes),
    };
    folder.add(MANIFEST_NAME, [Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')]);
    folder.commit();
    return { outDir: options.outDir, manifest };
  } finally {
    folder.abort(); // does nothing once committed
  }
}

/**
 * The export's stages: once, or again from the start (what it wrote removed) when the study changed under
 * it, e.g. a mark saved in the app while the files were written; a study that keeps changing is said to.
 */
function* exportStages(db: Database, options: ExportOptions): Generator<ExportProgress, ExportResult, undefined> {
  checkOptions(options);
  assertEmptyFolder(options.outDir);
  const now = new Date();
  for (let attempt = 1; ; attempt++) {
    try {
      return yield* exportOnce(db, options, now);
    } catch (err) {
      if (!(err instanceof StudyChanged)) throw err;
      if (attempt === ATTEMPTS) {
        throw new AppError(
          'CONFLICT',
          `The study changed while it was being exported, ${ATTEMPTS} times over (marks or ratings being saved?); the export left no file in the folder. Export again when no one is coding in this study.`,
        );
      }
    }
  }
}

/** The export in one go. */
export function exportStudy(db: Database, options: ExportOptions): ExportResult {
  const stages = exportStages(db, options);
  let step = stages.next();
  while (!step.done) step = stages.next();
  return step.value;
}

/** The export stage by stage: between stages the thread is free, so progress can be shown and a cancel lands. */
export async function exportStudyAsync(db: Database, options: ExportOptions, control: ExportControl = {}): Promise<ExportResult> {
  const stages = exportStages(db, options);
  let step = stages.next();
  while (!step.done) {
    try {
      control.onProgress?.(step.value);
      await nextTurn();
      if (control.signal?.aborted)
        throw new AppError('CANCELLED', 'The export was cancelled; it left no file in the folder. Export again when you are ready.');
    } catch (err) {
      // Thrown into the export where it stands, so that it removes what it wrote; it comes back out as it is.
      step = stages.throw(err);
      continue;
    }
    step = stages.next();
  }
  return step.value;
}
