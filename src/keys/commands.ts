// The fixed shortcuts of the coding screen, as data (one typed table, like Excalidraw's). Marker keys
// are the remappable part and live in the key map; these stay put so muscle memory from video
// editors (J/K/L, space, arrows) always works, and the key map editor refuses to take them.

export type CommandName =
  | 'play-pause'
  | 'shuttle-back'
  | 'shuttle-stop'
  | 'shuttle-forward'
  | 'seek-back'
  | 'seek-forward'
  | 'frame-back'
  | 'frame-forward'
  | 'segment-previous'
  | 'segment-next'
  | 'mark-previous-segment'
  | 'go-start'
  | 'go-end'
  | 'note-last-mark'
  | 'note-segment'
  | 'toggle-clarity'
  | 'speed-down'
  | 'speed-up'
  | 'undo'
  | 'redo'
  | 'open-ratings'
  | 'show-keys';

/**
 * One way to press a command. `code` is the physical key; `key` matches the typed character instead,
 * for symbols that sit in different places on different layouts; `letter` is a shortcut named by its
 * letter, as printed (Ctrl+Z is where the layout puts Z: KeyY on a German keyboard, KeyW on a French one),
 * falling back to the US position on a layout that types no Latin letters. `mod` is Ctrl (⌘ on a Mac).
 */
export interface Chord {
  code?: string;
  key?: string;
  letter?: string;
  shift?: boolean;
  mod?: boolean;
}

export interface CommandDef {
  label: string;
  group: 'Playback' | 'Segments' | 'Editing' | 'Screens';
  chords: Chord[];
}

export const COMMANDS: Record<CommandName, CommandDef> = {
  'play-pause': { label: 'Play / pause', group: 'Playback', chords: [{ code: 'Space' }] },
  'shuttle-back': { label: 'Rewind (press again: faster)', group: 'Playback', chords: [{ code: 'KeyJ' }] },
  'shuttle-stop': { label: 'Stop', group: 'Playback', chords: [{ code: 'KeyK' }] },
  'shuttle-forward': { label: 'Play forward (press again: faster)', group: 'Playback', chords: [{ code: 'KeyL' }] },
  'seek-back': { label: 'Back 5 seconds', group: 'Playback', chords: [{ code: 'ArrowLeft' }] },
  'seek-forward': { label: 'Forward 5 seconds', group: 'Playback', chords: [{ code: 'ArrowRight' }] },
  'frame-back': { label: 'Back one frame', group: 'Playback', chords: [{ code: 'ArrowLeft', shift: true }] },
  'frame-forward': { label: 'Forward one frame', group: 'Playback', chords: [{ code: 'ArrowRight', shift: true }] },
  'speed-down': { label: 'Slower (down to 0.5×)', group: 'Playback', chords: [{ code: 'Minus' }] },
  'speed-up': { label: 'Faster (up to 2×)', group: 'Playback', chords: [{ code: 'Equal' }] },
  'segment-previous': { label: 'Start of this segment; again: previous segment', group: 'Segments', chords: [{ code: 'BracketLeft' }] },
  'segment-next': { label: 'Start of the next segment', group: 'Segments', chords: [{ code: 'BracketRight' }] },
  'mark-previous-segment': {
    label: 'Just after a segment’s end: the next mark goes into the segment before, at its last second',
    group: 'Segments',
    chords: [{ code: 'Backquote' }],
  },
  'go-start': { label: 'Start of the recording', group: 'Playback', chords: [{ code: 'Home' }] },
  'go-end': { label: 'End of the recording', group: 'Playback', chords: [{ code: 'End' }] },
  'note-last-mark': { label: 'Write a note on the last mark (Enter or Esc goes back)', group: 'Editing', chords: [{ code: 'KeyN' }] },
  'note-segment': { label: 'Write the note of this segment', group: 'Editing', chords: [{ code: 'KeyN', shift: true }] },
  'toggle-clarity': { label: 'The last mark: check ↔ check-minus', group: 'Editing', chords: [{ code: 'KeyM' }] },
  undo: { label: 'Undo the last change to marks', group: 'Editing', chords: [{ letter: 'z', mod: true }] },
  redo: {
    label: 'Redo',
    group: 'Editing',
    chords: [
      { letter: 'z', mod: true, shift: true },
      { letter: 'y', mod: true },
    ],
  },
  'open-ratings': { label: 'Go to the global ratings', group: 'Screens', chords: [{ code: 'Enter', mod: true }] },
  'show-keys': { label: 'Show or hide this list of keys', group: 'Screens', chords: [{ key: '?', shift: true }] },
};

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The physical key a '?'-style chord sits on with a US layout, to spot clashes with marker keys. */
const KEY_HOME: Record<string, string> = { '?': 'Slash' };

/** The physical key a chord uses, if it has one. */
function chordCode(chord: Chord): string | undefined {
  if (chord.letter) return `Key${chord.letter.toUpperCase()}`;
  return chord.code ?? (chord.key ? KEY_HOME[chord.key] : undefined);
}

/** The command that owns a bare key (with or without shift): a marker on that key would clash with it. */
export function commandOnKey(code: string): CommandName | null {
  return COMMAND_NAMES.find((name) => COMMANDS[name].chords.some((c) => !c.mod && chordCode(c) === code)) ?? null;
}
