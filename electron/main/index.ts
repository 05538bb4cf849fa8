// App lifecycle: one app per user, one hardened window per study session, its study closed before the
// window goes or reloads, when the app quits, when the computer locks or sleeps, and after the idle time even
// when the page hangs. Each of those first asks the page to save the notes being typed (window-study.ts).

import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, powerMonitor, protocol, session, type WebContents } from 'electron';
import { EVENT_CHANNEL } from '../core/api/channels.ts';
import type { LockReason } from '../core/api/contract.ts';
import { AppError } from '../core/errors.ts';
import { sweepStaleMediaTemp } from '../core/media/temp-sweep.ts';
import { appMenuTemplate } from './app-menu.ts';
import { startCore, type CoreClient, type CoreWindow } from './core-client.ts';
import { chooseFile } from './file-dialogs.ts';
import { createBlockedRequests, guardWebContents, hardenSession } from './hardening.ts';
import { createIdleDeadline, type IdleDeadline } from './idle-deadline.ts';
import { registerAnswers, registerApi } from './ipc.ts';
import { type MediaReader, serveMedia } from './media-protocol.ts';
import { APP_ENTRY_URL, APP_TITLE, PRIVILEGED_SCHEMES, secureWebPreferences, type Policy } from './policy.ts';
import { serveRenderer } from './protocol.ts';
import { createPageEvents, type PageEvents } from './page-events.ts';
import { lockOnSystemLock } from './system-lock.ts';
import { windowStudy, type WindowStudy } from './window-study.ts';

// Both must happen before `ready`. The sandbox is forced for every renderer, whatever a window asks for.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([...PRIVILEGED_SCHEMES]);

const policy: Policy = { devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] };
const rendererRoot = fileURLToPath(new URL('../renderer', import.meta.url));
const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const blocked = createBlockedRequests();

interface AppWindow {
  win: BrowserWindow;
  /** The window's handlers, and its media, in the core's worker. */
  core: CoreWindow;
  events: PageEvents;
  study: WindowStudy;
  idle: IdleDeadline;
  /** Set once its study is closed for good: the window may then close without asking again. */
  released: boolean;
}

const windows = new Map<number, AppWindow>();

/** Saves each page's drafts and closes every study (the calls already sent are committed, the jobs stopped). */
const closeEveryStudy = (): Promise<unknown> =>
  Promise.all(
    [...windows.values()].map(async (w) => {
      await w.study.close('asked');
      w.released = true;
    }),
  );

const lockEveryStudy = (reason: LockReason): Promise<unknown> => Promise.all([...windows.values()].map((w) => w.study.lock(reason)));

/** A development build's reload: the focused window's drafts saved and its study closed first, as when it closes. */
function reloadFocused(): void {
  const focused = BrowserWindow.getFocusedWindow();
  const w = focused ? windows.get(focused.webContents.id) : undefined;
  if (w) void w.study.close('asked').then(() => w.win.webContents.reload());
}

/**
 * A media request does not say which window made it (electron/electron#45869). The app opens one window,
 * so media comes from that window's study; with any other count, nothing is served rather than a guess.
 */
const readMedia: MediaReader = async (asked, range) => {
  const [only, ...others] = windows.values();
  if (!only || others.length > 0) throw new AppError('NO_STUDY_OPEN', 'No single window with a study is open to play media in.');
  return only.core.media(asked, range);
};

function openWindow(core: CoreClient): void {
  const win = new BrowserWindow({
    title: APP_TITLE,
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 520,
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences({ preload, devTools: !app.isPackaged }),
  });
  const id = win.webContents.id;
  const idle = createIdleDeadline(() => void study.lock('idle'));
  const events = createPageEvents((eventId, name, payload) => win.webContents.send(EVENT_CHANNEL, eventId, name, payload));
  const windowCore = core.open({
    blockedRequests: blocked.total,
    onActivity: (activity) => idle.report(activity),
    chooseFile: (kind) => chooseFile(dialog, win, kind),
    push: (name, payload) => events.tell(name, payload),
  });
  const study = windowStudy({ handlers: windowCore.handlers, events });
  const entry: AppWindow = { win, core: windowCore, events, study, idle, released: false };
  windows.set(id, entry);
  // The window stays until its page saved its drafts (or the wait ran out) and the study is closed.
  let leaving: Promise<void> | undefined;
  win.on('close', (event) => {
    if (entry.released) return;
    event.preventDefault();
    leaving ??= study.close('asked').then(() => {
      entry.released = true;
      win.close();
    });
  });
  win.on('closed', () => {
    idle.stop();
    windows.delete(id);
    void windowCore.release();
  });
  // A crashed page has nothing to save: its study closes at once.
  win.webContents.on('render-process-gone', () => void windowCore.handlers['study.close']({}));
  win.once('ready-to-show', () => win.show());
  win.loadURL(policy.devServerUrl ?? APP_ENTRY_URL).catch((err: unknown) => console.error('3RS Station: the window failed to load', err));
}

/** A second start of the app brings the open window forward instead (two apps would fight over one study). */
function focusFirstWindow(): void {
  const [first] = windows.values();
  if (!first) return;
  if (first.win.isMinimized()) first.win.restore();
  first.win.show();
  first.win.focus();
}

function start(): void {
  app.on('second-instance', focusFirstWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  // Quitting waits until every study is closed (its key dropped, its jobs stopped).
  let studiesClosed = false;
  app.on('before-quit', (event) => {
    if (studiesClosed) return;
    event.preventDefault();
    void closeEveryStudy().finally(() => {
      studiesClosed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession, policy, blocked, (request) => net.fetch(request, { bypassCustomProtocolHandlers: true }));
      serveRenderer(protocol, rendererRoot, policy);
      // Every study is opened, read and written in the core's worker: this thread only routes.
      const core = startCore();
      // Every study is closed by then (before-quit waited for it): the worker holds nothing more.
      app.on('will-quit', () => void core.terminate());
      serveMedia(protocol, readMedia);
      registerApi(ipcMain, (sender: WebContents) => windows.get(sender.id)?.core.handlers, policy);
      registerAnswers(ipcMain, (sender: WebContents) => windows.get(sender.id)?.events, policy);
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(appMenuTemplate({ packaged: app.isPackaged, mac: process.platform === 'darwin', reload: reloadFocused })),
      );
      lockOnSystemLock(powerMonitor, () => void lockEveryStudy('system'));
      openWindow(core);
      // Plaintext media that an older version's killed job left in the temp dir; in the background.
      void sweepStaleMediaTemp();
    })
    .catch((err: unknown) => {
      // Never run with half the hardening in place.
      dialog.showErrorBox(APP_TITLE, `3RS Station could not start: ${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
    });
}

if (app.requestSingleInstanceLock()) start();
else app.quit();
