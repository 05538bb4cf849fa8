// The scoresheet as a plain-text grid: one row per marker code, one column per segment.

import type { Scoresheet, ScoresheetCell } from '../core/coding/index.ts';
import { formatClock } from '../core/io/time-format.ts';
import type { Scheme } from '../core/scheme/index.ts';
import { table } from './output.ts';

const MAX_WIDTH = 120;
const NAME_WIDTH = 36;

const CHECK = '✓';
const CHECK_MINUS = '✓−';

function cell(c: ScoresheetCell | undefined): string {
  if (!c) return '';
  const mark = c.clarity === 'check' ? CHECK : CHECK_MINUS;
  return c.count > 1 ? `${mark}${c.count}` : mark;
}

const shorten = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

/** Splits the segments into blocks narrow enough for a terminal, each printed as its own grid. */
function gridBlocks(sheet: Scoresheet, scheme: Scheme): string[] {
  const labels = sheet.segments.map((s) => formatClock(s.startMs));
  const columnWidth = Math.max(4, ...labels.map((l) => l.length)) + 2;
  const perBlock = Math.max(1, Math.floor((MAX_WIDTH - NAME_WIDTH - 6) / columnWidth));
  const blocks: string[] = [];
  for (let from = 0; from < sheet.segments.length; from += perBlock) {
    const segments = sheet.segments.slice(from, from + perBlock);
    const rows: string[][] = [['', '', ...segments.map((s) => labels[s.index]!)]];
    for (const category of scheme.categories) {
      rows.push(['', category.name.toUpperCase(), ...segments.map(() => '')]);
      for (const code of scheme.codes.filter((c) => c.category === category.id)) {
        rows.push([code.id, shorten(code.name, NAME_WIDTH), ...segments.map((s) => cell(s.marks[code.id]))]);
      }
    }
    blocks.push(table(rows));
  }
  return blocks;
}

function ratingLines(sheet: Scoresheet, scheme: Scheme): string {
  return table(scheme.ratingItems.map((item) => [`  ${item.id}`, shorten(item.label, NAME_WIDTH), String(sheet.ratings[item.id] ?? '—')]));
}

export function renderScoresheet(sheet: Scoresheet, scheme: Scheme): string {
  const last = sheet.segments[sheet.segments.length - 1]!;
  // Shorter at the end of the recording, or longer when a short final part joined it.
  const partial = last.endMs - last.startMs !== sheet.segmentSeconds * 1000 ? ` (the last one ${formatClock(last.endMs - last.startMs)})` : '';
  const notes = Object.entries(sheet.notes).map(
    ([index, note]) => `  segment ${Number(index) + 1} (${formatClock(sheet.segments[Number(index)]?.startMs ?? 0)}): ${note}`,
  );
  const warnings = sheet.warnings.map((w) => `  - ${w.message} [${w.rule}]`);
  return [
    `Scoresheet ${sheet.recording}, coder ${sheet.coder} (${sheet.state})`,
    `${formatClock(sheet.durationMs)} in ${sheet.segments.length} segment${sheet.segments.length === 1 ? '' : 's'} of ${sheet.segmentSeconds} s${partial}. Columns start at the time shown.`,
    '',
    gridBlocks(sheet, scheme).join('\n\n'),
    '',
    `${CHECK} meets criteria, ${CHECK_MINUS} unclear; a number after the mark counts how often the code was marked in the segment.`,
    '',
    'Ratings',
    ratingLines(sheet, scheme),
    ...(notes.length ? ['', 'Segment notes', ...notes] : []),
    '',
    'Warnings',
    ...(warnings.length ? warnings : ['  none']),
  ].join('\n');
}
