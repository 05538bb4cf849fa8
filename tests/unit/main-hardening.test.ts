// The session's and the IPC layer's rules, applied to stand-ins for Electron's Session and ipcMain.

import type { IpcMain, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, IPC_PREFIX } from '../../electron/core/api/channels.ts';
import type { ApiHandlers } from '../../electron/core/api/handlers.ts';
import { createBlockedRequests, denyPermissions, enforceCsp, filterRequests, guardWebContents } from '../../electron/main/hardening.ts';
import { registerApi } from '../../electron/main/ipc.ts';
import { APP_ENTRY_URL, contentSecurityPolicy, INTERCEPTED_SCHEMES, type Policy } from '../../electron/main/policy.ts';

type Callback = (...args: any[]) => unknown;

/** A Session that records the handlers the app sets on it. */
function fakeSession() {
  const set: Record<string, Callback> = {};
  const schemes = new Map<string, (request: Request) => Response | Promise<Response>>();
  const session = {
    setPermissionRequestHandler: (h: Callback) => void (set['request'] = h),
    setPermissionCheckHandler: (h: Callback) => void (set['check'] = h),
    setDevicePermissionHandler: (h: Callback) => void (set['device'] = h),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: {
      onBeforeRequest: (h: Callback) => void (set['beforeRequest'] = h),
      onHeadersReceived: (h: Callback) => void (set['headersReceived'] = h),
    },
    protocol: { handle: (scheme: string, h: (request: Request) => Response) => void schemes.set(scheme, h) },
  };
  return { session: session as unknown as Session, set, schemes, spellChecker: session.setSpellCheckerEnabled };
}

const PACKAGED: Policy = {};
const DEV: Policy = { devServerUrl: 'http://localhost:5173' };

// Chromium's permission names (Electron's PermissionRequestHandler), the sensitive ones and a few more.
const PERMISSIONS = [
  'media',
  'display-capture',
  'geolocation',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'fullscreen',
  'openExternal',
  'pointerLock',
  'keyboardLock',
  'fileSystem',
  'hid',
  'serial',
  'usb',
  'idle-detection',
  'midi',
  'midiSysex',
  'storage-access',
  'window-management',
  'unknown',
];

