// The system lock as the coder sees it: the main process closes the study when the computer locks or sleeps
// (simulated here by closing it through the window's handlers, as electron/main does), and the renderer, which
// did not start that lock, finds out and shows the unlock screen with nothing of the study left.

import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App.tsx';
import { LOCK_POLL_MS, LOCKED_ELSEWHERE } from '../../src/hooks/useLockWatch.ts';
import { useCoding } from '../../src/state/coding.ts';
import { useJobs } from '../../src/state/jobs.ts';
import { useMedia } from '../../src/state/media.ts';
import { useSecurity } from '../../src/state/security.ts';
import { useStudy } from '../../src/state/study.ts';
import { useUi } from '../../src/state/ui.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy, goTo, openTestStudy, RECORDING, spyOnChannel, type OpenStudy } from './support.ts';

const tempDir = useTempDir();
let open: OpenStudy | undefined;

afterEach(async () => {
  vi.useRealTimers();
  cleanup();
  await closeTestStudy(open);
  open = undefined;
});

/** A coder mid-session on the coding screen, with the lock watch's timer on a fake clock. */
async function codingMidSession(): Promise<OpenStudy> {
  open = await openTestStudy(tempDir(), { segmentSeconds: 120, marks: [{ code: 'W2', clarity: 'check', timeMs: 250_000 }] });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  goTo('coding');
  await useCoding.getState().load(RECORDING);
  render(<App />);
  expect(screen.getByRole('cell', { name: 'W2 in segment 3: check' })).toBeTruthy();
  return open;
}

/** What electron/main does on powerMonitor's lock-screen or suspend. */
const systemLock = async (study: OpenStudy) => expect(await study.handlers['study.close']({})).toEqual({ ok: true, value: null });

function expectLockedAndEmpty(): void {
  expect(screen.getByRole('button', { name: 'Open a study' })).toBeTruthy();
  expect(screen.getByRole('alert').textContent).toBe(LOCKED_ELSEWHERE);
  expect(screen.queryByText(RECORDING)).toBeNull();
  expect(useStudy.getState()).toMatchObject({ status: 'locked', info: null, scheme: null, coders: [], recordings: [], coder: null });
  expect(useCoding.getState()).toMatchObject({ recording: null, view: null });
  expect(useUi.getState()).toMatchObject({ screen: 'home', recording: null });
  expect(useMedia.getState()).toMatchObject({ recording: null, info: null });
  expect(useSecurity.getState().report).toBeNull();
  expect(useJobs.getState().jobs).toEqual({});
}

describe('a lock the renderer did not start', () => {
  it(`shows the unlock screen within ${LOCK_POLL_MS / 1000} s of the computer locking, says why, and keeps nothing of the study`, async () => {
    const study = await codingMidSession();
    await act(() => systemLock(study));
    // Until the next check the old screen may still be up (the computer's own lock screen covers it).
    await act(() => vi.advanceTimersByTimeAsync(LOCK_POLL_MS));
    expectLockedAndEmpty();
  });

  it('checks at once when the window is focused again, without waiting for the next poll', async () => {
    const study = await codingMidSession();
    await act(() => systemLock(study));
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
      await vi.advanceTimersByTimeAsync(0);
    });
    expectLockedAndEmpty();
  });

  it('leaves an open study alone, however long the coder works', async () => {
    const study = await codingMidSession();
    const state = spyOnChannel(study.handlers, 'session.state');
    await act(() => vi.advanceTimersByTimeAsync(30 * LOCK_POLL_MS));
    expect(state.mock.calls.length).toBeGreaterThanOrEqual(30);
    expect(useStudy.getState().status).toBe('unlocked');
    expect(screen.getByRole('cell', { name: 'W2 in segment 3: check' })).toBeTruthy();
  });

  it('does not lock a study opened while an earlier check was on its way', async () => {
    const study = await codingMidSession();
    let answer: (value: unknown) => void = () => undefined;
    window.api = { ...window.api, 'session.state': () => new Promise<unknown>((resolve) => (answer = resolve)) } as typeof window.api;
    await act(() => vi.advanceTimersByTimeAsync(LOCK_POLL_MS));
    // Meanwhile the study was replaced (another one unlocked): the late "not open" is about the old one.
    act(() => useStudy.setState({ info: { ...useStudy.getState().info! } }));
    await act(async () => answer({ ok: true, value: { open: false } }));
    expect(useStudy.getState().status).toBe('unlocked');
    expect(await study.handlers['session.state']({})).toEqual({ ok: true, value: { open: true } });
  });
});
