import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useCoding } from '../../src/state/coding.ts';
import { usePlayer } from '../../src/state/player.ts';
import { useKeymap } from '../../src/state/keymap.ts';
import { openTestStudy, RECORDING, renderCodingScreen, scheme, spyOnChannel, useTestStudies, type OpenStudy, type StudySetup } from './support.ts';

const studies = useTestStudies(openTestStudy);
let open: OpenStudy | undefined;

/** The coding screen of a 10-minute recording cut in 2-minute segments (5 columns). */
async function codingScreen(marks: StudySetup['marks'] = []) {
  open = await studies.open({ segmentSeconds: 120, durationMs: 10 * 60_000, marks });
  return renderCodingScreen();
}

const cell = (code: string, segment: number) => screen.getByRole('cell', { name: new RegExp(`^${code} in segment ${segment}:`) });
const seekTo = (ms: number) => act(() => usePlayer.getState().seek(ms));

describe('the scoresheet grid', () => {
  it('has the 24 codes as rows in three named groups, one column per segment', async () => {
    const table = await codingScreen();
    const groups = within(table)
      .getAllByRole('rowgroup')
      .filter((g) => g.tagName === 'TBODY');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['Withdrawal', 'Confrontation', 'Resolution strategies']);
    // Each group opens with its name as a header row; the codes follow.
    const codesIn = (group: HTMLElement) =>
      within(group)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelector('.row-code')?.textContent);
    expect(groups.map((g) => within(g).getAllByRole('row')[0]!.textContent)).toEqual(['Withdrawal', 'Confrontation', 'Resolution strategies']);
    expect(codesIn(groups[0]!)).toEqual(['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7']);
    expect(codesIn(groups[1]!)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
    expect(codesIn(groups[2]!)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10']);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .slice(1)
        .map((h) => h.querySelector('.seg-number')?.textContent),
    ).toEqual(['1', '2', '3', '4', '5']);
  });

  it('shows each cell as the core tallied it: ✓ when any mark is clear, ✓− when none is, and the count above one', async () => {
    await codingScreen([
      { code: 'W2', clarity: 'check-minus', timeMs: 10_000 },
      { code: 'W2', clarity: 'check', timeMs: 50_000 },
      { code: 'W2', clarity: 'check-minus', timeMs: 100_000 },
      { code: 'C3', clarity: 'check-minus', timeMs: 130_000 },
    ]);
    expect(cell('W2', 1).textContent).toBe('✓3');
    expect(cell('W2', 1).getAttribute('aria-label')).toBe('W2 in segment 1: check, 3 marks');
    expect(cell('C3', 2).textContent).toBe('✓−');
    expect(cell('C3', 1).textContent).toBe('');
    expect(cell('W2', 2).getAttribute('aria-label')).toBe('W2 in segment 2: not marked');
  });

  it('highlights the column of the segment the playhead is in, and follows it', async () => {
    const table = await codingScreen();
    const current = () =>
      within(table)
        .getAllByRole('columnheader')
        .find((h) => h.getAttribute('aria-current') === 'true')
        ?.querySelector('.seg-number')?.textContent;
    expect(current()).toBe('1');
    seekTo(250_000);
    expect(current()).toBe('3');
    expect(cell('R4', 3).className).toContain('now');
    expect(cell('R4', 2).className).not.toContain('now');
    // The segment, its span and the time left stay in the bar at the top of the screen.
    const playhead = screen.getByRole('group', { name: 'Playhead' });
    expect(within(playhead).getByText('4:00–6:00')).toBeTruthy();
    expect(within(playhead).getByText('1:50 left')).toBeTruthy();
  });

  it('a code key marks at the playhead through marks.add, and the cell paints only when the core has answered', async () => {
    await codingScreen();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = open!.handlers['marks.add'];
    const add = spyOnChannel(open!.handlers, 'marks.add');
    add.mockImplementation(async (input) => (await gate, real(input)));
    seekTo(130_400);
    const user = userEvent.setup();

    await user.keyboard('[ShiftLeft>][KeyE][/ShiftLeft]');
    expect(add).toHaveBeenCalledWith({ recording: RECORDING, code: 'C3', clarity: 'check-minus', timeMs: 130_400 });
    expect(cell('C3', 2).textContent).toBe('');

    release();
    await screen.findByRole('cell', { name: 'C3 in segment 2: check-minus' });
    expect(cell('C3', 2).textContent).toBe('✓−');

    await user.keyboard('[KeyE]');
    expect(add).toHaveBeenLastCalledWith({ recording: RECORDING, code: 'C3', clarity: 'check', timeMs: 130_400 });
    await screen.findByRole('cell', { name: 'C3 in segment 2: check, 2 marks' });
    expect(useCoding.getState().view?.marks.map((m) => [m.code, m.clarity, m.timeMs])).toEqual([
      ['C3', 'check-minus', 130_400],
      ['C3', 'check', 130_400],
    ]);
  });

  it('ctrl+Z undoes the last mark through the core and shift+ctrl+Z brings it back', async () => {
    await codingScreen();
    const user = userEvent.setup();
    seekTo(30_000);
    await user.keyboard('[Digit1]');
    await screen.findByRole('cell', { name: 'W1 in segment 1: check' });
    await user.keyboard('[ControlLeft>][KeyZ][/ControlLeft]');
    await screen.findByRole('cell', { name: 'W1 in segment 1: not marked' });
    await user.keyboard('[ControlLeft>][ShiftLeft>][KeyZ][/ShiftLeft][/ControlLeft]');
    await screen.findByRole('cell', { name: 'W1 in segment 1: check' });
  });

  it('a click marks in the current segment; in another segment it moves the playhead there instead, as its tooltip says', async () => {
    await codingScreen();
    const user = userEvent.setup();
    const add = spyOnChannel(open!.handlers, 'marks.add');
    seekTo(60_000);
    expect(cell('R2', 3).getAttribute('title')).toMatch(/go to segment 3/);
    await user.click(cell('R2', 3));
    expect(add).not.toHaveBeenCalled();
    expect(usePlayer.getState().currentMs).toBe(240_000);
    expect(cell('R2', 3).getAttribute('title')).toMatch(/mark R2 now/);
    await user.click(cell('R2', 3));
    expect(add).toHaveBeenCalledWith({ recording: RECORDING, code: 'R2', clarity: 'check', timeMs: 240_000 });
    await screen.findByRole('cell', { name: 'R2 in segment 3: check' });
  });

  it('typing a note never marks, even with marker letters', async () => {
    await codingScreen();
    const user = userEvent.setup();
    const add = spyOnChannel(open!.handlers, 'marks.add');
    await user.click(screen.getByRole('textbox', { name: 'Note on segment 1' }));
    await user.keyboard('quite a tense start');
    expect(add).not.toHaveBeenCalled();
    await user.tab();
    await screen.findByDisplayValue('quite a tense start');
    expect(useCoding.getState().view?.scoresheet.notes).toEqual({ 0: 'quite a tense start' });
  });

  it('uses the coder’s own key map: a remapped key marks its code, and ? lists the keys in force', async () => {
    useKeymap.getState().assign(scheme, 'R10', 'KeyP');
    await codingScreen();
    const user = userEvent.setup();
    const add = spyOnChannel(open!.handlers, 'marks.add');
    await user.keyboard('[KeyP]');
    expect(add).toHaveBeenCalledWith({ recording: RECORDING, code: 'R10', clarity: 'check', timeMs: 0 });
    await user.keyboard('[KeyB]');
    expect(add).toHaveBeenCalledTimes(1);

    // user-event's US key map has no '?', so the press is fired as a browser would send it.
    fireEvent.keyDown(document.body, { key: '?', code: 'Slash', shiftKey: true });
    const keys = screen.getByRole('dialog', { name: 'Keys' });
    expect(within(keys).getByText('Therapist redirects/refocuses the patient').closest('.keys-row')?.textContent).toMatch(/^PR10/);
    expect(within(keys).getByText('Play / pause')).toBeTruthy();
    await user.keyboard('[Escape]');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
