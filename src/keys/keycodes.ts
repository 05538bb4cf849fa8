// Names for physical keys (KeyboardEvent.code) for labels and messages: what this keyboard prints on the key
// where the layout map says (layout.ts), otherwise the US name.

import type { Chord } from './commands.ts';
import { typedOn } from './layout.ts';

const NAMED: Record<string, string> = {
  Space: 'Space',
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  BracketLeft: '[',
  BracketRight: ']',
  Minus: '-',
  Equal: '=',
  Slash: '/',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Backquote: '`',
  Enter: 'Enter',
  Escape: 'Esc',
  Delete: 'Delete',
  Backspace: 'Backspace',
  Tab: 'Tab',
};

/** 'Digit1' → '1', 'KeyQ' → 'Q' (on a French keyboard 'A'), 'Numpad4' → 'Num 4', 'BracketLeft' → '[' (German 'Ü'). */
export function keyLabel(code: string): string {
  const typed = /^(Digit\d|Key[A-Z]|Minus|Equal|BracketLeft|BracketRight|Backslash|Semicolon|Quote|Comma|Period|Slash|Backquote)$/.test(code)
    ? typedOn(code)
    : undefined;
  if (typed) return typed.toUpperCase();
  const named = NAMED[code];
  if (named) return named;
  const digit = /^Digit(\d)$/.exec(code);
  if (digit) return digit[1]!;
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1]!;
  const numpad = /^Numpad(\d)$/.exec(code);
  if (numpad) return `Num ${numpad[1]}`;
  return code;
}

/** Keys a marker may use: letters, digits and punctuation, which type a character on every layout. */
export function isMarkableKey(code: string): boolean {
  return /^(Digit\d|Key[A-Z]|Numpad\d|Minus|Equal|BracketLeft|BracketRight|Backslash|Semicolon|Quote|Comma|Period|Slash|Backquote)$/.test(code);
}

/** The keys of a chord as they are labelled: modifier first, then the key. */
export function chordKeys(chord: Chord): string[] {
  const key = chord.key ?? (chord.letter ? chord.letter.toUpperCase() : keyLabel(chord.code ?? ''));
  return [...(chord.mod ? [MOD_LABEL] : []), ...(chord.shift && !chord.key ? ['Shift'] : []), key];
}

/** True on macOS, where ⌘ plays the role of Ctrl in shortcuts. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD_LABEL = IS_MAC ? '⌘' : 'Ctrl';
