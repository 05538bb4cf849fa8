import type { MouseEvent } from 'react';
import type { CodingView } from '../../electron/core/api/contract.ts';
import type { CodeDef, Scheme } from '../../electron/core/scheme/types.ts';
import { formatDuration } from '../format.ts';
import { markNow } from '../keys/dispatch.ts';
import { keyLabel } from '../keys/keycodes.ts';
import type { Bindings } from '../keys/keymap.ts';
import { usePlayer } from '../state/player.ts';
import { useUi } from '../state/ui.ts';
import { ClarityGlyph, KeyCap } from './Glyphs.tsx';

type Sheet = CodingView['scoresheet'];

interface GridProps {
  scheme: Scheme;
  sheet: Sheet;
  watched: number[];
  bindings: Bindings;
}

/**
 * The scoresheet as on paper: one row per code in its category's group, one column per segment,
 * ✓ / ✓− with the count when more than one. The playhead's column is highlighted; a click marks in
 * that column and, elsewhere, moves the playhead to the clicked segment.
 */
export function ScoresheetGrid({ scheme, sheet, watched, bindings }: GridProps) {
  const current = usePlayer((s) => s.segment);
  const seek = usePlayer((s) => s.seek);
  const focusCode = useUi((s) => s.focusCode);
  const watchedSet = new Set(watched);

  const onCell = (event: MouseEvent, code: string, segment: number) => {
    if (segment === current) markNow(code, event.shiftKey ? 'check-minus' : 'check');
    else {
      focusCode(code);
      seek(sheet.segments[segment]!.startMs);
    }
  };

  return (
    <div className="grid-scroll" role="region" aria-label="Scoresheet" tabIndex={-1}>
      <table className="scoresheet" aria-label={`Scoresheet of ${sheet.recording}`}>
        <colgroup>
          <col className="col-code" />
          {sheet.segments.map((s) => (
            <col key={s.index} className={s.index === current ? 'col-now' : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="corner">
              <span className="sr-only">Code</span>
              <span aria-hidden="true">Segment</span>
            </th>
            {sheet.segments.map((s) => (
              <th
                key={s.index}
                scope="col"
                className={`seg-head${s.index === current ? ' now' : ''}${watchedSet.has(s.index) ? ' watched' : ''}`}
                aria-current={s.index === current ? 'true' : undefined}
                title={`Segment ${s.index + 1}: ${formatDuration(s.startMs)}–${formatDuration(s.endMs)}${watchedSet.has(s.index) ? ' · watched' : ''}`}
              >
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
                <GridRow
                  key={code.id}
                  code={code}
                  keyName={bindings[code.id]}
                  segments={sheet.segments}
                  current={current}
                  onCell={onCell}
                  onFocusCode={focusCode}
                />
              ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** What the grid's colours and glyphs mean, and what a click does. */
export function GridLegend() {
  return (
    <p className="grid-legend">
      <span>
        <span className="legend-swatch now" aria-hidden="true" /> playhead’s segment
      </span>
      <span>
        <span className="legend-swatch watched" aria-hidden="true" /> watched
      </span>
      <span>
        <ClarityGlyph clarity="check" /> check · <ClarityGlyph clarity="check-minus" /> check-minus · small number: times marked
      </span>
      <span className="muted">Click a cell of the highlighted segment to mark; any other cell goes to its segment.</span>
    </p>
  );
}

interface RowProps {
  code: CodeDef;
  keyName: string | undefined;
  segments: Sheet['segments'];
  current: number;
  onCell(event: MouseEvent, code: string, segment: number): void;
  onFocusCode(code: string): void;
}

function GridRow({ code, keyName, segments, current, onCell, onFocusCode }: RowProps) {
  return (
    <tr>
      <th scope="row" className="row-head" title={code.name} onMouseEnter={() => onFocusCode(code.id)}>
        <span className="row-code">{code.id}</span>
        <span className="row-name">{code.name}</span>
        {keyName && <KeyCap>{keyLabel(keyName)}</KeyCap>}
      </th>
      {segments.map((s) => {
        const cell = s.marks[code.id];
        const now = s.index === current;
        const state = cell ? `${cell.clarity === 'check' ? 'check' : 'check-minus'}${cell.count > 1 ? `, ${cell.count} marks` : ''}` : 'not marked';
        return (
          <td
            key={s.index}
            className={`cell${now ? ' now' : ''}${cell ? ` marked ${cell.clarity}` : ''}`}
            aria-label={`${code.id} in segment ${s.index + 1}: ${state}`}
            title={now ? `Click: mark ${code.id} now · Shift+click: check-minus` : `Click: go to segment ${s.index + 1} (marks go in the segment being played)`}
            onClick={(e) => onCell(e, code.id, s.index)}
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
  );
}
