import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeymapEditor } from '../../src/components/KeymapEditor.tsx';
import { KEYMAP_STORAGE_KEY, KEYMAP_VERSION, migrateKeymap, useKeymap } from '../../src/state/keymap.ts';
import { scheme } from './support.ts';

beforeEach(() => {
  localStorage.clear();
  useKeymap.setState({ overrides: {}, conflict: null });
});

afterEach(() => cleanup());

const keyOf = (code: string) => screen.getByRole('button', { name: new RegExp(`^Key for ${code} `) });
const stored = () => JSON.parse(localStorage.getItem(KEYMAP_STORAGE_KEY) ?? 'null');

async function press(code: string, key: string) {
  const user = userEvent.setup();
  await user.click(keyOf(code));
  expect(keyOf(code).textContent).toBe('Press a key…');
  await user.keyboard(key);
  return user;
}

describe('the key map editor', () => {
  it('shows the scheme’s default keys for all 24 markers', () => {
    render(<KeymapEditor scheme={scheme} />);
    expect(scheme.codes.map((c) => keyOf(c.id).textContent)).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7'],
      ...['Q', 'W', 'E', 'R', 'T', 'Y', 'U'],
      ...['A', 'S', 'D', 'F', 'G', 'H', 'X', 'C', 'V', 'B'],
    ]);
  });

  it('remaps a marker to the physical key pressed and keeps it, with the store’s version, on this computer', async () => {
    render(<KeymapEditor scheme={scheme} />);
    await press('W1', '[KeyZ]');
    expect(keyOf('W1').textContent).toBe('Z');
    expect(stored()).toEqual({ state: { overrides: { '3rs-2015': { W1: 'KeyZ' } } }, version: KEYMAP_VERSION });
  });

  it('refuses a key another marker uses, names that marker, and can swap the two', async () => {
    render(<KeymapEditor scheme={scheme} />);
    const user = await press('W1', '[KeyQ]');
    expect(screen.getByRole('alert').textContent).toContain(
      'Q already marks C1 (Complaints/concerns about the therapist). Choose another key, or swap the two.',
    );
    expect(keyOf('W1').textContent).toBe('1');
    await user.click(screen.getByRole('button', { name: 'Swap W1 and C1' }));
    expect(keyOf('W1').textContent).toBe('Q');
    expect(keyOf('C1').textContent).toBe('1');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(stored().state.overrides['3rs-2015']).toEqual({ W1: 'KeyQ', C1: 'Digit1' });
  });

  it.each([
    ['[KeyJ]', 'J is a player key (rewind (press again: faster)) and cannot also mark.'],
    ['[BracketRight]', '] is a player key (start of the next segment) and cannot also mark.'],
    ['[Space]', 'Space is a player key (play / pause) and cannot also mark.'],
    ['[Slash]', '/ is a player key (show or hide this list of keys) and cannot also mark.'],
    ['[Enter]', 'Enter cannot mark: choose a letter, digit or punctuation key'],
  ])('refuses %s with a message saying why', async (key, message) => {
    render(<KeymapEditor scheme={scheme} />);
    await press('R1', key);
    expect(screen.getByRole('alert').textContent).toContain(message);
    expect(keyOf('R1').textContent).toBe('A');
    expect(stored()?.state.overrides ?? {}).toEqual({});
  });

  it('Escape cancels without changing anything', async () => {
    render(<KeymapEditor scheme={scheme} />);
    await press('W3', '[Escape]');
    expect(keyOf('W3').textContent).toBe('3');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('resets every marker to the scheme’s defaults', async () => {
    render(<KeymapEditor scheme={scheme} />);
    const user = await press('W1', '[KeyZ]');
    await user.click(keyOf('R10'));
    await user.keyboard('[KeyP]');
    expect([keyOf('W1').textContent, keyOf('R10').textContent]).toEqual(['Z', 'P']);
    await user.click(screen.getByRole('button', { name: 'Reset to defaults' }));
    expect([keyOf('W1').textContent, keyOf('R10').textContent]).toEqual(['1', 'B']);
    expect(stored().state.overrides).toEqual({ '3rs-2015': {} });
  });

  it('a key map stored by another version keeps its sound bindings and drops the rest', async () => {
    localStorage.setItem(
      KEYMAP_STORAGE_KEY,
      // W4 on N, a key the app has since taken for notes: W4 gets its default back rather than a key that cannot mark.
      JSON.stringify({ state: { overrides: { '3rs-2015': { W1: 'KeyZ', W2: 'F13', W3: 42, W4: 'KeyN' }, other: 'nonsense' } }, version: 1 }),
    );
    await useKeymap.persist.rehydrate();
    expect(useKeymap.getState().overrides).toEqual({ '3rs-2015': { W1: 'KeyZ' } });
    render(<KeymapEditor scheme={scheme} />);
    expect(keyOf('W1').textContent).toBe('Z');
    expect(keyOf('W2').textContent).toBe('2');
    // One from a newer app than this one is not guessed at: the defaults stand.
    expect(migrateKeymap({ overrides: { '3rs-2015': { W1: 'KeyZ' } } }, KEYMAP_VERSION + 1)).toEqual({ overrides: {} });
  });
});
