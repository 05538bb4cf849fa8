import {
  reasonText,
  reliabilityJson,
  reliabilityReport,
  type IntervalValue,
  type Reason,
  type ReliabilityReport,
  type SessionCountReliability,
} from '../../core/reliability/index.ts';
import type { IccForm } from '../../core/stats/icc.ts';
import { PASSPHRASE_ENV_OPTION, stringOption, UsageError, type Command } from '../command.ts';
import { Footnotes, print, printJson, table } from '../output.ts';
import { CHECK_MINUS_OPTION, checkMinusOption, listOption } from '../selection-options.ts';
import { withStudy } from '../study-session.ts';

const fixed = (x: number) => x.toFixed(3);

/** A reason as the footnote under the table says it, its kind's label first. */
const mark = (notes: Footnotes, reason: Reason | undefined): string => notes.mark(reason && reasonText(reason));

function statCell(value: number | null, reason: Reason | undefined, notes: Footnotes, format = fixed): string {
  return value === null ? `n/a ${mark(notes, reason)}` : format(value);
}

/** A statistic with its 95 % interval: "0.812 [0.701, 0.923]", or why it or its interval is missing. */
function intervalCell(value: IntervalValue | null, reason: Reason | undefined, notes: Footnotes): string {
  if (value === null) return `n/a ${mark(notes, reason)}`;
  if (value.lower === null || value.upper === null) return `${fixed(value.value)}, CI n/a ${mark(notes, reason)}`;
  return `${fixed(value.value)} [${fixed(value.lower)}, ${fixed(value.upper)}]`;
}

function iccCell(entry: SessionCountReliability, form: IccForm, notes: Footnotes): string {
  return intervalCell(entry[form], entry.reasons?.[form], notes);
}

function segmentLength(seconds: number): string {
  const [count, unit] = seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function header(report: ReliabilityReport): string[] {
  const { coders, recordings, notCoded, missingCodings } = report;
  const named = recordings.length <= 10 ? ` (${recordings.join(', ')})` : '';
  // A lab's study can leave out dozens: a few examples per coder say it; --json's notes list them all.
  const some = (list: string[]) => (list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', '));
  return [
    `Reliability of ${coders.join(', ')} over ${recordings.length} recording${recordings.length === 1 ? '' : 's'}${named}; a check-minus mark counts as ${report.checkMinus}.`,
    ...(notCoded.length > 0
      ? [
          `Left out of the segment comparison, not coded by every chosen coder: ${notCoded.length} of the ${recordings.length} recordings. ${missingCodings
            .map((m) => `${m.coder} has not coded ${some(m.recordings)}.`)
            .join(' ')}`,
        ]
      : []),
    ...unfinishedLines(report),
    ...(report.blindCodingNote ? [report.blindCodingNote] : []),
  ];
}

function unfinishedLines({ unfinished, includeUnfinished }: ReliabilityReport): string[] {
  if (unfinished.length === 0) return [];
  const list = unfinished.map((u) => `${u.recording} by ${u.coder} (${u.status})`);
  const shown = list.length > 5 ? `${list.slice(0, 5).join(', ')} and ${list.length - 5} more` : list.join(', ');
  return [
    includeUnfinished
      ? `Unfinished codings compared as they stand (--include-unfinished): ${shown}.`
      : `Unfinished codings left out, as only complete codings are compared (add --include-unfinished to compare them): ${shown}.`,
  ];
}

