import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useCoding } from '../../src/state/coding.ts';
import { usePlayer } from '../../src/state/player.ts';
import { useUi } from '../../src/state/ui.ts';
import { openTestStudy, RECORDING, renderCodingScreen, useTestStudies, type OpenStudy } from './support.ts';

const studies = useTestStudies(openTestStudy);
let open: OpenStudy | undefined;

async function segmentTwo() {
  open = await studies.open({
    segmentSeconds: 120,
    marks: [
      { code: 'W1', clarity: 'check', timeMs: 30_000 },
      { code: 'C2', clarity: 'check', timeMs: 150_000 },
      { code: 'R1', clarity: 'check-minus', timeMs: 200_000 },
    ],
  });
  await renderCodingScreen();
  act(() => usePlayer.getState().seek(130_000));
  return { user: userEvent.setup(), list: () => screen.getByRole('list', { name: 'Marks in segment 2' }) };
}

const stored = async () => {
  const view = await open!.handlers['coding.view']({ recording: RECORDING });
  return view.ok ? view.value.marks.map((m) => ({ code: m.code, clarity: m.clarity, note: m.note })) : null;
};

describe('the marks of the current segment', () => {
  it('lists only the marks in the playhead’s segment, by time', async () => {
    const { list } = await segmentTwo();
    expect(
      within(list())
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.mark-time')?.textContent + ' ' + li.querySelector('.chip')?.textContent),
    ).toEqual(['2:30 C2', '3:20 R1']);
  });

  it('jumps to a mark’s time', async () => {
    const { user, list } = await segmentTwo();
    await user.click(within(list()).getByRole('button', { name: '3:20' }));
    expect(usePlayer.getState().currentMs).toBe(200_000);
  });

  it('switches a mark between check and check-minus through the core', async () => {
    const { user, list } = await segmentTwo();
    await user.click(within(list()).getByRole('button', { name: 'C2 at 2:30 is check; make it check-minus' }));
    await within(list()).findByRole('button', { name: 'C2 at 2:30 is check-minus; make it check' });
    expect(screen.getByRole('cell', { name: 'C2 in segment 2: check-minus' })).toBeTruthy();
    expect((await stored())?.find((m) => m.code === 'C2')?.clarity).toBe('check-minus');
  });

  it('saves a note on a mark when the coder presses Enter, and the core’s note is shown', async () => {
    const { user, list } = await segmentTwo();
    const note = within(list()).getByRole('textbox', { name: 'Note on R1 at 3:20' });
    await user.click(note);
    await user.keyboard('refers to the rupture last week{Enter}');
    await waitFor(async () => expect((await stored())?.find((m) => m.code === 'R1')?.note).toBe('refers to the rupture last week'));
    expect((within(list()).getByRole('textbox', { name: 'Note on R1 at 3:20' }) as HTMLInputElement).value).toBe('refers to the rupture last week');
  });

  it('deletes a mark, and undo brings it back', async () => {
    const { user, list } = await segmentTwo();
    await user.click(within(list()).getByRole('button', { name: 'Delete C2 at 2:30' }));
    await screen.findByRole('cell', { name: 'C2 in segment 2: not marked' });
    expect(within(list()).getAllByRole('listitem')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByRole('cell', { name: 'C2 in segment 2: check' });
    expect(within(list()).getAllByRole('listitem')).toHaveLength(2);
  });

  it('shows the reference card of the code just marked', async () => {
    const { user } = await segmentTwo();
    await user.keyboard('[KeyR]');
    const card = screen.getByRole('complementary', { name: 'Reference card' });
    expect(within(card).getByRole('heading', { name: 'Complaints/concerns about the parameters of therapy' })).toBeTruthy();
    expect(within(card).getByText('Not to be confused with')).toBeTruthy();
    expect(useUi.getState().focusedCode).toBe('C4');
    await waitFor(() => expect(useCoding.getState().view?.marks).toHaveLength(4));
  });
});
