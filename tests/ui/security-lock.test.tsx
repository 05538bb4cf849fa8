// A lock the renderer did not start, as the coder sees it. The main process (its own window-study.ts, over the
// preload's event transport played here in-process) asks the page to save its drafts, closes the study and tells
// the page why; the page saves the note being typed, then shows the unlock screen with nothing of the study left.

import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, Subscribe } from '../../electron/core/api/contract.ts';
import { codingView } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { createPageEvents } from '../../electron/main/page-events.ts';
import { windowStudy, type WindowStudy } from '../../electron/main/window-study.ts';
import { App } from '../../src/App.tsx';
import { useCoding } from '../../src/state/coding.ts';
import { useJobs } from '../../src/state/jobs.ts';
import { lockMessage, useLock } from '../../src/state/lock.ts';
import { useMedia } from '../../src/state/media.ts';
import { DEFAULT_IDLE_MINUTES } from '../../src/state/prefs.ts';
import { queryClient } from '../../src/state/queries.ts';
import { useStudy } from '../../src/state/study.ts';
import { useUi } from '../../src/state/ui.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy, goTo, openTestStudy, RECORDING, spyOnChannel, type OpenStudy } from './support.ts';

const tempDir = useTempDir();
let open: OpenStudy | undefined;

afterEach(async () => {
  vi.useRealTimers();
  cleanup();
  await closeTestStudy(open);
  open = undefined;
  useLock.setState({ reason: null, place: null, recent: [] });
});

/**
 * window.api.on as the preload gives it, and the main process's side of the same window: pushes reach the page's
 * handlers and their answers go back, as over IPC.
 */
function withPushes(study: OpenStudy): WindowStudy {
  const listeners = new Map<EventName, Set<(payload: unknown) => unknown>>();
  const on = ((name, handler) => {
    const set = listeners.get(name) ?? new Set();
    set.add(handler as (payload: unknown) => unknown);
    listeners.set(name, set);
    return () => void set.delete(handler as (payload: unknown) => unknown);
  }) as Subscribe;
  const events = createPageEvents((id, name, payload) => {
    const handlers = [...(listeners.get(name) ?? [])];
    void Promise.all(handlers.map(async (h) => h(payload))).then((answers) => events.answered(id, answers.at(-1) ?? null));
  });
  window.api = { ...window.api, on };
  return windowStudy({ handlers: study.handlers, events });
}

/** A coder mid-session on the coding screen, typing a note on the mark at 0:30. */
async function typingMidSession() {
  open = await openTestStudy(tempDir(), { segmentSeconds: 120, marks: [{ code: 'W2', clarity: 'check', timeMs: 30_000 }] });
  const main = withPushes(open);
  goTo('coding');
  await useCoding.getState().load(RECORDING);
  render(<App />);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('textbox', { name: 'Note on W2 at 0:30' }));
  await user.keyboard('looks at the clock');
  return main;
}

function notesOnDisk(path: string): string[] {
  const study = openStudy(path, PASSPHRASE);
  try {
    return codingView(study.db, RECORDING, 'C01').marks.map((m) => m.note);
  } finally {
    closeStudy(study);
  }
}

function expectLockedAndEmpty(reason: 'system' | 'idle'): void {
  expect(screen.getByRole('button', { name: 'Open a study' })).toBeTruthy();
  expect(screen.getByRole('status').textContent).toBe(lockMessage(reason, DEFAULT_IDLE_MINUTES));
  expect(screen.queryByText(RECORDING)).toBeNull();
  expect(useStudy.getState()).toMatchObject({ status: 'locked', info: null, scheme: null, coders: [], recordings: [], coder: null });
  expect(useCoding.getState()).toMatchObject({ recording: null, view: null });
  expect(useUi.getState()).toMatchObject({ screen: 'home', recording: null });
  expect(useMedia.getState()).toMatchObject({ recording: null });
  // Nothing the core answered (the security report, a comparison, a reliability report) is kept.
  expect(queryClient.getQueryCache().getAll()).toEqual([]);
  expect(useJobs.getState().jobs).toEqual({});
}

describe('a lock the renderer did not start', () => {
  it('when the computer locks, the note being typed is saved, then the study closes and the unlock screen says why', async () => {
    const main = await typingMidSession();
    await act(() => main.lock('system'));
    expectLockedAndEmpty('system');
    expect(notesOnDisk(open!.path)).toEqual(['looks at the clock']);
  });

  it('the main process’s idle deadline (a page that stopped reporting) locks the same way, saying so', async () => {
    const main = await typingMidSession();
    await act(() => main.lock('idle'));
    expectLockedAndEmpty('idle');
    expect(notesOnDisk(open!.path)).toEqual(['looks at the clock']);
  });

  it('a window closing saves the note being typed before its study closes', async () => {
    const main = await typingMidSession();
    await act(() => main.close('asked'));
    expect(await open!.handlers['session.state']({})).toEqual({ ok: true, value: { open: false } });
    expect(notesOnDisk(open!.path)).toEqual(['looks at the clock']);
  });

  it('a reload or close the main process did not start (the page going) sends the note being typed on its way', async () => {
    await typingMidSession();
    act(() => void window.dispatchEvent(new Event('pagehide')));
    await act(() => open!.handlers['study.close']({}));
    expect(notesOnDisk(open!.path)).toEqual(['looks at the clock']);
  });

  it('is pushed, not polled: an open study is left alone, however long the coder works', async () => {
    open = await openTestStudy(tempDir(), { segmentSeconds: 120 });
    withPushes(open);
    const state = spyOnChannel(open.handlers, 'session.state');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    goTo('coding');
    render(<App />);
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(state).not.toHaveBeenCalled();
    expect(useStudy.getState().status).toBe('unlocked');
  });

  it('a push missed while the page was away is caught when the window is focused again', async () => {
    open = await openTestStudy(tempDir(), { segmentSeconds: 120 });
    goTo('coding');
    render(<App />);
    // Closed with no word reaching the page.
    await act(() => open!.handlers['study.close']({}));
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
      await vi.waitFor(() => expect(useStudy.getState().status).toBe('locked'));
    });
    expectLockedAndEmpty('system');
  });

  it('does not lock a study opened while an earlier check was on its way', async () => {
    const study = (open = await openTestStudy(tempDir(), { segmentSeconds: 120 }));
    goTo('coding');
    render(<App />);
    let answer: (value: unknown) => void = () => undefined;
    window.api = { ...window.api, 'session.state': () => new Promise<unknown>((resolve) => (answer = resolve)) } as typeof window.api;
    act(() => void window.dispatchEvent(new Event('focus')));
    // Meanwhile the study was replaced (another one unlocked): the late "not open" is about the old one.
    act(() => useStudy.setState({ info: { ...useStudy.getState().info! } }));
    await act(async () => answer({ ok: true, value: { open: false } }));
    expect(useStudy.getState().status).toBe('unlocked');
    expect(await study.handlers['session.state']({})).toEqual({ ok: true, value: { open: true } });
  });
});
