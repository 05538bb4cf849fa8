// The README's key list for newcomers is the key map's data as it stands: a key changed in src/keys/ or in the
// scheme fails here until the README says the same.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getScheme } from '../../electron/core/scheme/index.ts';
import { COMMANDS, COMMAND_NAMES, type Chord } from '../../src/keys/commands.ts';
import { keyLabel } from '../../src/keys/keycodes.ts';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const scheme = getScheme('3rs-2015');

/** A chord as the README writes it (Ctrl for the platform's modifier, as on Linux and Windows): Ctrl+Shift+Z. */
function written(chord: Chord): string {
  const { code, key, letter, shift, mod } = chord as Chord & { letter?: string };
  const main = key ?? (letter ? letter.toUpperCase() : keyLabel(code ?? ''));
  return [...(mod ? ['Ctrl'] : []), ...(shift && !key ? ['Shift'] : []), main].join('+');
}

describe('the README’s keys of the coding screen', () => {
  it('name each marker category’s default keys in the scheme’s order', () => {
    for (const category of ['withdrawal', 'confrontation', 'resolution']) {
      const codes = scheme.codes.filter((c) => c.category === category);
      const cell = `| ${codes[0]!.id}–${codes.at(-1)!.id} (${category}) | ${codes.map((c) => keyLabel(c.defaultKey)).join(' ')} |`;
      expect(README, cell).toContain(cell);
    }
  });

  it('list every command of the coding screen with its keys and what it does', () => {
    for (const name of COMMAND_NAMES) {
      const { label, chords } = COMMANDS[name];
      const row = `| ${chords.map(written).join(' or ')} | ${label} |`;
      expect(README, name).toContain(row);
    }
  });

  it('come before how the app is built', () => {
    expect(README.indexOf('## Using 3RS Station')).toBeGreaterThan(0);
    expect(README.indexOf('## Using 3RS Station')).toBeLessThan(README.indexOf('## How it is built'));
    expect(README.indexOf('## Using 3RS Station')).toBeLessThan(README.indexOf('## The `3rs` command line'));
  });
});
