// The home's list of recordings. A lab's study holds thousands: only the rows in view (and a few either side)
// are rendered, in a scroll box of their own, so opening the study costs the same whatever its size.
// The keyboard walks the whole list: ↑/↓ move between rows' Open buttons, Home/End go to the first and last.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RecordingSummary } from '../../electron/core/api/contract.ts';
import { formatDuration } from '../format.ts';
import { readiness } from '../media.ts';
import { MediaState } from './MediaState.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import './RecordingsTable.css';

type CodingSummary = RecordingSummary['codings'][number];

const NOT_STARTED = (coder: string): CodingSummary => ({ coder, state: 'not-started', watchedSegments: 0 });

/** A row's height before it is measured (a line of text beside a small button), and the sticky header's. */
const ROW_PX = 40;
const HEADER_PX = 30;
/** Rows rendered beyond each edge of the view: Tab and the arrows always find the next row already there. */
const OVERSCAN = 8;

/** Other coders' codings, for a lead (or anyone once blind coding is off): who has started and who is done. */
function OthersCell({ codings, me }: { codings: CodingSummary[]; me: string }) {
  const others = codings.filter((c) => c.coder !== me);
  if (others.length === 0) return <span className="muted small">—</span>;
  return (
    <span className="others">
      {others.map((c) => (
        <span
          key={c.coder}
          className={`other status-${c.state}`}
          title={`${c.coder}: ${c.state.replace('-', ' ')}, ${c.watchedSegments} segments watched`}
        >
          {c.coder}
          {c.state === 'complete' ? ' ✓' : ''}
        </span>
      ))}
    </span>
  );
}

function MediaCell({ recording }: { recording: RecordingSummary }) {
  const state = readiness(recording);
  return (
    <MediaState state={state} recording={recording.code}>
      {recording.audioOnly && state === 'ready' ? ' · audio only' : ''}
    </MediaState>
  );
}

/** Where a key moves the focus from row `index` of `count`, or null when the key is not the list's. */
function target(key: string, index: number, count: number): number | null {
  if (key === 'ArrowDown') return Math.min(index + 1, count - 1);
  if (key === 'ArrowUp') return Math.max(index - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

export interface RecordingsTableProps {
  recordings: readonly RecordingSummary[];
  /** The chosen coder's code: their own coding fills the status columns. */
  me: string;
  /** Whether the chosen coder sees other coders' codings (a column of them). */
  others: boolean;
  onOpen(code: string): void;
}

export function RecordingsTable({ recordings, me, others, onOpen }: RecordingsTableProps) {
  const scrollBox = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  // The row whose Open button takes the focus once the list has scrolled it into view.
  const [focusing, setFocusing] = useState<number | null>(null);
  // The app is not built with the React Compiler, whose memoizing this rule guards: the virtualizer re-renders the list itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: recordings.length,
    getScrollElement: () => scrollBox.current,
    estimateSize: () => ROW_PX,
    getItemKey: (index) => recordings[index]?.code ?? index,
    overscan: OVERSCAN,
    paddingStart: HEADER_PX,
    scrollPaddingStart: HEADER_PX,
  });
  const rows = virtualizer.getVirtualItems();
  const above = rows.length > 0 ? rows[0]!.start - HEADER_PX : 0;
  const below = rows.length > 0 ? virtualizer.getTotalSize() - rows.at(-1)!.end : 0;
  const columns = others ? 8 : 7;

  useEffect(() => {
    if (focusing === null) return;
    const button = body.current?.querySelector<HTMLButtonElement>(`tr[data-index="${focusing}"] button`);
    if (!button) return;
    button.focus();
    setFocusing(null);
  }, [focusing, rows]);

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-index]');
    const next = row && target(e.key, Number(row.dataset.index), recordings.length);
    if (next === null || next === undefined) return;
    e.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    setFocusing(next);
  };

  return (
    <div className="virtual-scroll recordings-scroll" ref={scrollBox}>
      <table className="table recordings" aria-rowcount={recordings.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Code</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Segments
            </th>
            <th scope="col">Media</th>
            <th scope="col">Your status</th>
            <th scope="col">Watched</th>
            {others && <th scope="col">Other coders</th>}
            <th scope="col">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown}>
          {above > 0 && (
            <tr className="virtual-gap" aria-hidden="true">
              <td colSpan={columns} style={{ height: above }} />
            </tr>
          )}
          {rows.map((item) => {
            const r = recordings[item.index]!;
            const mine = r.codings.find((c) => c.coder === me) ?? NOT_STARTED(me);
            return (
              <tr
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className="clickable"
                onClick={() => onOpen(r.code)}
              >
                <th scope="row" className="code">
                  {r.code}
                </th>
                <td className="num">{formatDuration(r.durationMs)}</td>
                <td className="num">{r.segments}</td>
                <td>
                  <MediaCell recording={r} />
                </td>
                <td>
                  <StatusBadge state={mine.state} />
                </td>
                <td>
                  <div className="progress-cell">
                    <ProgressBar value={mine.watchedSegments} max={r.segments} label={`${r.code}: segments watched`} />
                    <span className="num muted">
                      {mine.watchedSegments}/{r.segments}
                    </span>
                  </div>
                </td>
                {others && (
                  <td>
                    <OthersCell codings={r.codings} me={me} />
                  </td>
                )}
                <td className="actions">
                  <button
                    type="button"
                    className="small"
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(r.code);
                    }}
                  >
                    Open
                  </button>
                </td>
              </tr>
            );
          })}
          {below > 0 && (
            <tr className="virtual-gap" aria-hidden="true">
              <td colSpan={columns} style={{ height: below }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
