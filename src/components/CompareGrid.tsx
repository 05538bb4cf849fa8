import type { CellDifference, CellMark, CheckMinus, CodingView, DifferenceKind } from '../../electron/core/api/contract.ts';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { CellGlyphs, ScoresheetTable } from './ScoresheetParts.tsx';
import './CompareGrid.css';

type Sheet = CodingView['scoresheet'];

const MARK_WORDS: Record<CellMark, string> = { none: 'not marked', 'check-minus': 'check-minus', check: 'check' };

/**
 * Each kind of difference as the grids, the list and the legend name it, and how it is drawn: only a
 * disagreement strongly; an uncounted check-minus lightly, like a clarity difference, as neither disagrees.
 */
export const DIFFERENCE_KINDS: Record<
  DifferenceKind,
  { label: string; counted: [one: string, many: string]; meaning: string; look: 'presence' | 'clarity' }
> = {
  presence: {
    label: 'disagreement',
    counted: ['disagreement', 'disagreements'],
    meaning: 'one has the code in the segment, the other not',
    look: 'presence',
  },
  clarity: {
    label: 'same code, other clarity',
    counted: ['difference of clarity only', 'differences of clarity only'],
    meaning: 'both have the code, marked with another clarity',
    look: 'clarity',
  },
  uncounted: {
    label: 'check-minus, not counted',
    counted: ['check-minus mark not counted', 'check-minus marks not counted'],
    meaning: 'one has only a check-minus mark, the other nothing',
    look: 'clarity',
  },
};

/** "1 disagreement", "2 check-minus marks not counted". */
export const countKind = (n: number, kind: DifferenceKind): string => `${n} ${DIFFERENCE_KINDS[kind].counted[n === 1 ? 0 : 1]}`;

/**
 * The lightly drawn kind the setting allows: with a check-minus counted present, a check-minus against
 * nothing is a disagreement; counted absent, a check-minus against a check is one. So never both.
 */
export const lightKind = (checkMinus: CheckMinus): DifferenceKind => (checkMinus === 'present' ? 'clarity' : 'uncounted');

export const cellKey = (segment: number, code: string): string => `${segment}:${code}`;
const segmentOfKey = (key: string): number => Number(key.slice(0, key.indexOf(':')));

interface CompareGridProps {
  scheme: Scheme;
  sheet: Sheet;
  /** The cells where this coding and the other differ, keyed by cellKey. */
  differences: Map<string, CellDifference>;
  side: 'a' | 'b';
  /** The other coding's coder, for the cells' descriptions. */
  other: string;
  /** The difference picked in the list, outlined in both grids. */
  picked: string | null;
  onPick(key: string): void;
}

/**
 * One coding's scoresheet, read-only, beside the other's: a cell where one coder has the code and the other
 * not (a disagreement) is outlined strongly; a cell whose marks differ otherwise, lightly.
 */
export function CompareGrid({ scheme, sheet, differences, side, other, picked, onPick }: CompareGridProps) {
  return (
    <ScoresheetTable
      scheme={scheme}
      region={`${sheet.coder}’s scoresheet`}
      label={`${sheet.coder}’s coding of ${sheet.recording}`}
      className="scoresheet compare-sheet"
      corner={sheet.coder}
      segments={sheet.segments}
      inView={picked === null ? undefined : segmentOfKey(picked)}
      row={(code) => (
        <tr key={code.id}>
          <th scope="row" className="row-head" title={code.name}>
            <span className="row-code">{code.id}</span>
          </th>
          {sheet.segments.map((s) => {
            const cell = s.marks[code.id];
            const key = cellKey(s.index, code.id);
            const diff = differences.get(key);
            const state = cell ? `${cell.clarity}${cell.count > 1 ? `, ${cell.count} marks` : ''}` : 'not marked';
            const kind = diff && DIFFERENCE_KINDS[diff.kind];
            const theirs = diff ? `${other}: ${MARK_WORDS[side === 'a' ? diff.b : diff.a]}` : '';
            return (
              <td
                key={s.index}
                className={`cell${cell ? ` marked ${cell.clarity}` : ''}${kind ? ` diff diff-${kind.look}` : ''}${key === picked ? ' picked' : ''}`}
                aria-label={`${code.id} in segment ${s.index + 1}: ${state}${kind ? `; ${kind.label} (${theirs})` : ''}`}
                title={kind ? `${theirs} (${kind.label})` : undefined}
                onClick={diff ? () => onPick(key) : undefined}
              >
                <CellGlyphs cell={cell} />
              </td>
            );
          })}
        </tr>
      )}
    />
  );
}