describe('permissions', () => {
  it('are refused when a page asks for any of them', () => {
    const { session, set } = fakeSession();
    denyPermissions(session);
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      set['request']!({}, permission, callback, { requestingUrl: APP_ENTRY_URL });
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('are refused when Chromium checks one, and for every device', () => {
    const { session, set, spellChecker } = fakeSession();
    denyPermissions(session);
    for (const permission of PERMISSIONS) expect(set['check']!({}, permission, APP_ENTRY_URL, {}), permission).toBe(false);
    expect(set['device']!({ deviceType: 'usb', origin: 'app://station' })).toBe(false);
    expect(spellChecker).toHaveBeenCalledWith(false);
  });
});

describe('requests that would leave the app', () => {
  const NETWORK = [
    'http://example.org/',
    'https://fonts.googleapis.com/css?family=Inter',
    'ws://localhost:5173/',
    'wss://collector.example/socket',
    'ftp://files.example/data.csv',
    'file:///etc/passwd',
    'data:text/html,<script>1</script>',
    'blob:app://station/0b7e',
    'chrome://settings',
    'javascript:alert(1)',
    'mailto:someone@example.org',
  ];

  it.each(NETWORK)('%s is cancelled by the session’s request filter and counted', (url) => {
    const { session, set } = fakeSession();
    const blocked = createBlockedRequests(() => undefined);
    filterRequests(session, PACKAGED, blocked, vi.fn());
    const callback = vi.fn();
    set['beforeRequest']!({ url }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
    expect(blocked.total()).toBe(1);
  });

  it('lets the app’s own and its media scheme through', () => {
    const { session, set } = fakeSession();
    const blocked = createBlockedRequests(() => undefined);
    filterRequests(session, PACKAGED, blocked, vi.fn());
    for (const url of [APP_ENTRY_URL, 'app://station/assets/index.js', 'media://recording/D01-S01']) {
      const callback = vi.fn();
      set['beforeRequest']!({ url }, callback);
      expect(callback, url).toHaveBeenCalledWith({ cancel: false });
    }
    expect(blocked.total()).toBe(0);
  });

  it('http, https and file are taken over by the app and answered with a network error', async () => {
    const { session, schemes } = fakeSession();
    const blocked = createBlockedRequests(() => undefined);
    const passThrough = vi.fn();
    filterRequests(session, PACKAGED, blocked, passThrough);
    expect([...schemes.keys()].sort()).toEqual([...INTERCEPTED_SCHEMES].sort());
    expect([...INTERCEPTED_SCHEMES].sort()).toEqual(['file', 'http', 'https']);
    for (const url of ['http://example.org/', 'https://example.org/a.js', 'file:///home/coder/secrets.txt', 'http://localhost:5173/']) {
      const scheme = url.slice(0, url.indexOf(':'));
      const answer = await schemes.get(scheme)!(new Request(url));
      expect(answer.type, url).toBe('error');
    }
    expect(passThrough).not.toHaveBeenCalled();
    expect(blocked.total()).toBe(4);
  });

  it('in development passes only the dev server through, and still fails everything else', async () => {
    const { session, schemes } = fakeSession();
    const blocked = createBlockedRequests(() => undefined);
    const served = new Response('ok');
    const passThrough = vi.fn(async () => served);
    filterRequests(session, DEV, blocked, passThrough);
    expect(await schemes.get('http')!(new Request('http://localhost:5173/src/main.tsx'))).toBe(served);
    expect((await schemes.get('http')!(new Request('http://localhost:5174/'))).type).toBe('error');
    expect((await schemes.get('https')!(new Request('https://localhost:5173/'))).type).toBe('error');
    expect(passThrough).toHaveBeenCalledTimes(1);
    expect(blocked.total()).toBe(2);
  });

  it('are logged by scheme and host only: a path or query may carry a name', () => {
    const log = vi.fn();
    const blocked = createBlockedRequests(log);
    blocked.record('https://tracker.example/collect?participant=Jane%20Doe');
    blocked.record('file:///home/coder/Jane-Doe-session-3.mp4');
    expect(log.mock.calls.map(([m]) => m)).toEqual([
      '3RS Station stopped a request to https://tracker.example.',
      '3RS Station stopped a request to file:.',
    ]);
  });
});

describe('the content security policy header', () => {
  it('is set on every response the session receives, replacing any the server sent', () => {
    const { session, set } = fakeSession();
    enforceCsp(session, DEV);
    const callback = vi.fn();
    set['headersReceived']!({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src *'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy(DEV)] },
    });
  });
});

describe('the navigation guard', () => {
  it('prevents every navigation, redirect and webview, and denies every new window', () => {
    const listeners = new Map<string, Callback>();
    let openHandler: Callback | undefined;
    const contents = {
      on: (name: string, listener: Callback) => void listeners.set(name, listener),
      setWindowOpenHandler: (h: Callback) => void (openHandler = h),
    } as unknown as WebContents;
    guardWebContents(contents);
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    for (const [name, listener] of listeners) {
      const event = { preventDefault: vi.fn() };
      listener(event, APP_ENTRY_URL);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(openHandler!({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
  });
});

describe('IPC', () => {
  type Listener = (event: unknown, input: unknown) => unknown;

  function registered(handlers: ApiHandlers | undefined, policy: Policy = PACKAGED) {
    const ipc = new Map<string, Listener>();
    registerApi({ handle: (channel: string, listener: Listener) => void ipc.set(channel, listener) } as unknown as IpcMain, () => handlers, policy);
    return ipc;
  }

  const answering = () => Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(async () => ({ ok: true, value: c }))])) as unknown as ApiHandlers;
  const top = (url: string) => ({ sender: { id: 1 }, senderFrame: { url, parent: null } });

  it('has one handler per contract channel, under the app’s prefix, and no other', () => {
    expect([...registered(answering()).keys()].sort()).toEqual(CHANNELS.map((c) => IPC_PREFIX + c).sort());
  });

  it('passes a call from the app’s own page to that window’s handler of the same channel', async () => {
    const handlers = answering();
    const ipc = registered(handlers);
    expect(await ipc.get(`${IPC_PREFIX}study.info`)!(top(APP_ENTRY_URL), { x: 1 })).toEqual({ ok: true, value: 'study.info' });
    expect(handlers['study.info']).toHaveBeenCalledWith({ x: 1 });
  });

  it.each([
    ['a page of another origin', top('https://example.org/'), answering()],
    ['a file:// page', top('file:///opt/3rs/out/renderer/index.html'), answering()],
    ['a frame inside the app’s page', { sender: { id: 1 }, senderFrame: { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } } }, answering()],
    ['a frame that is gone', { sender: { id: 1 }, senderFrame: null }, answering()],
    ['a web contents that is no window of the app', top(APP_ENTRY_URL), undefined],
  ])('refuses %s with FORBIDDEN and calls nothing', async (_name, event, handlers) => {
    const ipc = registered(handlers);
    expect(await ipc.get(`${IPC_PREFIX}study.info`)!(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (handlers) expect(handlers['study.info']).not.toHaveBeenCalled();
  });
});
