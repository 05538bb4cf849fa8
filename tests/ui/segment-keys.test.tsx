// The marks list from the keyboard (a note on the last mark, the segment's note, the last mark's clarity), and
// notes that keep what is typed: Escape asks before discarding; a coding that cannot change shows its notes read-only.

import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { addMark, completeCoding, setRating } from '../../electron/core/coding/index.ts';
import { getScheme } from '../../electron/core/scheme/index.ts';
import { App } from '../../src/App.tsx';
import { useCoding } from '../../src/state/coding.ts';
import { usePlayer } from '../../src/state/player.ts';
import { useUi } from '../../src/state/ui.ts';
import { addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { openTestStudy, RECORDING, renderCodingScreen, unlockAs, useTestStudies } from './support.ts';

const studies = useTestStudies(openTestStudy);

async function codingScreen() {
  await studies.open({
    segmentSeconds: 120,
    marks: [
      { code: 'W1', clarity: 'check', timeMs: 30_000 },
      { code: 'C2', clarity: 'check', timeMs: 150_000 },
    ],
  });
  await renderCodingScreen();
  await screen.findByRole('list', { name: 'Marks in segment 1' });
  return userEvent.setup();
}

const marks = () => useCoding.getState().view?.marks.map((m) => ({ code: m.code, clarity: m.clarity, note: m.note })) ?? [];

describe('the marks list from the keyboard', () => {
  it('N puts the caret in the note of the mark just made; Enter saves it and the keys mark again', async () => {
    const user = await codingScreen();
    act(() => usePlayer.getState().seek(60_000));
    await user.keyboard('[KeyE]');
    await waitFor(() => expect(marks().map((m) => m.code)).toEqual(['W1', 'C3', 'C2']));
    await user.keyboard('[KeyN]');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Note on C3 at 1:00'));
    await user.keyboard('then silence{Enter}');
    await waitFor(() => expect(marks().find((m) => m.code === 'C3')?.note).toBe('then silence'));
    await user.keyboard('[KeyE]');
    await waitFor(() => expect(marks()).toHaveLength(4));
  });

  it('N with no mark made yet goes to the latest mark before the playhead, in another segment if need be', async () => {
    const user = await codingScreen();
    act(() => usePlayer.getState().seek(200_000));
    await user.keyboard('[KeyN]');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Note on C2 at 2:30'));
  });

  it('Shift+N puts the caret in the segment’s note', async () => {
    const user = await codingScreen();
    await user.keyboard('[ShiftLeft>][KeyN][/ShiftLeft]');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Note on segment 1'));
  });

  it('M switches the last mark between check and check-minus', async () => {
    const user = await codingScreen();
    act(() => usePlayer.getState().seek(40_000));
    await user.keyboard('[KeyM]');
    await waitFor(() => expect(marks()[0]).toMatchObject({ code: 'W1', clarity: 'check-minus' }));
    await user.keyboard('[KeyM]');
    await waitFor(() => expect(marks()[0]).toMatchObject({ code: 'W1', clarity: 'check' }));
  });
});

describe('notes keep what is typed', () => {
  it('Escape keeps the text and asks; typing on keeps it; a second Escape discards it', async () => {
    const user = await codingScreen();
    const note = screen.getByRole('textbox', { name: 'Note on segment 1' }) as HTMLTextAreaElement;
    await user.click(note);
    await user.keyboard('an hour of thought{Escape}');
    expect(note.value).toBe('an hour of thought');
    expect(screen.getByText(/Esc again discards your changes/)).toBeTruthy();
    await user.keyboard(', kept');
    expect(note.value).toBe('an hour of thought, kept');
    expect(screen.queryByText(/Esc again discards/)).toBeNull();
    await user.keyboard('{Escape}{Escape}');
    expect(note.value).toBe('');
  });

  it('in another coder’s coding, shown to a lead, the notes are read-only', async () => {
    const study = makeStudy(studies.tempDir(), 120);
    addTestCoder(study, 'C01');
    addTestCoder(study, 'L01', 'lead');
    addFakeRecording(study, RECORDING, 10 * 60_000);
    addMark(study.db, RECORDING, 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000, note: 'brief' }, 'C01');
    await unlockAs(study, 'L01');
    await useCoding.getState().load(RECORDING, 'C01');
    useUi.getState().show('coding', RECORDING);
    render(<App />);
    const note = (await screen.findByRole('textbox', { name: 'Note on W1 at 0:01' })) as HTMLInputElement;
    expect(note.readOnly).toBe(true);
    expect((screen.getByRole('textbox', { name: 'Note on segment 1' }) as HTMLTextAreaElement).readOnly).toBe(true);
  });

  it('in a completed coding the notes are read-only, and typing changes nothing', async () => {
    const study = makeStudy(studies.tempDir(), 120);
    addTestCoder(study, 'C01');
    addFakeRecording(study, RECORDING, 10 * 60_000);
    for (const item of getScheme('3rs-2015').ratingItems) setRating(study.db, RECORDING, 'C01', item.id, item.code ? 1 : 3, 'C01');
    completeCoding(study.db, RECORDING, 'C01', 'C01');
    await unlockAs(study, 'C01');
    await renderCodingScreen();
    const note = (await screen.findByRole('textbox', { name: 'Note on segment 1' })) as HTMLTextAreaElement;
    expect(note.readOnly).toBe(true);
    // The banner says who may reopen it: its coder until a lead has used it, a lead at any time.
    expect(
      screen.getByText(/complete and read-only\. It can be reopened under Status in the global ratings: by its coder until a lead has used it/),
    ).toBeTruthy();
    const user = userEvent.setup();
    await user.click(note);
    await user.keyboard('too late');
    expect(note.value).toBe('');
  });
});
