// The de-identified export of a study: events, segments, sessions and (with two or more coders) reliability
// tables, a data dictionary and a manifest, as CSV or JSON files in a new or empty folder.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';
import { reliabilityReport, type CheckMinus } from '../reliability/index.ts';
import { checkMinusSetting } from '../reliability/selection.ts';
import { getScheme } from '../scheme/index.ts';
import { eventsTable, segmentNotesTable, segmentsTable, sessionsTable, type CodingTables } from './coding-tables.ts';
import { dictionaryTable } from './dictionary.ts';
import {
  APP,
  deidentificationRules,
  exportDate,
  manifestFile,
  MANIFEST_NAME,
  type ExportManifest,
  type ReliabilityIncluded,
} from './manifest.ts';
import { extractStudy, type StudyExtract } from './read.ts';
import { reliabilityTable } from './reliability-table.ts';
import { EXPORT_FORMATS, fileName, serialize, type ExportFormat } from './serialize.ts';
import type { Table } from './table.ts';
import { codeIndex, tallyCoding } from './tally.ts';
import { assertEmptyFolder, writeExportFolder, type OutputFile } from './write.ts';

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
}

export interface ExportResult {
  outDir: string;
  manifest: ExportManifest;
}

function checkOptions(options: ExportOptions): { format: ExportFormat; checkMinus: CheckMinus } {
  const format = options.format ?? 'csv';
  if (!EXPORT_FORMATS.includes(format)) throw new AppError('INVALID_INPUT', `The export format must be "csv" or "json" (got "${String(format)}").`);
  return { format, checkMinus: checkMinusSetting(options.checkMinus) };
}

/** The chosen coders and recordings that appear in at least one exported coding. */
function coded(extract: StudyExtract): { coders: string[]; recordings: string[] } {
  const coderIds = new Set(extract.codings.map((k) => k.coder.id));
  const recordingIds = new Set(extract.codings.map((k) => k.recording.id));
  return {
    coders: extract.coders.filter((c) => coderIds.has(c.id)).map((c) => c.code),
    recordings: extract.recordings.filter((r) => recordingIds.has(r.id)).map((r) => r.code),
  };
}

/** Reliability compares the coders of the export over its recordings, when there are two or more coders. */
function reliability(
  db: Database,
  { coders, recordings }: { coders: string[]; recordings: string[] },
  checkMinus: CheckMinus,
): { table?: Table; included: ReliabilityIncluded } {
  if (coders.length < 2) {
    return { included: { included: false, reason: `reliability needs two or more coders, and only ${coders.join(', ')} coded the exported recordings` } };
  }
  const report = reliabilityReport(db, { coders, recordings, checkMinus });
  return { table: reliabilityTable(report), included: { included: true, coders, recordings } };
}

/** Everything is read and built before anything is written: a study that cannot be read leaves no files. */
export function exportStudy(db: Database, options: ExportOptions): ExportResult {
  const { format, checkMinus } = checkOptions(options);
  const includeNotes = options.includeNotes ?? false;
  assertEmptyFolder(options.outDir);
  const now = new Date();

  const { extract, tables, included, who } = db.transaction(() => {
    const extract = extractStudy(db, { recordings: options.recordings, coders: options.coders, includeNotes });
    if (extract.codings.length === 0) {
      throw new AppError('INVALID_INPUT', 'None of the chosen recordings has been coded by the chosen coders, so there is nothing to export. Check the recording and coder codes.');
    }
    const scheme = getScheme(extract.schemeId);
    const codes = codeIndex(scheme);
    const tallies = extract.codings.map((coding) => tallyCoding(coding, codes, extract.segmentSeconds));
    const context: CodingTables = { extract, scheme, tallies, includeNotes, checkMinus };
    const who = coded(extract);
    const rel = reliability(db, who, checkMinus);
    const tables = [
      eventsTable(context),
      segmentsTable(context),
      sessionsTable(context),
      ...(rel.table ? [rel.table] : []),
      ...(includeNotes ? [segmentNotesTable(context)] : []),
    ];
    return { extract, tables, included: rel.included, who };
  })();

  const all = [...tables, dictionaryTable(tables, format)];
  const files: OutputFile[] = all.map((table) => ({ name: fileName(table, format), bytes: serialize(table, format) }));
  const manifest: ExportManifest = {
    app: APP.name,
    appVersion: APP.version,
    scheme: extract.schemeId,
    segmentSeconds: extract.segmentSeconds,
    exportDate: exportDate(now),
    format,
    checkMinus,
    notesIncluded: includeNotes,
    recordings: who.recordings,
    coders: who.coders,
    codings: extract.codings.length,
    reliability: included,
    files: all.map((table, i) => manifestFile(files[i]!.name, table.rows.length, files[i]!.bytes)),
    deidentification: deidentificationRules(includeNotes),
  };
  writeExportFolder(options.outDir, [...files, { name: MANIFEST_NAME, bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }]);
  return { outDir: options.outDir, manifest };
}
