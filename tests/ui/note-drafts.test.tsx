import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { codingView } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { usePlayer } from '../../src/state/player.ts';
import { useStudy } from '../../src/state/study.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import { openTestStudy, RECORDING, renderCodingScreen, spyOnChannel, useTestStudies, type OpenStudy } from './support.ts';

const studies = useTestStudies(openTestStudy);
let open: OpenStudy | undefined;

/** The coding screen in segment 1 of five 2-minute segments, with one mark to note on. */
async function codingScreen() {
  open = await studies.open({ segmentSeconds: 120, marks: [{ code: 'W1', clarity: 'check', timeMs: 30_000 }] });
  await renderCodingScreen();
  return userEvent.setup();
}

/** The notes as the study file holds them, read with the study closed by the app. */
function notesOnDisk(): { segment: Record<number, string>; marks: string[] } {
  const study = openStudy(open!.path, PASSPHRASE);
  try {
    const view = codingView(study.db, RECORDING, 'C01');
    return { segment: view.scoresheet.notes, marks: view.marks.map((m) => m.note) };
  } finally {
    closeStudy(study);
  }
}

const storedSegmentNotes = async () => {
  const view = await open!.handlers['coding.view']({ recording: RECORDING });
  return view.ok ? view.value.scoresheet.notes : null;
};

describe('a note being typed is never lost', () => {
  it('a segment note is saved when the playhead moves on to the next segment while the coder types', async () => {
    const user = await codingScreen();
    await user.click(screen.getByRole('textbox', { name: 'Note on segment 1' }));
    await user.keyboard('client looks away when the topic turns to work');
    act(() => usePlayer.getState().seek(125_000));
    await screen.findByRole('textbox', { name: 'Note on segment 2' });
    await waitFor(async () => expect(await storedSegmentNotes()).toEqual({ 0: 'client looks away when the topic turns to work' }));
  });

  it('the notes being typed are saved when the study locks, as an idle lock does', async () => {
    const user = await codingScreen();
    await user.click(screen.getByRole('textbox', { name: 'Note on W1 at 0:30' }));
    await user.keyboard('brief, then silence');
    await act(() => useStudy.getState().lock());
    expect(useStudy.getState().error).toBeNull();
    expect(notesOnDisk()).toEqual({ segment: {}, marks: ['brief, then silence'] });
  });

  it('Escape, confirmed by a second Escape, puts back the saved note and saves nothing', async () => {
    const user = await codingScreen();
    const note = screen.getByRole('textbox', { name: 'Note on segment 1' });
    await user.click(note);
    await user.keyboard('not this{Escape}{Escape}');
    expect((note as HTMLTextAreaElement).value).toBe('');
    await act(() => useStudy.getState().lock());
    expect(notesOnDisk()).toEqual({ segment: {}, marks: [''] });
  });

  it('a note sent on leaving the field is not sent again when the field then goes', async () => {
    const user = await codingScreen();
    const set = spyOnChannel(open!.handlers, 'notes.setSegment');
    await user.click(screen.getByRole('textbox', { name: 'Note on segment 1' }));
    await user.keyboard('once{Tab}');
    act(() => usePlayer.getState().seek(125_000));
    await screen.findByRole('textbox', { name: 'Note on segment 2' });
    await waitFor(async () => expect(await storedSegmentNotes()).toEqual({ 0: 'once' }));
    expect(set).toHaveBeenCalledTimes(1);
  });

  it('leaving the field again sends a note whose first save failed', async () => {
    const user = await codingScreen();
    const real = open!.handlers['notes.setSegment'];
    const set = vi.fn(real).mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'The disk was full.' } });
    window.api = { ...window.api, 'notes.setSegment': set };
    const note = screen.getByRole('textbox', { name: 'Note on segment 1' });
    await user.click(note);
    await user.keyboard('kept{Tab}');
    await screen.findByText(/The disk was full\./);
    expect(await storedSegmentNotes()).toEqual({});
    await user.click(note);
    await user.keyboard('{Tab}');
    await waitFor(async () => expect(await storedSegmentNotes()).toEqual({ 0: 'kept' }));
    expect(set).toHaveBeenCalledTimes(2);
  });
});
