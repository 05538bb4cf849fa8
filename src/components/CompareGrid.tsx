import type { CellDifference, CellMark, CodingView } from '../../electron/core/api/contract.ts';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { formatDuration } from '../format.ts';
import { ClarityGlyph } from './Glyphs.tsx';

type Sheet = CodingView['scoresheet'];

const MARK_WORDS: Record<CellMark, string> = { none: 'not marked', 'check-minus': 'check-minus', check: 'check' };

export const cellKey = (segment: number, code: string): string => `${segment}:${code}`;

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
    <div className="grid-scroll" role="region" aria-label={`${sheet.coder}’s scoresheet`} tabIndex={-1}>
      <table className="scoresheet compare-sheet" aria-label={`${sheet.coder}’s coding of ${sheet.recording}`}>
        <thead>
          <tr>
            <th scope="col" className="corner">
              {sheet.coder}
            </th>
            {sheet.segments.map((s) => (
              <th key={s.index} scope="col" className="seg-head" title={`Segment ${s.index + 1}: ${formatDuration(s.startMs)}–${formatDuration(s.endMs)}`}>
                <span className="seg-number">{s.index + 1}</span>
                <span className="seg-time">{formatDuration(s.startMs)}</span>
              </th>
            ))}
          </tr>
        </thead>
        {scheme.categories.map((category) => (
          <tbody key={category.id} className={`group cat-${category.id}`} aria-label={category.name}>
            <tr className="group-row">
              <th scope="rowgroup" colSpan={sheet.segments.length + 1}>
                <span className="group-name">{category.name}</span>
              </th>
            </tr>
            {scheme.codes
              .filter((c) => c.category === category.id)
              .map((code) => (
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
                        {cell && (
                          <>
                            <ClarityGlyph clarity={cell.clarity} />
                            {cell.count > 1 && <span className="count">{cell.count}</span>}
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
