import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App.tsx';
import { useCoding } from '../../src/state/coding.ts';
import { useJobs } from '../../src/state/jobs.ts';
import { useMedia } from '../../src/state/media.ts';
import { usePlayer } from '../../src/state/player.ts';
import { DEFAULT_IDLE_MINUTES, usePrefs } from '../../src/state/prefs.ts';
import { useStudy } from '../../src/state/study.ts';
import { useUi } from '../../src/state/ui.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy, goTo, openTestStudy, RECORDING, spyOnChannel, type OpenStudy } from './support.ts';

const tempDir = useTempDir();
let open: OpenStudy | undefined;
const MINUTE = 60_000;

afterEach(async () => {
  vi.useRealTimers();
  cleanup();
  await closeTestStudy(open);
  open = undefined;
  usePrefs.setState({ idleMinutes: DEFAULT_IDLE_MINUTES });
});

/** A coder mid-session: study open, coding screen up with a mark, playhead in segment 3. */
async function codingMidSession() {
  open = await openTestStudy(tempDir(), { segmentSeconds: 120, marks: [{ code: 'W2', clarity: 'check', timeMs: 250_000 }] });
  const close = spyOnChannel(open.handlers, 'study.close');
  // Only timeouts are faked (the idle timer is one): the core's answers still arrive as real promises.
  // Testing Library's polling queries would wait on the fake clock, so the screen is read synchronously.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  goTo('coding');
  await useCoding.getState().load(RECORDING);
  render(<App />);
  act(() => usePlayer.getState().seek(250_000));
  expect(screen.getByRole('table', { name: `Scoresheet of ${RECORDING}` })).toBeTruthy();
  expect(screen.getByRole('cell', { name: 'W2 in segment 3: check' })).toBeTruthy();
  return close;
}

describe('idle auto-lock', () => {
  it(`after ${DEFAULT_IDLE_MINUTES} minutes without input the study closes and no slice keeps any of its data`, async () => {
    const close = await codingMidSession();
    await act(() => vi.advanceTimersByTimeAsync(DEFAULT_IDLE_MINUTES * MINUTE - 1000));
    expect(close).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1000));

    expect(close).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Open a study' })).toBeTruthy();
    expect(screen.queryByText(RECORDING)).toBeNull();
    expect(useStudy.getState()).toMatchObject({
      status: 'locked',
      info: null,
      scheme: null,
      coders: [],
      recordings: [],
      settings: null,
      coder: null,
    });
    expect(useCoding.getState()).toMatchObject({ recording: null, viewing: null, view: null, lastMark: null, pending: 0 });
    expect(usePlayer.getState()).toMatchObject({ recording: null, currentMs: 0, durationMs: 0, segments: [], segment: 0, playing: false });
    expect(useUi.getState()).toMatchObject({ screen: 'home', recording: null, focusedCode: null, overlay: null });
    expect(useMedia.getState()).toMatchObject({ recording: null, info: null });
    expect(useJobs.getState().jobs).toEqual({});
  });

  it('any key press or pointer movement starts the wait again', async () => {
    const close = await codingMidSession();
    await act(() => vi.advanceTimersByTimeAsync(14 * MINUTE));
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyK', key: 'k' }));
    await act(() => vi.advanceTimersByTimeAsync(14 * MINUTE));
    window.dispatchEvent(new Event('pointermove'));
    await act(() => vi.advanceTimersByTimeAsync(14 * MINUTE));
    expect(close).not.toHaveBeenCalled();
    expect(useStudy.getState().status).toBe('unlocked');
    await act(() => vi.advanceTimersByTimeAsync(MINUTE));
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('follows the minutes chosen in settings', async () => {
    const close = await codingMidSession();
    act(() => usePrefs.getState().setIdleMinutes(2));
    await act(() => vi.advanceTimersByTimeAsync(2 * MINUTE));
    expect(close).toHaveBeenCalledTimes(1);
    expect(JSON.parse(localStorage.getItem('3rs-station.prefs') ?? 'null')).toEqual({ state: { idleMinutes: 2 }, version: 1 });
  });
});
