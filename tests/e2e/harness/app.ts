// The whole app in Debian's Chromium, without Electron: the built renderer (out/renderer) answered by the main
// process's own app:// and media:// handlers, and `window.api` bound to the real core through the main
// process's own IPC registration (the same contract table, the same sender check) and its own client of the
// core's worker thread (startCore), so the core runs off this thread here as it does in Electron. Only the
// transport differs: Playwright routing instead of protocol.handle, a page binding instead of ipcMain/contextBridge.
// The fake origin is https: Electron registers app:// as secure, so the page runs in a secure context in both.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { IpcMain, IpcMainInvokeEvent, Protocol } from 'electron';
import { CHANNELS, EVENTS, IPC_PREFIX, type EventName } from '../../../electron/core/api/channels.ts';
import type { LockReason } from '../../../electron/core/api/contract.ts';
import type { ApiHandlers } from '../../../electron/core/api/handlers.ts';
import { startCore, type CoreWindow } from '../../../electron/main/core-client.ts';
import { registerApi } from '../../../electron/main/ipc.ts';
import { createPageEvents } from '../../../electron/main/page-events.ts';
import { windowStudy } from '../../../electron/main/window-study.ts';
import { serveMedia } from '../../../electron/main/media-protocol.ts';
import { APP_ORIGIN, MEDIA_SCHEME, type Policy } from '../../../electron/main/policy.ts';
import { serveRenderer } from '../../../electron/main/protocol.ts';
import type { MediaUrlBases } from '../../../electron/worker/protocol.ts';
import { openStation, STATION_ORIGIN, type Station } from './station.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The name of the page binding behind window.api; the init script takes it away from the page once captured. */
const BINDING = '__3rs';
/** The binding the page answers pushed events on (the preload's ipcRenderer.send), taken away likewise. */
const ANSWER_BINDING = '__3rsAnswer';
/** Where the harness hands the page a pushed event (the preload's ipcRenderer.on): not enumerable, not the page's to use. */
const PUSH = '__3rsPush';

/** Where Playwright's global setup leaves the renderer it built, for the test workers. */
export const RENDERER_ENV = 'STATION_E2E_RENDERER';

export interface BuiltApp {
  /** The built renderer: the folder Electron serves as app://station/. */
  renderer: string;
  remove(): void;
}

/**
 * Builds the app with its own build (`electron-vite build`, a few seconds) into a private folder under out/:
 * other people's builds empty out/renderer while they run, which would pull the page from under a test.
 */
