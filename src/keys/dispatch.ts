// The coding screen's key handler: a key press becomes an intent (keymap.ts), and each intent runs
// one store action, registered here by name.

import type { Mark } from '../../electron/core/api/contract.ts';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { segmentAt } from '../timeline.ts';
import { useCoding } from '../state/coding.ts';
import { useKeymap } from '../state/keymap.ts';
import { SEEK_STEP_MS, usePlayer } from '../state/player.ts';
import { useUi } from '../state/ui.ts';
import type { CommandName } from './commands.ts';
import { effectiveBindings, resolveKey, type KeyPress } from './keymap.ts';

const player = () => usePlayer.getState();

/** How long after a segment starts a mark may still be sent back into the segment before. */
export const LATE_MARK_WINDOW_MS = 10_000;

/**
 * A coder who reacts just after a boundary asks for the next mark to go into the segment before, at its last
 * second, instead of seeking back and inventing a time. Pressed again, or with Escape, it is called off.
 */
function armLateMark(): void {
  const ui = useUi.getState();
  if (ui.lateMark) {
    ui.setLateMark(null);
    return;
  }
  const { segments, segment, currentMs } = player();
  const here = segments[segment];
  const previous = segments[segment - 1];
  if (!here || !previous || currentMs - here.startMs > LATE_MARK_WINDOW_MS) {
    usePlayer.setState({
      error: `A mark can go back into the previous segment only within ${LATE_MARK_WINDOW_MS / 1000} s after a segment starts. Go to where it happened ([ goes to the segment's start) and mark there.`,
    });
    return;
  }
  ui.setLateMark({ segment: previous.index, timeMs: Math.max(previous.startMs, previous.endMs - 1000) });
}

/** The mark the coder last made, if it is still there; otherwise the latest one at or before the playhead. */
function lastMark(): Mark | undefined {
  const { view, lastMark: id } = useCoding.getState();
  const marks = view?.marks ?? [];
  const made = marks.find((m) => m.id === id);
  if (made) return made;
  const now = player().currentMs;
  return marks.filter((m) => m.timeMs <= now).at(-1);
}

/** Puts the caret in the last mark's note, bringing its segment under the playhead first so its row is shown. */
function noteOnLastMark(): void {
  const mark = lastMark();
  if (!mark) {
    usePlayer.setState({ error: 'There is no mark to write a note on yet: mark first, then press N.' });
    return;
  }
  const { segments, segment } = player();
  if (segmentAt(segments, mark.timeMs) !== segment) player().seek(mark.timeMs);
  useUi.getState().requestNote('mark', mark.id);
}

function toggleLastClarity(): void {
  const mark = lastMark();
  if (mark) void useCoding.getState().setClarity(mark.id, mark.clarity === 'check' ? 'check-minus' : 'check');
}

const COMMAND_ACTIONS: Record<CommandName, () => void> = {
  'play-pause': () => player().togglePlay(),
  'shuttle-back': () => player().shuttleBack(),
  'shuttle-stop': () => player().stop(),
  'shuttle-forward': () => player().shuttleForward(),
  'seek-back': () => player().seekBy(-SEEK_STEP_MS),
  'seek-forward': () => player().seekBy(SEEK_STEP_MS),
  'frame-back': () => player().stepFrames(-1),
  'frame-forward': () => player().stepFrames(1),
  'segment-previous': () => player().previousSegment(),
  'segment-next': () => player().nextSegment(),
  'mark-previous-segment': armLateMark,
  'go-start': () => player().seek(0),
  'go-end': () => player().seek(player().durationMs),
  'note-last-mark': noteOnLastMark,
  'note-segment': () => useUi.getState().requestNote('segment'),
  'toggle-clarity': toggleLastClarity,
  'speed-down': () => player().nudgeRate(-1),
  'speed-up': () => player().nudgeRate(1),
  undo: () => void useCoding.getState().undo(),
  redo: () => void useCoding.getState().redo(),
  'open-ratings': () => useUi.getState().openRatings(),
  'show-keys': () => useUi.getState().toggleKeys(),
};

/** Commands that may repeat while the key is held (seeking, stepping); marks and toggles never do. */
const REPEATABLE = new Set<CommandName>(['seek-back', 'seek-forward', 'frame-back', 'frame-forward']);

/** Marks `code` where the playhead is and shows its reference card. */
export function markNow(code: string, clarity: 'check' | 'check-minus'): void {
  const late = useUi.getState().lateMark;
  if (late) useUi.getState().setLateMark(null);
  // The reference card turns to the code once the core has answered, in the same render as the grid: a
  // change painted at the keypress would take the next frame and push the mark's own paint one frame later,
  // and one made after the mark is painted would render and lay the page out a second time before that frame.
  void useCoding.getState().addMark(code, clarity, late ? late.timeMs : player().currentMs, () => useUi.getState().focusCode(code));
}

/** Handles a key press on the coding screen; true when it was ours (the caller then prevents the default). */
export function handleCodingKey(press: KeyPress & { repeat: boolean }, scheme: Scheme): boolean {
  const ui = useUi.getState();
  if (ui.overlay !== null) {
    if (press.code === 'Escape' || press.key === '?') {
      ui.closeOverlay();
      return true;
    }
    return false;
  }
  if (press.code === 'Escape' && ui.lateMark) {
    ui.setLateMark(null);
    return true;
  }
  const intent = resolveKey(press, effectiveBindings(scheme, useKeymap.getState().overrides[scheme.id]));
  if (!intent) return false;
  if (intent.kind === 'mark') {
    if (!press.repeat) markNow(intent.code, intent.clarity);
    return true;
  }
  if (!press.repeat || REPEATABLE.has(intent.command)) COMMAND_ACTIONS[intent.command]();
  return true;
}

/**
 * Text fields keep their keys: typing a note must never mark, seek or undo marks. Every other control gives
 * them back, a select included (its type-ahead would swallow marker keys): it keeps only ↑/↓ (see Player.tsx).
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(target.type);
  return false;
}
