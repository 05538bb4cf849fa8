import { memo, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Mark, Scheme } from '../../electron/core/api/contract.ts';
import type { CodeDef } from '../../electron/core/scheme/types.ts';
import { formatDuration, formatMarkTime } from '../format.ts';
import { MOD_LABEL } from '../keys/keycodes.ts';
import { ratingsLock } from '../keys/ratings.ts';
import { useCoding } from '../state/coding.ts';
import { usePlayer } from '../state/player.ts';
import { useUi } from '../state/ui.ts';
import { segmentAt } from '../timeline.ts';
import { ClarityGlyph, CodeChip } from './Glyphs.tsx';
import { NoteField } from './NoteField.tsx';
import './SegmentPanel.css';

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
const MarkRow = memo(function MarkRow({ mark, code, fresh, readOnly }: { mark: Mark; code: CodeDef | undefined; fresh: boolean; readOnly: boolean }) {
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
    <li ref={row} className={`mark-row${fresh ? ' fresh' : ''}`} data-mark={mark.id} onMouseEnter={() => focusCode(mark.code)}>
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
        title={`Make it ${other} (M: the last mark)`}
        disabled={readOnly}
      >
        <ClarityGlyph clarity={mark.clarity} />
      </button>
      <NoteField
        key={mark.note}
        label={`Note on ${mark.code} at ${time}`}
        value={mark.note}
        placeholder={readOnly ? '' : 'Note'}
        readOnly={readOnly}
        onSave={(note) => setMarkNote(mark.id, note)}
      />
      <button
        type="button"
        className="mark-delete"
        disabled={readOnly}
        onClick={() => void deleteMark(mark.id)}
        aria-label={`Delete ${mark.code} at ${time}`}
        title="Delete this mark"
      >
        <span aria-hidden="true">✕</span>
      </button>
    </li>
  );
});

const NO_MARKS: Mark[] = [];

/** How much of the segment has been played forward, and whether that counts as watched. */
function PlayedShare({ index }: { index: number }) {
  const share = useCoding((s) => s.view?.played[index] ?? 0);
  const watched = useCoding((s) => s.view?.watched.includes(index) ?? false);
  const percent = Math.floor(share * 100);
  return (
    <span
      className={`played-share${watched ? ' watched' : ''}`}
      title="Share of this segment played forward (seeks and skips do not count); 90 % counts as watched"
    >
      {percent} % played{watched ? ' · watched' : ''}
    </span>
  );
}

/** Puts the caret in the note the coder asked for from the keyboard (N, Shift+N), once its field is on screen. */
function useNoteRequest(section: RefObject<HTMLElement | null>, marks: readonly Mark[]): void {
  const request = useUi((s) => s.noteRequest);
  const handled = useRef(request?.seq ?? 0);
  useEffect(() => {
    if (!request || request.seq === handled.current || !section.current) return;
    const selector = request.target === 'segment' ? 'textarea.note' : `[data-mark="${request.mark}"] .note`;
    const field = section.current.querySelector<HTMLElement>(selector);
    if (!field) return;
    handled.current = request.seq;
    field.focus();
  }, [request, marks, section]);
}

/** The current segment's marks (jump, clarity, note, delete), undo/redo and the segment's note. */
export function SegmentPanel({ scheme }: { scheme: Scheme }) {
  const section = useRef<HTMLElement>(null);
  const readOnly = useCoding((s) => ratingsLock(s) !== null);
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
  const marks = all && segments && segment ? all.filter((m) => segmentAt(segments, m.timeMs) === segment.index) : NO_MARKS;
  useNoteRequest(section, marks);
  if (!segment || !all || !segments) return null;
  const codes = new Map(scheme.codes.map((c) => [c.id, c]));
  return (
    <section ref={section} className="panel segment-panel" aria-labelledby="segment-marks-heading">
      <div className="panel-head">
        <h2 id="segment-marks-heading">
          Segment {segment.index + 1}{' '}
          <span className="muted">
            {formatDuration(segment.startMs)}–{formatDuration(segment.endMs)}
          </span>{' '}
          <PlayedShare index={segment.index} />
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
            <MarkRow key={m.id} mark={m} code={codes.get(m.code)} fresh={m.id === lastMark} readOnly={readOnly} />
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
        placeholder={readOnly ? '' : `Note on segment ${segment.index + 1} (saved when you leave the field)`}
        multiline
        readOnly={readOnly}
        onSave={(text) => setSegmentNote(segment.index, text)}
      />
    </section>
  );
}