export function buildApp(): BuiltApp {
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'out', 'harness-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const cli = join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
    execFileSync(process.execPath, [cli, 'build', '--outDir', dir, '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (err) {
    remove();
    throw err;
  }
  return { renderer: join(dir, 'renderer'), remove };
}

/** Where the core tells the page to find media: paths of the fake origin, answered by the media:// handler. */
export const harnessMediaUrls: MediaUrlBases = { recording: `${STATION_ORIGIN}/media/`, thumbnail: `${STATION_ORIGIN}/thumbnails/` };

/** The app:// or media:// URL Electron would have seen for a path of the fake origin. */
function electronUrl(path: string): string {
  if (path.startsWith('/media/')) return `${MEDIA_SCHEME}://recording/${path.slice('/media/'.length)}`;
  if (path.startsWith('/thumbnails/')) return `${MEDIA_SCHEME}://thumbnail/${path.slice('/thumbnails/'.length)}`;
  return `${APP_ORIGIN}${path}`;
}

/** The page's URL as the app's own origin, for the main process's "is this our page?" check. */
const asAppPage = (url: string): string => (url.startsWith(`${STATION_ORIGIN}/`) ? `${APP_ORIGIN}${url.slice(STATION_ORIGIN.length)}` : url);

type SchemeHandler = (request: Request) => Response | Promise<Response>;
type IpcListener = (event: IpcMainInvokeEvent, input: unknown) => unknown;

/** The packaged app's policy: no dev server, so the renderer gets the strict CSP. */
const POLICY: Policy = {};

/** Registers the main process's scheme handlers and IPC handlers on stand-ins that only record them. */
function mainProcess(core: CoreWindow, rendererRoot: string): { schemes: Map<string, SchemeHandler>; ipc: Map<string, IpcListener> } {
  const schemes = new Map<string, SchemeHandler>();
  const ipc = new Map<string, IpcListener>();
  const protocol = { handle: (scheme: string, handler: SchemeHandler) => void schemes.set(scheme, handler) };
  const ipcMain = { handle: (channel: string, listener: IpcListener) => void ipc.set(channel, listener) };
  serveRenderer(protocol as unknown as Protocol, rendererRoot, POLICY);
  serveMedia(protocol as unknown as Protocol, core.media);
  registerApi(ipcMain as unknown as IpcMain, () => core.handlers, POLICY);
  return { schemes, ipc };
}

/**
 * The answer as JSON text. Electron's IPC structured-clones it in about a millisecond; Playwright's own object
 * serializer takes ~50 ms for a coding view of 200 marks (40 KB), which would swamp every latency measured
 * here, while a string crosses in a few. The contract's answers are plain data, for which JSON loses nothing;
 * anything else is refused loudly rather than silently changed.
 */
function toJson(answer: unknown): string {
  return JSON.stringify(answer, function (key: string, value: unknown) {
    const raw: unknown = (this as Record<string, unknown>)[key];
    const plain = raw === null || ['string', 'boolean', 'undefined'].includes(typeof raw) || (typeof raw === 'number' && Number.isFinite(raw));
    if (!plain && (typeof raw !== 'object' || !(Array.isArray(raw) || Object.getPrototypeOf(raw) === Object.prototype))) {
      throw new Error(`The harness carries answers as JSON, which would change "${key}" (${Object.prototype.toString.call(raw)}).`);
    }
    return value;
  });
}

interface InstallOptions {
  binding: string;
  answerBinding: string;
  push: string;
  channels: readonly string[];
  events: readonly string[];
}

/**
 * Runs in the page before its scripts, as the preload does: window.api with one function per channel and `on` for
 * the contract's pushed events (their handlers' answer goes back on the answer binding), and nothing else.
 */
function installApi({ binding, answerBinding, push, channels, events }: InstallOptions): void {
  const w = window as unknown as Record<string, unknown>;
  const invoke = w[binding] as (channel: string, input: unknown) => Promise<string>;
  const answer = w[answerBinding] as (id: number, value: unknown) => Promise<void>;
  delete w[binding];
  delete w[answerBinding];
  const call = async (channel: string, input: unknown): Promise<unknown> => JSON.parse(await invoke(channel, input));
  const listeners = new Map<string, Set<(payload: unknown) => unknown>>();
  const on = (name: string, handler: (payload: unknown) => unknown) => {
    if (!events.includes(name) || typeof handler !== 'function') throw new TypeError(`window.api.on: "${name}" is not one of the app's events.`);
    const set = listeners.get(name) ?? new Set();
    set.add(handler);
    listeners.set(name, set);
    return () => void set.delete(handler);
  };
  const dispatch = (id: number, name: string, payload: unknown) => {
    const handlers = [...(listeners.get(name) ?? [])];
    void Promise.allSettled(handlers.map(async (handler) => handler(payload))).then((results) => {
      const last = results.at(-1);
      void answer(id, last?.status === 'fulfilled' ? (last.value ?? null) : null);
    });
  };
  Object.defineProperty(window, push, { value: dispatch, enumerable: false });
  const api = { ...Object.fromEntries(channels.map((channel) => [channel, (input: unknown) => call(channel, input)])), on };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), enumerable: true });
}

