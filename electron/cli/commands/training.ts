import { recordCodingUse } from '../../core/coding/index.ts';
import { compareToReference, type CellMark, type CellShare, type TrainingCell, type TrainingComparison } from '../../core/compare/index.ts';
import { formatClock } from '../../core/io/time-format.ts';
import { reasonText } from '../../core/stats/outcome.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, type Command } from '../command.ts';
import { Footnotes, print, printJson, table } from '../output.ts';
import { CHECK_MINUS_OPTION, checkMinusOption } from '../selection-options.ts';
import { cliActor, withStudy } from '../study-session.ts';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const times = (ms: number[]) => (ms.length ? ms.map(formatClock).join(' ') : '—');
const mark = (m: CellMark) => (m === 'none' ? '—' : m);

function cellRows(cells: TrainingCell[]): string[][] {
  return [
    ['SEGMENT', 'START', 'CODE', 'TRAINEE', 'REFERENCE', 'TRAINEE MARKS AT', 'REFERENCE MARKS AT'],
    ...cells.map((c) => [
      String(c.segmentIndex + 1),
      formatClock(c.startMs),
      c.code,
      mark(c.trainee),
      mark(c.reference),
      times(c.traineeTimesMs),
      times(c.referenceTimesMs),
    ]),
  ];
}

/** "2/3 (66.7 %)", or "n/a [1]" pointing to its reason among the lines under the table. */
function shareCell(s: CellShare, notes: Footnotes): string {
  return s.share !== null ? `${s.count}/${s.of} (${percent(s.share)})` : `n/a ${notes.mark(reasonText(s.reason))}`;
}

/** A headline figure: the count out of its total, or in its place the reason it is not defined. */
const figure = (s: CellShare) => (s.share === null ? `${reasonText(s.reason)}.` : `${s.count} of ${s.of} (${percent(s.share)}).`);

function perSegment(t: TrainingComparison): string[] {
  const notes = new Footnotes();
  const rows = t.perSegment.map((s) => [
    String(s.index + 1),
    formatClock(s.startMs),
    shareCell(s.markedAgreement, notes),
    shareCell(s.referenceFound, notes),
    shareCell(s.traineeConfirmed, notes),
  ]);
  return [
    'By segment',
    table([['SEGMENT', 'START', 'AGREED WHERE MARKED', 'REFERENCE FOUND', 'TRAINEE CONFIRMED'], ...rows]),
    '(AGREED WHERE MARKED: of the cells either coding has, those both have. REFERENCE FOUND: of the reference\u2019s cells, those the trainee has too. TRAINEE CONFIRMED: of the trainee\u2019s cells, those the reference has too; low when over-coding.)',
    ...notes.lines(),
  ];
}

function render(t: TrainingComparison): string {
  const agreedCells = Math.round(t.percentAgreement * t.cells);
  const codes = t.perCode.filter((c) => c.trainee > 0 || c.reference > 0);
  const absent = t.perCode.filter((c) => !codes.includes(c)).map((c) => c.code);
  const reasons = codes.flatMap((c) => [c.reason && reasonText(c.reason), c.caution].filter((r) => r !== undefined).map((r) => `  ${c.code}: ${r}`));
  const lines = [
    `Training: ${t.trainee} against the reference ${t.reference} on ${t.recording} (${t.perSegment.length} segments of ${t.segmentSeconds} s; a check-minus mark counts as ${t.checkMinus}).`,
    `Agreed where either coding has a code: ${figure(t.markedAgreement)}`,
    `Reference cells the trainee found: ${figure(t.referenceFound)}`,
    `Trainee cells the reference confirms (low when over-coding): ${figure(t.traineeConfirmed)}`,
    `Agreement over all ${t.cells} segment \u00d7 code cells, empty ones included: ${agreedCells} (${percent(t.percentAgreement)}).`,
    '',
    ...perSegment(t),
  ];
  if (codes.length > 0) {
    lines.push(
      '',
      'By code (codes present in either coding)',
      table([
        ['CODE', 'TRAINEE', 'REFERENCE', 'SEGMENTS AGREED', '%', 'Cohen \u03ba'],
        ...codes.map((c) => [
          c.code,
          String(c.trainee),
          String(c.reference),
          `${c.agreed}/${c.segments}`,
          percent(c.percentAgreement),
          c.cohenKappa === null ? 'n/a' : `${c.cohenKappa.toFixed(3)}${c.caution ? ' (few)' : ''}`,
        ]),
      ]),
      '(TRAINEE and REFERENCE: the segments in which each has the code present.)',
      ...reasons,
    );
  }
  if (absent.length > 0) lines.push(`Present in neither coding, so agreeing in every segment: ${absent.join(', ')}.`);
  lines.push(
    '',
    t.disagreements.length ? `Disagreements to review (${t.disagreements.length})` : 'No disagreements: the two codings agree in every cell.',
  );
  if (t.disagreements.length) lines.push(table(cellRows(t.disagreements)));
  if (t.clarityDifferences.length)
    lines.push('', `Agreeing, but marked with another clarity (${t.clarityDifferences.length})`, table(cellRows(t.clarityDifferences)));
  if (t.checkMinusNotCounted.length) {
    lines.push(
      '',
      `A check-minus mark, not counted (${t.checkMinusNotCounted.length}): the other coding has nothing there, and a check-minus counts as absent`,
      table(cellRows(t.checkMinusNotCounted)),
    );
  }
  if (t.ratingDifferences.length) {
    lines.push(
      '',
      'Ratings that differ',
      table([['ITEM', 'TRAINEE', 'REFERENCE'], ...t.ratingDifferences.map((r) => [r.item, String(r.trainee ?? '—'), String(r.reference ?? '—')])]),
    );
  }
  return lines.join('\n');
}

const training: Command = {
  name: 'training',
  positionals: ['FILE'],
  options: {
    recording: { type: 'string', value: 'CODE', help: 'the recording, e.g. D01-S01' },
    trainee: { type: 'string', value: 'CODE', help: 'the coder in training, e.g. C03' },
    reference: { type: 'string', value: 'CODE', help: 'the reference (gold) coder, e.g. GOLD' },
    ...CHECK_MINUS_OPTION,
    json: { type: 'boolean', help: 'print JSON' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['recording', 'trainee', 'reference'],
  summary: "a trainee's coding against a reference coding: agreement by segment and code, and each disagreement with the times of its marks",
  run: (args) => {
    const checkMinus = checkMinusOption(args);
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const result = compareToReference(study.db, {
        recording: requiredOption(args, 'recording'),
        trainee: requiredOption(args, 'trainee'),
        reference: requiredOption(args, 'reference'),
        checkMinus,
      });
      // As in the app: a trainee who has seen the reference no longer reopens their coding alone.
      recordCodingUse(study.db, [{ recording: result.recording, coder: result.trainee }], 'training', cliActor());
      if (args.options['json']) printJson(result);
      else print(render(result));
      return 0;
    });
  },
};

export const trainingCommands: Command[] = [training];
