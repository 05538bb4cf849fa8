// App lifecycle: one hardened window per study session, its study closed before the window goes.

import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type WebContents } from 'electron';
import { createApiHandlers, sessionOf, type ApiHandlers } from '../core/api/handlers.ts';
import { AppError } from '../core/errors.ts';
import { hardenSession, hardenWebContents } from './hardening.ts';
import { registerApi } from './ipc.ts';
import { type MediaSession, serveMedia } from './media-protocol.ts';
import { APP_ENTRY_URL, APP_TITLE, PRIVILEGED_SCHEMES, secureWebPreferences, type Policy } from './policy.ts';
import { serveRenderer } from './protocol.ts';

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([...PRIVILEGED_SCHEMES]);

const policy: Policy = { devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] };
const rendererRoot = fileURLToPath(new URL('../renderer', import.meta.url));
const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

const windows = new Map<number, ApiHandlers>();

// The handlers do their work before their first await, so the study is closed when this returns.
const closeStudyOf = (handlers: ApiHandlers): void => void handlers['study.close']({});

/**
 * A media request does not say which window made it (electron/electron#45869). The app opens one window,
 * so media comes from that window's session; with any other count, nothing is served rather than a guess.
 */
function mediaSession(): MediaSession {
  const [only, ...others] = windows.values();
  const found = only && others.length === 0 ? sessionOf(only) : undefined;
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
  const handlers = createApiHandlers();
  windows.set(id, handlers);
  win.on('close', () => closeStudyOf(handlers));
  win.on('closed', () => windows.delete(id));
  win.once('ready-to-show', () => win.show());
  win.loadURL(policy.devServerUrl ?? APP_ENTRY_URL).catch((err: unknown) => console.error('3RS Station: the window failed to load', err));
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

app.on('before-quit', () => {
  for (const handlers of windows.values()) closeStudyOf(handlers);
});

app.on('window-all-closed', () => app.quit());

app
  .whenReady()
  .then(() => {
    hardenSession(session.defaultSession, policy);
    serveRenderer(protocol, rendererRoot, policy);
    serveMedia(protocol, mediaSession);
    registerApi(ipcMain, (sender: WebContents) => windows.get(sender.id), policy);
    openWindow();
  })
  .catch((err: unknown) => {
    // Never run with half the hardening in place.
    dialog.showErrorBox(APP_TITLE, `3RS Station could not start: ${err instanceof Error ? err.message : String(err)}`);
    app.exit(1);
  });
