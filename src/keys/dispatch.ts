// The coding screen's key handler: a key press becomes an intent (keymap.ts), and each intent runs
// one store action, registered here by name.

import type { Scheme } from '../../electron/core/scheme/types.ts';
import { useCoding } from '../state/coding.ts';
import { useKeymap } from '../state/keymap.ts';
import { SEEK_STEP_MS, usePlayer } from '../state/player.ts';
import { useUi } from '../state/ui.ts';
import type { CommandName } from './commands.ts';
import { effectiveBindings, resolveKey, type KeyPress } from './keymap.ts';

const player = () => usePlayer.getState();

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
  // The reference card turns to the code once the core has answered, in the same frame as the grid: a
  // change painted at the keypress would take the next frame and push the mark's own paint one frame later.
  void useCoding
    .getState()
    .addMark(code, clarity, player().currentMs)
    .then(() => useUi.getState().focusCode(code));
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
  const intent = resolveKey(press, effectiveBindings(scheme, useKeymap.getState().overrides[scheme.id]));
  if (!intent) return false;
  if (intent.kind === 'mark') {
    if (!press.repeat) markNow(intent.code, intent.clarity);
    return true;
  }
  if (!press.repeat || REPEATABLE.has(intent.command)) COMMAND_ACTIONS[intent.command]();
  return true;
}

/** Text fields keep their keys: typing a note must never mark, seek or undo marks. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(target.type);
  return false;
}
