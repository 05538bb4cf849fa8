// What a new mark changes on the coding screen. A mark must paint within a frame of the core's answer, so
// only the grid row and the list row it changed may render again (every other row keeps its last output),
// and nothing should change before the answer. Rows are counted through the one formatting call each makes:
// the grid row's key label, the list row's time.

import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { formatMarkTime } from '../../src/format.ts';
import { keyLabel } from '../../src/keys/keycodes.ts';
import { getScheme } from '../../electron/core/scheme/index.ts';
import { usePlayer } from '../../src/state/player.ts';
import { openTestStudy, renderCodingScreen, spyOnChannel, useTestStudies, type OpenStudy } from './support.ts';

vi.mock('../../src/keys/keycodes.ts', async (original) => {
  const actual = await original<typeof import('../../src/keys/keycodes.ts')>();
  return { ...actual, keyLabel: vi.fn(actual.keyLabel) };
});

vi.mock('../../src/format.ts', async (original) => {
  const actual = await original<typeof import('../../src/format.ts')>();
  return { ...actual, formatMarkTime: vi.fn(actual.formatMarkTime) };
});

const studies = useTestStudies(openTestStudy);
const scheme = getScheme('3rs-2015');
let open: OpenStudy;

/** Segment 1 of the coding screen with marks already in it, the playhead at `ms`. */
async function codingAt(ms: number) {
  open = await studies.open({
    segmentSeconds: 120,
    marks: [
      { code: 'W2', clarity: 'check', timeMs: 10_000 },
      { code: 'C3', clarity: 'check-minus', timeMs: 20_000 },
      { code: 'R1', clarity: 'check', timeMs: 150_000 },
    ],
  });
  await renderCodingScreen();
  await screen.findByRole('list', { name: 'Marks in segment 1' });
  act(() => usePlayer.getState().seek(ms));
  vi.mocked(keyLabel).mockClear();
  vi.mocked(formatMarkTime).mockClear();
  return userEvent.setup();
}

const labelled = () => new Set(vi.mocked(keyLabel).mock.calls.map(([key]) => key));
const timed = () => vi.mocked(formatMarkTime).mock.calls.map(([ms]) => ms);

describe('a new mark on the coding screen', () => {
  it('re-renders only the grid row of its code', async () => {
    const user = await codingAt(30_000);
    await user.keyboard('[Digit1]');
    await screen.findByRole('cell', { name: 'W1 in segment 1: check' });
    // W1's row (and the reference card, now showing W1) label key 1; none of the 23 other rows rendered.
    expect(labelled()).toEqual(new Set(['Digit1']));

    vi.mocked(keyLabel).mockClear();
    await user.keyboard('[KeyE]');
    await screen.findByRole('cell', { name: 'C3 in segment 1: check, 2 marks' });
    expect(labelled()).toEqual(new Set(['KeyE']));
  });

  it('renders only its own row of the marks list, and the row it takes the highlight from', async () => {
    const user = await codingAt(30_000);
    await user.keyboard('[Digit1]');
    await screen.findByRole('cell', { name: 'W1 in segment 1: check' });
    expect(timed()).toEqual([30_000]);

    vi.mocked(formatMarkTime).mockClear();
    act(() => usePlayer.getState().seek(40_000));
    await user.keyboard('[Digit2]');
    await screen.findByRole('cell', { name: 'W2 in segment 1: check, 2 marks' });
    expect(timed().sort()).toEqual([30_000, 40_000]);
    expect(screen.getByRole('list', { name: 'Marks in segment 1' }).querySelectorAll('.mark-row.fresh')).toHaveLength(1);
  });

  it('says "Saving…" only for a write that takes a while, so a quick one changes nothing on screen before its answer', async () => {
    const user = await codingAt(30_000);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = open.handlers['marks.add'];
    spyOnChannel(open.handlers, 'marks.add').mockImplementation(async (input) => (await gate, real(input)));
    await user.keyboard('[Digit1]');
    expect(screen.queryByText('Saving…')).toBeNull();
    await screen.findByText('Saving…', {}, { timeout: 2000 });
    release();
    await screen.findByText('✓ Saved');
    expect(screen.queryByText('Saving…')).toBeNull();
  });

  it('turns the reference card to its code in the same render as the mark, so the page is laid out once for both', async () => {
    const user = await codingAt(30_000);
    const cardTitle = () => document.querySelector('aside[aria-label="Reference card"] h2')?.textContent;
    // What the card says at the moment the mark first shows in the grid.
    let cardWithMark: string | null | undefined;
    const observer = new MutationObserver(() => {
      if (cardWithMark === undefined && document.querySelector('[aria-label="W1 in segment 1: check"]')) cardWithMark = cardTitle() ?? null;
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    await user.keyboard('[Digit1]');
    await screen.findByRole('cell', { name: 'W1 in segment 1: check' });
    observer.disconnect();
    expect(cardWithMark).toBe(scheme.codes.find((c) => c.id === 'W1')!.name);
  });

  it('still moves the highlighted column with the playhead, in every row', async () => {
    await codingAt(30_000);
    act(() => usePlayer.getState().seek(130_000));
    const column = (segment: number) => screen.getAllByRole('cell', { name: new RegExp(` in segment ${segment}:`) });
    expect(column(2).every((cell) => cell.classList.contains('now'))).toBe(true);
    expect(column(1).some((cell) => cell.classList.contains('now'))).toBe(false);
    expect(column(2)).toHaveLength(24);
  });
});
