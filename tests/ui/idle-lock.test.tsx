// The idle lock, kind: a countdown the coder can stop with a key, playback counted as activity up to a limit,
// the reason on the unlock screen, the study path remembered, and the coder taken back to where they were.

import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App.tsx';
import { ACTIVITY_REPORT_MS, LOCK_COUNTDOWN_MS, PLAYBACK_LIMIT_MS } from '../../src/hooks/useIdleLock.ts';
import { useCoding } from '../../src/state/coding.ts';
import { useJobs } from '../../src/state/jobs.ts';
import { LOCK_STORAGE_KEY, useLock } from '../../src/state/lock.ts';
import { useMedia } from '../../src/state/media.ts';
import { usePlayer } from '../../src/state/player.ts';
import { DEFAULT_IDLE_MINUTES, usePrefs } from '../../src/state/prefs.ts';
import { useStudy } from '../../src/state/study.ts';
import { useUi } from '../../src/state/ui.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy, goTo, openTestStudy, RECORDING, spyOnChannel, type OpenStudy } from './support.ts';

const tempDir = useTempDir();
let open: OpenStudy | undefined;
const MINUTE = 60_000;
const IDLE = DEFAULT_IDLE_MINUTES * MINUTE;

afterEach(async () => {
  vi.useRealTimers();
  cleanup();
  await closeTestStudy(open);
  open = undefined;
  usePrefs.setState({ idleMinutes: DEFAULT_IDLE_MINUTES });
  useLock.setState({ reason: null, place: null, recent: [] });
});

/** A coder mid-session: study open, coding screen up with a mark, playhead in segment 3. */
async function codingMidSession() {
  open = await openTestStudy(tempDir(), { segmentSeconds: 120, marks: [{ code: 'W2', clarity: 'check', timeMs: 250_000 }] });
  const close = spyOnChannel(open.handlers, 'study.close');
  // Only timeouts and the clock are faked (the idle lock reads both): the core's answers still arrive as real
  // promises. Testing Library's polling queries would wait on the fake clock, so the screen is read synchronously.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  goTo('coding');
  await useCoding.getState().load(RECORDING);
  render(<App />);
  act(() => usePlayer.getState().seek(250_000));
  expect(screen.getByRole('table', { name: `Scoresheet of ${RECORDING}` })).toBeTruthy();
  expect(screen.getByRole('cell', { name: 'W2 in segment 3: check' })).toBeTruthy();
  return close;
}

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
/** The countdown's words, or null when none is shown. */
const countdown = () => screen.queryByText(/^Locking in/)?.closest('[role="status"]')?.textContent ?? null;

describe('idle auto-lock', () => {
  it(`after ${DEFAULT_IDLE_MINUTES} minutes without input the study closes and no slice keeps any of its data`, async () => {
    const close = await codingMidSession();
    await wait(IDLE - 1000);
    expect(close).not.toHaveBeenCalled();
    await wait(1000);

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
    expect(useMedia.getState()).toMatchObject({ recording: null });
    expect(useJobs.getState().jobs).toEqual({});
  });

  it('any key press or pointer movement starts the wait again', async () => {
    const close = await codingMidSession();
    await wait(14 * MINUTE);
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyK', key: 'k' }));
    await wait(14 * MINUTE);
    window.dispatchEvent(new Event('pointermove'));
    await wait(14 * MINUTE);
    expect(close).not.toHaveBeenCalled();
    expect(useStudy.getState().status).toBe('unlocked');
    await wait(MINUTE);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('follows the minutes chosen in settings', async () => {
    const close = await codingMidSession();
    act(() => usePrefs.getState().setIdleMinutes(2));
    await wait(2 * MINUTE);
    expect(close).toHaveBeenCalledTimes(1);
    expect(JSON.parse(localStorage.getItem('3rs-station.prefs') ?? 'null')).toMatchObject({ state: { idleMinutes: 2 } });
  });
});

describe('a countdown before the lock', () => {
  it(`counts down the last ${LOCK_COUNTDOWN_MS / 1000} s ("Locking in 30 s — press any key"), and a key keeps the study open`, async () => {
    const close = await codingMidSession();
    await wait(IDLE - LOCK_COUNTDOWN_MS - 1000);
    expect(countdown()).toBeNull();
    await wait(1000);
    expect(countdown()).toBe('Locking in 30 s — press any key');
    await wait(12_000);
    expect(countdown()).toBe('Locking in 18 s — press any key');
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { code: 'ShiftLeft', key: 'Shift' })));
    expect(countdown()).toBeNull();
    await wait(IDLE - LOCK_COUNTDOWN_MS - 1000);
    expect(close).not.toHaveBeenCalled();
    expect(countdown()).toBeNull();
    await wait(LOCK_COUNTDOWN_MS + 1000);
    expect(close).toHaveBeenCalledTimes(1);
  });
});

