import { memo, useCallback, useMemo, type MouseEvent } from 'react';
import type { CodingView } from '../../electron/core/api/contract.ts';
import type { CodeDef, Scheme } from '../../electron/core/scheme/types.ts';
import { markNow } from '../keys/dispatch.ts';
import type { Bindings } from '../keys/keymap.ts';
import { usePlayer } from '../state/player.ts';
import { useUi } from '../state/ui.ts';
import { ClarityGlyph, KeyLabel } from './Glyphs.tsx';
import { CellGlyphs, ScoresheetTable } from './ScoresheetParts.tsx';
import './ScoresheetGrid.css';

type Sheet = CodingView['scoresheet'];
type Segment = Sheet['segments'][number];

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
  const watchedSet = useMemo(() => new Set(watched), [watched]);

  // Stable across renders, so that a new mark re-renders only the row it changed.
  const onCell = useCallback(
    (event: MouseEvent, code: string, startMs: number, now: boolean) => {
      if (now) markNow(code, event.shiftKey ? 'check-minus' : 'check');
      else {
        focusCode(code);
        seek(startMs);
      }
    },
    [focusCode, seek],
  );

  return (
    <ScoresheetTable
      scheme={scheme}
      region="Scoresheet"
      label={`Scoresheet of ${sheet.recording}`}
      className="scoresheet"
      corner={
        <>
          <span className="sr-only">Code</span>
          <span aria-hidden="true">Segment</span>
        </>
      }
      columns={
        <colgroup>
          <col className="col-code" />
          {sheet.segments.map((s) => (
            <col key={s.index} className={s.index === current ? 'col-now' : undefined} />
          ))}
        </colgroup>
      }
      segments={sheet.segments}
      current={current}
      watched={watchedSet}
      row={(code) => (
        <GridRow
          key={code.id}
          code={code}
          keyName={bindings[code.id]}
          segments={sheet.segments}
          current={current}
          onCell={onCell}
          onFocusCode={focusCode}
        />
      )}
    />
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
  segments: readonly Segment[];
  current: number;
  /** A click on a cell of the segment starting at `startMs`; `now` when it is the playhead's. */
  onCell(event: MouseEvent, code: string, startMs: number, now: boolean): void;
  onFocusCode(code: string): void;
}

/**
 * Whether a row shows the same: its own cells are unchanged (the coding store keeps an unchanged cell's
 * object across answers), and so are the playhead's column, the key and the handlers.
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  const id = a.code.id;
  return (
    a.code === b.code &&
    a.keyName === b.keyName &&
    a.current === b.current &&
    a.onCell === b.onCell &&
    a.onFocusCode === b.onFocusCode &&
    a.segments.length === b.segments.length &&
    a.segments.every((s, i) => s === b.segments[i] || (s.startMs === b.segments[i]!.startMs && s.marks[id] === b.segments[i]!.marks[id]))
  );
}

const GridRow = memo(function GridRow({ code, keyName, segments, current, onCell, onFocusCode }: RowProps) {
  return (
    <tr>
      <th scope="row" className="row-head" title={code.name} onMouseEnter={() => onFocusCode(code.id)}>
        <span className="row-code">{code.id}</span>
        <span className="row-name">{code.shortName}</span>
        {keyName && <KeyLabel code={keyName} />}
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
            title={
              now
                ? `Click: mark ${code.id} now · Shift+click: check-minus`
                : `Click: go to segment ${s.index + 1} (marks go in the segment being played)`
            }
            onClick={(e) => onCell(e, code.id, s.startMs, now)}
          >
            <CellGlyphs cell={cell} />
          </td>
        );
      })}
    </tr>
  );
}, sameRow);
