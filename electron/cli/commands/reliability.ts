import { reliabilityJson, reliabilityReport, type RatingReliability, type ReliabilityReport } from '../../core/reliability/index.ts';
import type { IccForm } from '../../core/stats/icc.ts';
import { PASSPHRASE_ENV_OPTION, stringOption, UsageError, type Command } from '../command.ts';
import { Footnotes, print, printJson, table } from '../output.ts';
import { CHECK_MINUS_OPTION, checkMinusOption, listOption } from '../selection-options.ts';
import { withStudy } from '../study-session.ts';

const fixed = (x: number) => x.toFixed(3);

function statCell(value: number | null, reason: string | undefined, notes: Footnotes, format = fixed): string {
  return value === null ? `n/a ${notes.mark(reason)}` : format(value);
}

function iccCell(rating: RatingReliability, form: IccForm, notes: Footnotes): string {
  const icc = rating[form];
  const reason = rating.reasons?.[form];
  if (icc === null) return `n/a ${notes.mark(reason)}`;
  if (icc.lower === null || icc.upper === null) return `${fixed(icc.value)}, CI n/a ${notes.mark(reason)}`;
  return `${fixed(icc.value)} [${fixed(icc.lower)}, ${fixed(icc.upper)}]`;
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
    ...(report.blindCodingNote ? [report.blindCodingNote] : []),
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
  ]);
  const ratings = Object.entries(report.ratings);
  const iccs = (r: RatingReliability, forms: IccForm[]) => forms.map((form) => iccCell(r, form, notes));
  const single = ratings.map(([item, r]) => [item, String(r.n), ...iccs(r, ['ICC1', 'ICC2', 'ICC3']), statCell(r.weightedKappa, r.reasons?.weightedKappa, notes)]);
  const average = ratings.map(([item, r]) => [item, String(r.n), ...iccs(r, ['ICC1k', 'ICC2k', 'ICC3k'])]);
  return [
    ...header(report),
    '',
    `Segments of ${segmentLength(report.segmentSeconds)} (n = segments compared; a key is present in a segment when the coder marked it there${
      report.coders.length > 2 ? '; % agreement = the share of agreeing coder pairs, averaged over segments' : ''
    })`,
    table([['KEY', 'n', '% agreement', 'Cohen κ', 'Fleiss κ'], ...segments]),
    '',
    'Global ratings, a single coder (n = recordings every coder rated; ICC with 95 % CI; quadratic-weighted κ)',
    table([['ITEM', 'n', 'ICC(1,1)', 'ICC(2,1)', 'ICC(3,1)', 'weighted κ'], ...single]),
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
    coders: { type: 'string', value: 'C01,C02', help: 'the coders to compare, two or more (default: every coder who has coded a chosen recording on their own; a consensus coder only when named)' },
    recordings: { type: 'string', value: 'D01-S01,...', help: 'the recordings to compare (default: all)' },
    ...CHECK_MINUS_OPTION,
    json: {
      type: 'boolean',
      help: 'print {"segments": {KEY: {...}}, "ratings": {ITEM: {...}}}; a null statistic has its reason beside it under its name + "Reason", e.g. "cohenKappaReason", and the entry’s "reason" names every null statistic with its reason',
    },
    ...PASSPHRASE_ENV_OPTION,
  },
  summary: 'agreement between coders: percent agreement and kappa per code and category, ICCs and weighted kappa per rating item',
  run: (args) => {
    const coders = listOption(args, 'coders', 'C01,C02');
    if (coders !== undefined && coders.length < 2) throw new UsageError('--coders needs at least two coders to compare, like C01,C02.');
    const recordings = listOption(args, 'recordings', 'D01-S01,D01-S02');
    const checkMinus = checkMinusOption(args);
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const report = reliabilityReport(study.db, { coders, recordings, checkMinus });
      if (args.options['json']) {
        for (const m of report.notCoded) process.stderr.write(`3rs: note: ${m.recording} is left out of the segment statistics: no coding by ${m.coders.join(', ')}.\n`);
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
