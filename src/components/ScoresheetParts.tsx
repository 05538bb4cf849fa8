// Pieces every scoresheet table shares (the coder's own grid and the read-only ones side by side).

import { useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import type { CodingView } from '../../electron/core/api/contract.ts';
import type { CodeDef, Scheme } from '../../electron/core/scheme/types.ts';
import { formatDuration } from '../format.ts';
import { ClarityGlyph } from './Glyphs.tsx';
import './ScoresheetParts.css';

type Segment = CodingView['scoresheet']['segments'][number];

interface SegmentHeadsProps {
  segments: readonly Segment[];
  /** The playhead's segment, highlighted; none on a sheet without a player. */
  current?: number;
  watched?: ReadonlySet<number>;
}

/** One column head per segment: its number and start, its span in the tooltip. */
function SegmentHeads({ segments, current, watched }: SegmentHeadsProps) {
  return segments.map((s) => {
    const now = s.index === current;
    const seen = watched?.has(s.index) ?? false;
    return (
      <th
        key={s.index}
        scope="col"
        className={`seg-head${now ? ' now' : ''}${seen ? ' watched' : ''}`}
        aria-current={now ? 'true' : undefined}
        data-segment={s.index}
        title={`Segment ${s.index + 1}: ${formatDuration(s.startMs)}–${formatDuration(s.endMs)}${seen ? ' · watched' : ''}`}
      >
        <span className="seg-number">{s.index + 1}</span>
        <span className="seg-time">{formatDuration(s.startMs)}</span>
      </th>
    );
  });
}

/** The codes' rows (made by `row`) in one group per category, each under a header row naming it across all `columns`. */
function CodeGroups({ scheme, columns, row }: { scheme: Scheme; columns: number; row(code: CodeDef): ReactNode }) {
  return scheme.categories.map((category) => (
    <tbody key={category.id} className={`group cat-${category.id}`} aria-label={category.name}>
      <tr className="group-row">
        <th scope="rowgroup" colSpan={columns}>
          <span className="group-name">{category.name}</span>
        </th>
      </tr>
      {scheme.codes.filter((c) => c.category === category.id).map(row)}
    </tbody>
  ));
}

interface ScoresheetTableProps extends SegmentHeadsProps {
  scheme: Scheme;
  /** Names the scrolling region. */
  region: string;
  /** Names the table. */
  label: string;
  className: string;
  /** What the top-left cell holds. */
  corner: ReactNode;
  /** A <colgroup>, when the columns are styled. */
  columns?: ReactNode;
  row(code: CodeDef): ReactNode;
  /** The segment whose column is kept in sight (default: the playhead's). */
  inView?: number | undefined;
}

/**
 * Keeps a segment's column in sight when a session has more segments than the frame is wide: when it is
 * hidden to the right, or under the pinned code column on the left, the frame scrolls sideways to show it and
 * one column beyond, so the next step is in sight too. Layout is read only when that segment changes, never
 * on a mark.
 */
function useColumnInView(frame: RefObject<HTMLDivElement | null>, segment: number | undefined): void {
  useLayoutEffect(() => {
    const box = frame.current;
    if (segment === undefined || !box || box.scrollWidth <= box.clientWidth) return;
    const head = box.querySelector<HTMLElement>(`thead th[data-segment="${segment}"]`);
    if (!head) return;
    const pinned = box.querySelector<HTMLElement>('thead th.corner')?.offsetWidth ?? 0;
    const view = box.getBoundingClientRect();
    const column = head.getBoundingClientRect();
    // clientWidth is rounded to whole pixels and the frame scrolls by whole pixels: a pixel of slack, and
    // scrolls rounded up, so that no column is left cut by a fraction of one.
    const left = view.left + box.clientLeft + pinned + 1;
    const right = view.left + box.clientLeft + box.clientWidth - 1;
    // Scrolls the element the ref holds: a DOM property, not React state the compiler should guard.
    /* eslint-disable react-hooks/immutability */
    if (column.right + column.width > right) box.scrollLeft += Math.ceil(column.right + column.width - right);
    else if (column.left - column.width < left) box.scrollLeft -= Math.ceil(left - (column.left - column.width));
    /* eslint-enable react-hooks/immutability */
  }, [frame, segment]);
}

/** A scoresheet in its scrolling frame: a head per segment, then the codes' rows (made by `row`) by category. */
export function ScoresheetTable({
  scheme,
  region,
  label,
  className,
  corner,
  columns,
  row,
  segments,
  current,
  watched,
  inView = current,
}: ScoresheetTableProps) {
  const frame = useRef<HTMLDivElement>(null);
  useColumnInView(frame, inView);
  return (
    <div ref={frame} className="grid-scroll" role="region" aria-label={region} tabIndex={-1}>
      <table className={className} aria-label={label}>
        {columns}
        <thead>
          <tr>
            <th scope="col" className="corner">
              {corner}
            </th>
            <SegmentHeads segments={segments} current={current} watched={watched} />
          </tr>
        </thead>
        <CodeGroups scheme={scheme} columns={segments.length + 1} row={row} />
      </table>
    </div>
  );
}

/** What a cell holds: ✓ or ✓−, and the count when marked more than once. */
export function CellGlyphs({ cell }: { cell: Segment['marks'][string] | undefined }) {
  if (!cell) return null;
  return (
    <>
      <ClarityGlyph clarity={cell.clarity} />
      {cell.count > 1 && <span className="count">{cell.count}</span>}
    </>
  );
}
