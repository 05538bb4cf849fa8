// Any keyboard: undo and redo follow the letter printed on the key (event.key), marker keys stay physical
// (event.code), and key labels show what this keyboard prints, from its layout map, US names without one.
// The key events are those a German (QWERTZ) or French (AZERTY) keyboard sends.

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useKeyboardLayout } from '../../src/keys/layout.ts';
import { useCoding } from '../../src/state/coding.ts';
import { openTestStudy, renderCodingScreen, useTestStudies } from './support.ts';

const studies = useTestStudies(openTestStudy);

/** What Chromium's getLayoutMap gives for the keys that differ from US on each layout (unshifted characters). */
const QWERTZ = new Map([
  ['KeyY', 'z'],
  ['KeyZ', 'y'],
  ['BracketLeft', 'ü'],
  ['Semicolon', 'ö'],
]);
const AZERTY = new Map([
  ['KeyQ', 'a'],
  ['KeyA', 'q'],
  ['KeyW', 'z'],
  ['KeyZ', 'w'],
  ['Digit1', '&'],
]);

function withLayout(layout: Map<string, string> | null) {
  Object.defineProperty(navigator, 'keyboard', {
    configurable: true,
    value: layout ? { getLayoutMap: () => Promise.resolve(layout) } : undefined,
  });
}

afterEach(() => {
  withLayout(null);
  useKeyboardLayout.setState({ typed: new Map() });
});

/** A key press as the keyboard sends it: `code` is where the key is, `key` what it types there. */
const press = (code: string, key: string, mods: { ctrl?: boolean; shift?: boolean } = {}) =>
  act(() => {
    fireEvent.keyDown(document.body, { code, key, ctrlKey: mods.ctrl ?? false, shiftKey: mods.shift ?? false });
  });

const codes = () => useCoding.getState().view?.marks.map((m) => m.code) ?? [];

async function codingScreen(layout: Map<string, string> | null) {
  withLayout(layout);
  await studies.open({ segmentSeconds: 120 });
  await renderCodingScreen();
}

describe('undo and redo on any keyboard', () => {
  it('German QWERTZ: Ctrl+Z as printed (the key US calls Y) undoes, Ctrl+Shift+Z redoes', async () => {
    await codingScreen(QWERTZ);
    press('KeyQ', 'q');
    await waitFor(() => expect(codes()).toEqual(['C1']));
    press('KeyY', 'z', { ctrl: true });
    await waitFor(() => expect(codes()).toEqual([]));
    press('KeyY', 'Z', { ctrl: true, shift: true });
    await waitFor(() => expect(codes()).toEqual(['C1']));
  });

  it('French AZERTY: Ctrl+Z as printed (the key US calls W) undoes, Ctrl+Y redoes, and the key printed A still marks C1', async () => {
    await codingScreen(AZERTY);
    press('KeyQ', 'a');
    await waitFor(() => expect(codes()).toEqual(['C1']));
    press('KeyW', 'z', { ctrl: true });
    await waitFor(() => expect(codes()).toEqual([]));
    press('KeyY', 'y', { ctrl: true });
    await waitFor(() => expect(codes()).toEqual(['C1']));
  });

  it('a layout that types no Latin letters undoes with the key in the US Z position', async () => {
    await codingScreen(null);
    press('KeyQ', 'й');
    await waitFor(() => expect(codes()).toEqual(['C1']));
    press('KeyZ', 'я', { ctrl: true });
    await waitFor(() => expect(codes()).toEqual([]));
  });
});

describe('key labels as the keyboard prints them', () => {
  /** The key cap in the scoresheet row of `code`. */
  const rowKey = (code: string) =>
    [...document.querySelectorAll('th.row-head')].find((th) => th.querySelector('.row-code')?.textContent === code)?.querySelector('kbd')
      ?.textContent;

  it('QWERTZ: C6’s key (right of T) is labelled Z; the overlay’s undo says Ctrl Z and [ shows as Ü', async () => {
    await codingScreen(QWERTZ);
    await waitFor(() => expect(rowKey('C6')).toBe('Z'));
    expect(rowKey('C1')).toBe('Q');
    fireEvent.keyDown(document.body, { code: 'Slash', key: '?', shiftKey: true });
    const overlay = await screen.findByRole('dialog', { name: 'Keys' });
    const row = (label: string) => within(overlay).getByText(label).closest('.keys-row')!.querySelector('dt')!.textContent;
    expect(row('Undo the last change to marks')).toBe('CtrlZ');
    expect(row('Start of this segment; again: previous segment')).toBe('Ü');
    // The key that sends the next mark back into the previous segment is listed with the others.
    expect(row('Just after a segment’s end: the next mark goes into the segment before, at its last second')).toBe('`');
  });

  it('AZERTY: C1’s key is labelled A, C2’s Z, R1’s Q and W1’s &', async () => {
    await codingScreen(AZERTY);
    await waitFor(() => expect(rowKey('C1')).toBe('A'));
    expect(rowKey('R1')).toBe('Q');
    expect(rowKey('C2')).toBe('Z');
    expect(rowKey('W1')).toBe('&');
  });

  it('without a layout map the US names stay', async () => {
    await codingScreen(null);
    expect(rowKey('C1')).toBe('Q');
    expect(rowKey('C6')).toBe('Y');
  });
});
