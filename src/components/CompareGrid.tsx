import type { CellDifference, CellMark, CodingView } from '../../electron/core/api/contract.ts';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { CellGlyphs, ScoresheetTable } from './ScoresheetParts.tsx';

type Sheet = CodingView['scoresheet'];

const MARK_WORDS: Record<CellMark, string> = { none: 'not marked', 'check-minus': 'check-minus', check: 'check' };

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
 * not (a disagreement) is outlined strongly; a cell both have but with another clarity, lightly.
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
            const theirs = diff ? MARK_WORDS[side === 'a' ? diff.b : diff.a] : '';
            const words = diff ? `; ${diff.kind === 'presence' ? 'disagreement' : 'clarity differs'} (${other}: ${theirs})` : '';
            return (
              <td
                key={s.index}
                className={`cell${cell ? ` marked ${cell.clarity}` : ''}${diff ? ` diff diff-${diff.kind}` : ''}${key === picked ? ' picked' : ''}`}
                aria-label={`${code.id} in segment ${s.index + 1}: ${state}${words}`}
                title={diff ? `${diff.kind === 'presence' ? 'Disagreement' : 'Same code, other clarity'} — ${other}: ${theirs}` : undefined}
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