function renderReport(report: ReliabilityReport): string {
  const notes = new Footnotes();
  const segments = Object.entries(report.segments).map(([key, s]) => [
    key,
    String(s.n),
    statCell(s.percentAgreement, s.reasons?.percentAgreement, notes, (x) => `${(x * 100).toFixed(1)} %`),
    statCell(s.cohenKappa, s.reasons?.cohenKappa, notes),
    statCell(s.fleissKappa, s.reasons?.fleissKappa, notes),
    intervalCell(s.gwetAC1, s.reasons?.gwetAC1, notes),
    intervalCell(s.krippendorffAlpha, s.reasons?.krippendorffAlpha, notes),
  ]);
  const iccs = (r: SessionCountReliability, forms: IccForm[]) => forms.map((form) => iccCell(r, form, notes));
  const counts = Object.entries(report.sessionCounts).map(([key, c]) => [
    key,
    String(c.n),
    ...iccs(c, ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k']),
  ]);
  const ratings = Object.entries(report.ratings);
  const single = ratings.map(([item, r]) => [
    item,
    String(r.n),
    ...iccs(r, ['ICC1', 'ICC2', 'ICC3']),
    statCell(r.weightedKappa, r.reasons?.weightedKappa, notes),
    intervalCell(r.gwetAC2, r.reasons?.gwetAC2, notes),
    intervalCell(r.krippendorffAlpha, r.reasons?.krippendorffAlpha, notes),
  ]);
  const average = ratings.map(([item, r]) => [item, String(r.n), ...iccs(r, ['ICC1k', 'ICC2k', 'ICC3k'])]);
  return [
    ...header(report),
    '',
    `Segments of ${segmentLength(report.segmentSeconds)} (n = segments compared; a key is present in a segment when the coder marked it there${
      report.coders.length > 2 ? '; % agreement = the share of agreeing coder pairs, averaged over segments' : ''
    }; AC1 = Gwet's AC1 and α = Krippendorff's nominal alpha, with 95 % CI)`,
    table([['KEY', 'n', '% agreement', 'Cohen κ', 'Fleiss κ', 'Gwet AC1', 'Krippendorff α'], ...segments]),
    '',
    'Segments per session with the key (n = recordings every coder coded; ICC with 95 % CI)',
    table([['KEY', 'n', 'ICC(1,1)', 'ICC(2,1)', 'ICC(3,1)', 'ICC(1,k)', 'ICC(2,k)', 'ICC(3,k)'], ...counts]),
    '',
    "Global ratings, a single coder (n = recordings every coder rated; ICC with 95 % CI; quadratic-weighted κ; Gwet's AC2 with quadratic weights and Krippendorff's interval α, with 95 % CI)",
    table([['ITEM', 'n', 'ICC(1,1)', 'ICC(2,1)', 'ICC(3,1)', 'weighted κ', 'Gwet AC2', 'Krippendorff α'], ...single]),
    '',
    "Global ratings, the mean of the coders' ratings (ICC with 95 % CI)",
    table([['ITEM', 'n', 'ICC(1,k)', 'ICC(2,k)', 'ICC(3,k)'], ...average]),
    '',
    ...notes.lines(),
  ].join('\n');
}

const reliability: Command = {
  name: 'reliability',
  positionals: ['FILE'],
  options: {
    coders: {
      type: 'string',
      value: 'C01,C02',
      help: 'the coders to compare, two or more (default: the two coders who share the most complete codings, and every other who coded all of those recordings, as the export chooses; a consensus coder only when named)',
    },
    recordings: {
      type: 'string',
      value: 'D01-S01,...',
      help: 'the recordings to compare (default: those the default coders all coded; all when --coders is given)',
    },
    ...CHECK_MINUS_OPTION,
    'include-unfinished': {
      type: 'boolean',
      help: 'compare codings not yet marked complete too (by default only complete codings are compared; unfinished ones are listed)',
    },
    json: {
      type: 'boolean',
      help: 'print {"segments": {KEY: {...}}, "sessionCounts": {KEY: {n, ICC1, ..., ICC3k}}, "ratings": {ITEM: {...}}, "unfinished": [...]}; a statistic with an interval (ICCs, gwetAC1, gwetAC2, krippendorffAlpha) is {"value", "lower", "upper"}; a null statistic has its reason beside it under its name + "Reason", e.g. "cohenKappaReason", starting with its kind ("does not apply", "too few" or "not defined"), and the entry’s "reason" names every null statistic with its reason',
    },
    ...PASSPHRASE_ENV_OPTION,
  },
  summary:
    "agreement between coders over complete codings: percent agreement, kappa, Gwet's AC1 and Krippendorff's alpha per code and category, ICCs of the segments per session, ICCs, weighted kappa, AC2 and alpha per rating item",
  run: (args) => {
    const coders = listOption(args, 'coders', 'C01,C02');
    if (coders !== undefined && coders.length < 2) throw new UsageError('--coders needs at least two coders to compare, like C01,C02.');
    const recordings = listOption(args, 'recordings', 'D01-S01,D01-S02');
    const checkMinus = checkMinusOption(args);
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const includeUnfinished = args.options['include-unfinished'] === true;
      const report = reliabilityReport(study.db, { coders, recordings, checkMinus, includeUnfinished });
      if (args.options['json']) {
        for (const m of report.notCoded)
          process.stderr.write(`3rs: note: ${m.recording} is left out of the segment statistics: no coding by ${m.coders.join(', ')}.\n`);
        if (!includeUnfinished) {
          for (const u of report.unfinished)
            process.stderr.write(
              `3rs: note: ${u.recording} by ${u.coder} is not compared: the coding is ${u.status}, not complete (--include-unfinished compares it).\n`,
            );
        }
        if (report.blindCodingNote) process.stderr.write(`3rs: note: ${report.blindCodingNote}\n`);
        printJson(reliabilityJson(report));
      } else {
        print(renderReport(report));
      }
      return 0;
    });
  },
};

export const reliabilityCommands: Command[] = [reliability];
