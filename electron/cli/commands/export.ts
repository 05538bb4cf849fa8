import { join, resolve } from 'node:path';
import { eachPair, recordCodingUse } from '../../core/coding/index.ts';
import {
  exportEaf,
  exportStudyAsync,
  MANIFEST_NAME,
  writeNewFile,
  type ExportFormat,
  type ExportManifest,
  type ExportProgress,
} from '../../core/export/index.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, UsageError, type Command, type CommandArgs } from '../command.ts';
import { print, table } from '../output.ts';
import { CHECK_MINUS_OPTION, checkMinusOption, listOption } from '../selection-options.ts';
import { cliActor, withStudy } from '../study-session.ts';

function formatOption(args: CommandArgs): ExportFormat {
  const value = stringOption(args, 'format') ?? 'csv';
  if (value !== 'csv' && value !== 'json') throw new UsageError(`--format must be "csv" or "json" (got "${value}").`);
  return value;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(outDir: string, manifest: ExportManifest): string {
  const rel = manifest.reliability;
  const reliability = rel.included
    ? `reliability of ${rel.coders.join(', ')} over ${plural(rel.recordings.length, 'recording')}${rel.note ? `; ${rel.note}` : ''}`
    : `no reliability file: ${rel.reason}`;
  const unfinished = rel.unfinished ?? [];
  const unfinishedLine =
    unfinished.length === 0
      ? []
      : [
          `${plural(unfinished.length, 'unfinished coding')} (${unfinished
            .slice(0, 5)
            .map((u) => `${u.recording} by ${u.coder}`)
            .join(
              ', ',
            )}${unfinished.length > 5 ? ', …' : ''}) ${rel.unfinishedCompared ? 'compared in the reliability file as they stand' : 'left out of the reliability file (--include-unfinished compares them); their status is in sessions'}.`,
        ];
  return [
    `Exported ${plural(manifest.codings, 'coding')} of ${plural(manifest.recordings.length, 'recording')} by ${manifest.coders.join(', ')} to ${outDir} (${reliability}):`,
    table([
      ...manifest.files.map((f) => [`  ${f.name}`, plural(f.rows, f.name.endsWith('.sds') ? 'session' : 'row')]),
      [`  ${MANIFEST_NAME}`, 'row counts and SHA-256 of each file'],
    ]),
    ...unfinishedLine,
    manifest.notesIncluded
      ? 'Free-text notes are included. Everything else identifying was left out (see the manifest).'
      : 'De-identified: no file names or paths, no video hashes, no coder names, no dates but the export date, no notes.',
    ...(manifest.blindCodingNote ? [manifest.blindCodingNote] : []),
  ].join('\n');
}

/** The stage and percentage on one line that rewrites itself on a terminal; nothing when stderr is a file or pipe. */
function progressLine(): { update(p: ExportProgress): void; end(): void } {
  if (!process.stderr.isTTY) return { update: () => {}, end: () => {} };
  return {
    update: ({ stage, percent }) => process.stderr.write(`\r\x1b[KExporting: ${stage} ${Math.round(percent)}%`),
    end: () => process.stderr.write('\r\x1b[K'),
  };
}

const NOTES_WARNING =
  '3rs: warning: this export includes the coders\u2019 free-text notes (on marks and on segments). Notes may name or describe people: read them before sharing the export.\n';

const exportTables: Command = {
  name: 'export',
  positionals: ['FILE'],
  options: {
    out: { type: 'string', value: 'DIR', help: 'a new or empty folder to write into (made if missing)' },
    format: { type: 'string', value: 'csv|json', help: 'csv (default): one CSV file per table; json: one JSON array of objects per table' },
    'include-notes': { type: 'boolean', help: 'add the coders\u2019 free-text notes, which may identify people (left out by default)' },
    recordings: { type: 'string', value: 'D01-S01,...', help: 'the recordings to export (default: all)' },
    coders: { type: 'string', value: 'C01,C02', help: 'the coders to export (default: all)' },
    ...CHECK_MINUS_OPTION,
    'include-unfinished': {
      type: 'boolean',
      help: 'let the reliability file compare codings not yet marked complete too (by default only complete ones; the manifest lists the unfinished)',
    },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['out'],
  summary:
    'a de-identified export for analysts: events, segments, segments-wide, sessions and reliability tables with a data dictionary and a manifest, and sequences.sds for GSEQ; Ctrl-C cancels',
  run: (args) => {
    const outDir = resolve(requiredOption(args, 'out'));
    const format = formatOption(args);
    const includeNotes = args.options['include-notes'] === true;
    const recordings = listOption(args, 'recordings', 'D01-S01,D01-S02');
    const coders = listOption(args, 'coders', 'C01,C02');
    const checkMinus = checkMinusOption(args);
    const includeUnfinished = args.options['include-unfinished'] === true;
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const controller = new AbortController();
      // The first Ctrl-C cancels cleanly (every file written so far removed); a second one quits at once.
      const cancel = () => controller.abort();
      process.once('SIGINT', cancel);
      const progress = progressLine();
      const options = { outDir, format, includeNotes, recordings, coders, checkMinus, includeUnfinished };
      let manifest: ExportManifest;
      try {
        ({ manifest } = await exportStudyAsync(study.db, options, { onProgress: progress.update, signal: controller.signal }));
      } finally {
        progress.end();
        process.removeListener('SIGINT', cancel);
      }
      // Exported codings may be analysed as they are: their coders no longer reopen them alone.
      recordCodingUse(study.db, eachPair(manifest.recordings, manifest.coders), 'export', cliActor());
      print(summary(outDir, manifest));
      if (includeNotes) process.stderr.write(NOTES_WARNING);
      return 0;
    });
  },
};

const exportElan: Command = {
  name: 'export eaf',
  positionals: ['FILE'],
  options: {
    recording: { type: 'string', value: 'CODE', help: 'the recording, e.g. D01-S01' },
    out: { type: 'string', value: 'DIR', help: 'the folder to write CODE.eaf into (made if missing; an existing .eaf is never overwritten)' },
    coders: { type: 'string', value: 'C01,C02', help: 'the coders whose marks to include (default: every coder who coded the recording)' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['recording', 'out'],
  summary: "one recording's marks as an ELAN (.eaf) file: a tier per coder and category, no media path, no names or notes",
  run: (args) => {
    const coders = listOption(args, 'coders', 'C01,C02');
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const doc = exportEaf(study.db, requiredOption(args, 'recording'), coders === undefined ? {} : { coders });
      const path = join(resolve(requiredOption(args, 'out')), `${doc.recording}.eaf`);
      writeNewFile(path, Buffer.from(doc.xml, 'utf8'));
      print(`Wrote ${path}: ${plural(doc.tiers.length, 'tier')} (${doc.tiers.join(', ')}), ${plural(doc.annotations, 'annotation')}.`);
      print('ELAN asks for the video when the file is opened: the file holds no media path.');
      return 0;
    });
  },
};

export const exportCommands: Command[] = [exportTables, exportElan];