describe('playback counts as activity, up to a limit', () => {
  it(`a video playing keeps the study open past the idle time, but ${PLAYBACK_LIMIT_MS / MINUTE} minutes after the last key it locks anyway`, async () => {
    const close = await codingMidSession();
    // The video plays on (the player's slice mirrors the element's play event).
    act(() => usePlayer.setState({ playing: true }));
    await wait(IDLE + 5 * MINUTE);
    expect(close).not.toHaveBeenCalled();
    await wait(PLAYBACK_LIMIT_MS - IDLE - 5 * MINUTE - LOCK_COUNTDOWN_MS);
    expect(countdown()).toBe('Locking in 30 s — press any key');
    await wait(LOCK_COUNTDOWN_MS);
    expect(close).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Open a study' })).toBeTruthy();
  });

  it('a paused video counts no more: the idle time runs from the pause', async () => {
    const close = await codingMidSession();
    act(() => usePlayer.setState({ playing: true }));
    await wait(5 * MINUTE);
    act(() => usePlayer.setState({ playing: false }));
    await wait(IDLE - 1000);
    expect(close).not.toHaveBeenCalled();
    await wait(1000);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it(`tells the main process of activity (its own deadline for a hung page) at most every ${ACTIVITY_REPORT_MS / 1000} s`, async () => {
    await codingMidSession();
    const reports = spyOnChannel(open!.handlers, 'session.activity');
    for (let i = 0; i < 60; i++) {
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyK', key: 'k' }));
      await wait(1000);
    }
    expect(reports.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(reports.mock.calls.length).toBeLessThanOrEqual(5);
    expect(reports).toHaveBeenCalledWith({ idleMinutes: DEFAULT_IDLE_MINUTES });
  });
});

describe('after the lock', () => {
  it('the unlock screen says why it locked, and offers the study’s path (and nothing else of it) to unlock again', async () => {
    await codingMidSession();
    const path = open!.path;
    await wait(IDLE);
    expect(screen.getByRole('status').textContent).toBe(
      `3RS Station locked the study after ${DEFAULT_IDLE_MINUTES} minutes without a key press or a click. Unlock it to go on where you were.`,
    );
    expect(screen.getByLabelText('Study file')).toHaveProperty('value', path);
    expect(screen.getByRole('navigation', { name: 'Recent studies' }).textContent).toContain(path);
    // Only the path is stored on this computer: no coder, no recording.
    const stored = localStorage.getItem(LOCK_STORAGE_KEY) ?? '';
    expect(JSON.parse(stored)).toEqual({ state: { recent: [path] }, version: 1 });
  });

  it('unlocking the same study as the same coder goes back to the recording’s coding screen and the playhead where it was', async () => {
    await codingMidSession();
    await wait(IDLE);
    expect(useStudy.getState().status).toBe('locked');
    vi.useRealTimers();
    await act(async () => {
      expect(await useStudy.getState().openStudy({ path: open!.path, passphrase: PASSPHRASE })).toBe(true);
      expect(await useStudy.getState().selectCoder('C01')).toBe(true);
    });
    expect(useUi.getState()).toMatchObject({ screen: 'coding', recording: RECORDING });
    expect(await screen.findByRole('table', { name: `Scoresheet of ${RECORDING}` })).toBeTruthy();
    await vi.waitFor(() => expect(usePlayer.getState()).toMatchObject({ recording: RECORDING, currentMs: 250_000, segment: 2 }));
    // Said once: the reason goes with the unlock.
    expect(useLock.getState().reason).toBeNull();
  });
});
