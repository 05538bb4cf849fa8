// Marker keys as data: the scheme's default key per code, overlaid by the coder's own choices, and
// the rules for a new choice (one key per marker, never a player key, only keys that type a character).

import type { Clarity, Scheme } from '../../electron/core/scheme/types.ts';
import { COMMANDS, COMMAND_NAMES, commandOnKey, type Chord, type CommandName } from './commands.ts';
import { isMarkableKey, keyLabel } from './keycodes.ts';

/** Code id → KeyboardEvent.code. */
export type Bindings = Record<string, string>;

export type Conflict =
  | { kind: 'command'; key: string; command: CommandName }
  | { kind: 'marker'; key: string; code: string; name: string }
  | { kind: 'unusable'; key: string };

export function defaultBindings(scheme: Scheme): Bindings {
  return Object.fromEntries(scheme.codes.map((c) => [c.id, c.defaultKey]));
}

/** The keys in force: the scheme's defaults, with the coder's overrides for codes the scheme has. */
export function effectiveBindings(scheme: Scheme, overrides: Bindings | undefined): Bindings {
  const bindings = defaultBindings(scheme);
  for (const [code, key] of Object.entries(overrides ?? {})) if (code in bindings) bindings[code] = key;
  return bindings;
}

/** Why `key` cannot be given to marker `code`, or null when it can. */
export function conflictFor(scheme: Scheme, bindings: Bindings, code: string, key: string): Conflict | null {
  const command = commandOnKey(key);
  if (command) return { kind: 'command', key, command };
  if (!isMarkableKey(key)) return { kind: 'unusable', key };
  const holder = Object.entries(bindings).find(([other, bound]) => other !== code && bound === key)?.[0];
  if (holder) return { kind: 'marker', key, code: holder, name: scheme.codes.find((c) => c.id === holder)?.name ?? holder };
  return null;
}

export function describeConflict(conflict: Conflict): string {
  const key = keyLabel(conflict.key);
  switch (conflict.kind) {
    case 'unusable':
      return `${key} cannot mark: choose a letter, digit or punctuation key (shift + the key gives check-minus).`;
    case 'command':
      return `${key} is a player key (${COMMANDS[conflict.command].label.toLowerCase()}) and cannot also mark. Choose another key.`;
    case 'marker':
      return `${key} already marks ${conflict.code} (${conflict.name}). Choose another key, or swap the two.`;
  }
}

/** What a key press on the coding screen asks for. */
export type KeyIntent = { kind: 'command'; command: CommandName } | { kind: 'mark'; code: string; clarity: Clarity };

export interface KeyPress {
  code: string;
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The Latin letter a press typed, or null on a layout (Cyrillic, Greek…) whose key types another script. */
const typedLetter = (press: KeyPress): string | null => (/^[a-z]$/i.test(press.key) ? press.key.toLowerCase() : null);

const matches = (chord: Chord, press: KeyPress): boolean => {
  const mod = press.ctrlKey || press.metaKey;
  if (Boolean(chord.mod) !== mod || press.altKey) return false;
  if (chord.key !== undefined) return press.key === chord.key;
  if (chord.letter !== undefined) {
    const letter = typedLetter(press) ?? (/^Key[A-Z]$/.test(press.code) ? press.code.slice(3).toLowerCase() : null);
    return letter === chord.letter && Boolean(chord.shift) === press.shiftKey;
  }
  return chord.code === press.code && Boolean(chord.shift) === press.shiftKey;
};

/** Commands first (they own their keys), then markers: the bare key checks, with shift it check-minuses. */
export function resolveKey(press: KeyPress, bindings: Bindings): KeyIntent | null {
  const command = COMMAND_NAMES.find((name) => COMMANDS[name].chords.some((c) => matches(c, press)));
  if (command) return { kind: 'command', command };
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const code = Object.keys(bindings).find((id) => bindings[id] === press.code);
  return code ? { kind: 'mark', code, clarity: press.shiftKey ? 'check-minus' : 'check' } : null;
}
