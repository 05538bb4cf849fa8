// App lifecycle: one app per user, one hardened window per study session, its study closed before the
// window goes, when the app quits, and when the computer locks or sleeps.

import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, powerMonitor, protocol, session, type WebContents } from 'electron';
import { createApiHandlers, sessionOf, type ApiHandlers } from '../core/api/handlers.ts';
import { AppError } from '../core/errors.ts';
import { createBlockedRequests, guardWebContents, hardenSession } from './hardening.ts';
import { registerApi } from './ipc.ts';
import { type MediaSession, serveMedia } from './media-protocol.ts';
import { APP_ENTRY_URL, APP_TITLE, PRIVILEGED_SCHEMES, secureWebPreferences, type Policy } from './policy.ts';
import { serveRenderer } from './protocol.ts';
import { lockOnSystemLock } from './system-lock.ts';

// Both must happen before `ready`. The sandbox is forced for every renderer, whatever a window asks for.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([...PRIVILEGED_SCHEMES]);

const policy: Policy = { devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] };
const rendererRoot = fileURLToPath(new URL('../renderer', import.meta.url));
const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const blocked = createBlockedRequests();

interface AppWindow {
  win: BrowserWindow;
  handlers: ApiHandlers;
}

const windows = new Map<number, AppWindow>();

/** Closes the window's study: after the calls it already sent (a mark being written is committed) and its jobs. */
const closeStudyOf = (handlers: ApiHandlers): Promise<unknown> => handlers['study.close']({});

const closeEveryStudy = (): Promise<unknown> => Promise.all([...windows.values()].map(({ handlers }) => closeStudyOf(handlers)));

/**
 * A media request does not say which window made it (electron/electron#45869). The app opens one window,
 * so media comes from that window's session; with any other count, nothing is served rather than a guess.
 */
function mediaSession(): MediaSession {
  const [only, ...others] = windows.values();
  const found = only && others.length === 0 ? sessionOf(only.handlers) : undefined;
  if (!found) throw new AppError('NO_STUDY_OPEN', 'No single window with a study is open to play media in.');
  return found;
}

function openWindow(): void {
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
  const handlers = createApiHandlers({ blockedRequests: blocked.total });
  windows.set(id, { win, handlers });
  win.on('close', () => void closeStudyOf(handlers));
  win.on('closed', () => windows.delete(id));
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
      serveMedia(protocol, mediaSession);
      registerApi(ipcMain, (sender: WebContents) => windows.get(sender.id)?.handlers, policy);
      lockOnSystemLock(powerMonitor, () => void closeEveryStudy());
      openWindow();
    })
    .catch((err: unknown) => {
      // Never run with half the hardening in place.
      dialog.showErrorBox(APP_TITLE, `3RS Station could not start: ${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
    });
}

if (app.requestSingleInstanceLock()) start();
else app.quit();
