import { memo, useLayoutEffect, useRef } from 'react';
import type { Mark, Scheme } from '../../electron/core/api/contract.ts';
import type { CodeDef } from '../../electron/core/scheme/types.ts';
import { formatDuration, formatMarkTime } from '../format.ts';
import { MOD_LABEL } from '../keys/keycodes.ts';
import { useCoding } from '../state/coding.ts';
import { usePlayer } from '../state/player.ts';
import { useUi } from '../state/ui.ts';
import { segmentAt } from '../timeline.ts';
import { ClarityGlyph, CodeChip } from './Glyphs.tsx';
import { NoteField } from './NoteField.tsx';

/**
 * Scrolls the list of marks, and only it, so that the row is in sight: the mark just made is seen in the list
 * even when the segment holds more marks than the list has room for.
 */
function scrollIntoList(row: HTMLElement): void {
  const list = row.parentElement;
  if (!list) return;
  const view = list.getBoundingClientRect();
  const box = row.getBoundingClientRect();
  if (box.bottom > view.bottom) list.scrollTop += Math.ceil(box.bottom - view.bottom);
  else if (box.top < view.top) list.scrollTop -= Math.ceil(view.top - box.top);
}

/** One mark; the coding store keeps an unchanged mark's object, so a new mark renders only its own row (and the last one's). */
const MarkRow = memo(function MarkRow({ mark, code, fresh }: { mark: Mark; code: CodeDef | undefined; fresh: boolean }) {
  const seek = usePlayer((s) => s.seek);
  const setClarity = useCoding((s) => s.setClarity);
  const setMarkNote = useCoding((s) => s.setMarkNote);
  const deleteMark = useCoding((s) => s.deleteMark);
  const focusCode = useUi((s) => s.focusCode);
  const time = formatMarkTime(mark.timeMs);
  const other = mark.clarity === 'check' ? 'check-minus' : 'check';
  const row = useRef<HTMLLIElement>(null);
  // Before the browser paints: the mark and the scroll that shows it go out in the same frame. (Scrolling
  // from a requestAnimationFrame instead cost the bench 8 ms at p95, its keypress → mark painted.)
  useLayoutEffect(() => {
    if (fresh && row.current) scrollIntoList(row.current);
  }, [fresh]);
  return (
    <li ref={row} className={`mark-row${fresh ? ' fresh' : ''}`} onMouseEnter={() => focusCode(mark.code)}>
      <button type="button" className="mark-time" onClick={() => seek(mark.timeMs)} title="Go to this mark">
        {time}
      </button>
      <CodeChip code={mark.code} category={mark.category} />
      <span className="mark-name" title={code?.name}>
        {code?.shortName ?? mark.code}
      </span>
      <button
        type="button"
        className="mark-clarity"
        onClick={() => void setClarity(mark.id, other)}
        aria-label={`${mark.code} at ${time} is ${mark.clarity}; make it ${other}`}
        title={`Make it ${other}`}
      >
        <ClarityGlyph clarity={mark.clarity} />
      </button>
      <NoteField key={mark.note} label={`Note on ${mark.code} at ${time}`} value={mark.note} placeholder="Note" onSave={(note) => setMarkNote(mark.id, note)} />
      <button type="button" className="mark-delete" onClick={() => void deleteMark(mark.id)} aria-label={`Delete ${mark.code} at ${time}`} title="Delete this mark">
        <span aria-hidden="true">✕</span>
      </button>
    </li>
  );
});

/** The current segment's marks (jump, clarity, note, delete), undo/redo and the segment's note. */
export function SegmentPanel({ scheme }: { scheme: Scheme }) {
  const segment = usePlayer((s) => s.segments[s.segment]);
  const all = useCoding((s) => s.view?.marks);
  const segments = useCoding((s) => s.view?.scoresheet.segments);
  const note = useCoding((s) => (segment && s.view?.scoresheet.notes[segment.index]) || '');
  const canUndo = useCoding((s) => s.view?.canUndo ?? false);
  const canRedo = useCoding((s) => s.view?.canRedo ?? false);
  const lastMark = useCoding((s) => s.lastMark);
  const undo = useCoding((s) => s.undo);
  const redo = useCoding((s) => s.redo);
  const setSegmentNote = useCoding((s) => s.setSegmentNote);
  if (!segment || !all || !segments) return null;
  const marks = all.filter((m) => segmentAt(segments, m.timeMs) === segment.index);
  const codes = new Map(scheme.codes.map((c) => [c.id, c]));
  return (
    <section className="panel segment-panel" aria-labelledby="segment-marks-heading">
      <div className="panel-head">
        <h2 id="segment-marks-heading">
          Segment {segment.index + 1} <span className="muted">{formatDuration(segment.startMs)}–{formatDuration(segment.endMs)}</span>
        </h2>
        <div className="undo-redo">
          <button type="button" className="small" onClick={() => void undo()} disabled={!canUndo} title={`Undo (${MOD_LABEL}+Z)`}>
            Undo
          </button>
          <button type="button" className="small" onClick={() => void redo()} disabled={!canRedo} title={`Redo (${MOD_LABEL}+Shift+Z)`}>
            Redo
          </button>
        </div>
      </div>
      {marks.length === 0 ? (
        <p className="empty small">No marks in this segment yet. Press a code’s key while the video plays; Shift+key for check-minus.</p>
      ) : (
        <ol className="marks" aria-label={`Marks in segment ${segment.index + 1}`}>
          {marks.map((m) => (
            <MarkRow key={m.id} mark={m} code={codes.get(m.code)} fresh={m.id === lastMark} />
          ))}
        </ol>
      )}
      <p className="note-caption" aria-hidden="true">
        Segment note
      </p>
      <NoteField
        key={`${segment.index}:${note}`}
        label={`Note on segment ${segment.index + 1}`}
        value={note}
        placeholder={`Note on segment ${segment.index + 1} (saved when you leave the field)`}
        multiline
        onSave={(text) => setSegmentNote(segment.index, text)}
      />
    </section>
  );
}