export interface AppWindow {
  station: Station;
  /** The core behind window.api: one window's handlers in the core's worker (its open study and chosen coder), as in Electron. */
  handlers: ApiHandlers;
  /** The app's entry page on the fake origin. */
  url: string;
  /** Uncaught page errors, console errors (a CSP refusal shows up here) and api calls that threw, in order. */
  problems: string[];
  /** Closes the study as the fixture's teardown does (no page to ask: the test is over), and stops the core's worker. */
  close(): Promise<void>;
  /** The computer locks or sleeps: what electron/main does on powerMonitor's lock-screen (drafts saved, study closed, page told). */
  systemLock(): Promise<void>;
  /** The main process's own idle deadline running out (a page that stopped reporting activity). */
  idleDeadline(): Promise<void>;
  /** The window closes: its page saves its drafts, the study closes, then the window goes. */
  closeWindow(): Promise<void>;
  /** A development build's Reload: drafts saved and the study closed, then the page loads again. */
  reloadFromMenu(): Promise<void>;
}

export interface AppOptions {
  /** The built renderer to serve (see buildApp). */
  renderer: string;
}

/** Puts the app in `page`: call before the first navigation, then `page.goto(app.url)`. */
export async function openApp(page: Page, options: AppOptions): Promise<AppWindow> {
  // The main process's side of pushed events: the same page-events and window-study as electron/main/index.ts.
  const events = createPageEvents((id, name: EventName, payload) => {
    page
      .evaluate(({ push, id, name, payload }) => (window as unknown as Record<string, (...a: unknown[]) => void>)[push]!(id, name, payload), {
        push: PUSH,
        id,
        name,
        payload,
      })
      .catch(() => {
        // A page that is gone or reloading hears nothing; whoever waits runs into the bound.
      });
  });
  // One worker per page, as Electron has one for its window: job progress the core pushes goes to the page as
  // every pushed event does.
  const core = startCore();
  const coreWindow = core.open({ mediaUrls: harnessMediaUrls, push: (name, payload) => events.tell(name, payload) });
  const handlers = coreWindow.handlers;
  const { schemes, ipc } = mainProcess(coreWindow, options.renderer);
  const problems: string[] = [];
  const station = await openStation(page, {
    handler: (path, range) => {
      const url = electronUrl(path);
      const scheme = schemes.get(url.slice(0, url.indexOf(':')))!;
      return scheme(new Request(url, { headers: range ? { range } : {} }));
    },
  });

  await page.exposeBinding(BINDING, async (source, channel: unknown, input: unknown) => {
    const listener = typeof channel === 'string' ? ipc.get(IPC_PREFIX + channel) : undefined;
    // As ipcRenderer.invoke on a channel nobody handles: the call rejects.
    if (!listener) throw new Error(`No handler registered for '${String(channel)}'`);
    const event = { sender: { id: 1 }, senderFrame: { url: asAppPage(source.frame.url()) } };
    try {
      return toJson(await listener(event as unknown as IpcMainInvokeEvent, input));
    } catch (err) {
      problems.push(`api ${String(channel)}: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  });
  await page.exposeBinding(ANSWER_BINDING, (_source, id: unknown, answer: unknown) => events.answered(id, answer));
  const study = windowStudy({ handlers, events });
  await page.addInitScript(installApi, { binding: BINDING, answerBinding: ANSWER_BINDING, push: PUSH, channels: CHANNELS, events: EVENTS });
  const lock = (reason: LockReason) => study.lock(reason);

  page.on('pageerror', (err) => void problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });

  return {
    station,
    handlers,
    url: `${STATION_ORIGIN}/index.html`,
    problems,
    close: async () => {
      // The player may still be reading a range: its request is answered in full before the study and the worker go,
      // and no later one reaches them (a body cut off by the worker's end would be a failure the app never has).
      if (!page.isClosed()) await page.unrouteAll({ behavior: 'wait' });
      await handlers['study.close']({});
      await core.terminate();
    },
    systemLock: () => lock('system'),
    idleDeadline: () => lock('idle'),
    closeWindow: async () => {
      await study.close('asked');
      await page.close();
    },
    reloadFromMenu: async () => {
      await study.close('asked');
      await page.reload();
    },
  };
}
