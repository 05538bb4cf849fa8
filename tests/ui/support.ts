// Shared set-up for the renderer's component tests: a real encrypted study behind the real api handlers
// (only the IPC hop is missing), opened through the renderer's own stores as a coder would.

import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, vi } from 'vitest';
import type { EventName, EventPayload, Subscribe } from '../../electron/core/api/contract.ts';
import type { ApiHandlerOptions, ApiHandlers } from '../../electron/core/api/handlers.ts';
import { createApiHandlers } from '../../electron/core/api/handlers.ts';
import { addMark, type NewMark } from '../../electron/core/coding/index.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { getScheme } from '../../electron/core/scheme/index.ts';
import { closeStudy, type Study } from '../../electron/core/store/study-file.ts';
import { App } from '../../src/App.tsx';
import { useKeymap } from '../../src/state/keymap.ts';
import { useStudy } from '../../src/state/study.ts';
import { useUi } from '../../src/state/ui.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

export const scheme = getScheme('3rs-2015');
export const RECORDING = 'D01-S01';

export interface StudySetup {
  segmentSeconds?: number;
  durationMs?: number;
  role?: 'coder' | 'lead';
  /** Marks made by C01 before the renderer opens the study. */
  marks?: NewMark[];
  /** A real file for the recording (probed and hashed as an import would, without preparing its media). */
  file?: string;
}

export interface OpenStudy {
  handlers: ApiHandlers;
  path: string;
}

/**
 * Makes a study with one recording and coder C01 on disk, binds window.api to fresh real handlers and
 * unlocks it through the study store, choosing C01. The renderer then holds exactly what a coder's would.
 */
export async function openTestStudy(dir: string, setup: StudySetup = {}): Promise<OpenStudy> {
  const study = makeStudy(dir, setup.segmentSeconds ?? 120);
  addTestCoder(study, 'C01', setup.role ?? 'coder');
  if (setup.file) await addRecording(study.db, { videoPath: setup.file, code: RECORDING }, 'C01');
  else addFakeRecording(study, RECORDING, setup.durationMs ?? 10 * 60_000);
  for (const mark of setup.marks ?? []) addMark(study.db, RECORDING, 'C01', mark, 'C01');
  return unlockAs(study, 'C01');
}

/** The page's listeners of pushed events, as the preload keeps them. */
const listeners = new Map<EventName, Set<(payload: never) => unknown>>();

/** Hands the page a pushed event as the main process does: the core's job progress, a lock. */
export function pushToPage<E extends EventName>(name: E, payload: EventPayload<E>): void {
  for (const listener of listeners.get(name) ?? []) void listener(payload as never);
}

const on: Subscribe = (name, handler) => {
  const set = listeners.get(name) ?? new Set();
  const own = (payload: never) => handler(payload);
  set.add(own);
  listeners.set(name, set);
  return () => void set.delete(own);
};

/** Binds window.api to fresh real handlers whose pushes (job progress) reach the page's listeners, as in the app. */
export function bindApi(options: Omit<ApiHandlerOptions, 'push'> = {}): ApiHandlers {
  const handlers = createApiHandlers({ ...options, push: pushToPage });
  window.api = { ...handlers, on };
  return handlers;
}

/** Closes the study made on disk, binds window.api to fresh real handlers and unlocks it through the study store as `coder`. */
export async function unlockAs(study: Study, coder: string): Promise<OpenStudy> {
  const path = study.path;
  closeStudy(study);

  const handlers = bindApi();
  if (!(await useStudy.getState().openStudy({ path, passphrase: PASSPHRASE }))) throw new Error(`open failed: ${useStudy.getState().error?.message}`);
  if (!(await useStudy.getState().selectCoder(coder))) throw new Error(`select failed: ${useStudy.getState().error?.message}`);
  return { handlers, path };
}

/** Opens the recording's coding screen (or another screen of it) as the ui store would on a click. */
export function goTo(screen: 'recording' | 'coding' | 'ratings', recording = RECORDING): void {
  useUi.getState().openRecording(recording);
  if (screen === 'coding') useUi.getState().startCoding();
  if (screen === 'ratings') useUi.getState().openRatings();
}

/** The whole app on the recording's coding screen, once its scoresheet is shown; returns the scoresheet. */
export async function renderCodingScreen(): Promise<HTMLElement> {
  goTo('coding');
  render(createElement(App));
  return screen.findByRole('table', { name: `Scoresheet of ${RECORDING}` });
}

/** Locks the study through the store (clearing every slice) and forgets stored preferences. */
export async function closeTestStudy(open: OpenStudy | undefined): Promise<void> {
  await useStudy.getState().lock();
  if (open) await open.handlers['study.close']({});
  localStorage.clear();
  useKeymap.setState({ overrides: {}, conflict: null });
}

/**
 * For a test file whose tests each open a study: `open` makes one with `make` (openTestStudy, or the file's
 * own) in a fresh folder; after each test the screen is cleared and the study locked and closed.
 */
export function useTestStudies<Setup extends unknown[]>(make: (dir: string, ...setup: Setup) => Promise<OpenStudy>) {
  const tempDir = useTempDir();
  let open: OpenStudy | undefined;
  afterEach(async () => {
    cleanup();
    await closeTestStudy(open);
    open = undefined;
  });
  return {
    /** A fresh folder for the test's own files, removed after it. */
    tempDir,
    async open(...setup: Setup): Promise<OpenStudy> {
      open = await make(tempDir(), ...setup);
      return open;
    },
  };
}

/** Wraps one channel of the real handlers in a spy, keeping its behaviour. */
export function spyOnChannel<C extends keyof ApiHandlers>(handlers: ApiHandlers, channel: C) {
  const spy = vi.fn(handlers[channel]);
  window.api = { ...window.api, [channel]: spy };
  return spy;
}
