// The main process's wiring, run against a stand-in for the `electron` module (the binary cannot run here):
// what electron/main/index.ts does at start, on each window, on a second start, on a screen lock and on quit.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_PREFIX } from '../../electron/core/api/channels.ts';
import { listMarks } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { APP_ENTRY_URL, INTERCEPTED_SCHEMES, PRIVILEGED_SCHEMES, secureWebPreferences } from '../../electron/main/policy.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

type Listener = (...args: any[]) => unknown;

const fake = vi.hoisted(() => {
  /** Just enough of Node's EventEmitter for the app, windows, web contents and powerMonitor. */
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
      return (this.listeners.get(name) ?? []).length > 0;
    }
  }

  const build = (lockGranted: boolean) => {
    /** What happened, in order, so tests can say "before". */
    const log: string[] = [];
    const schemes = new Map<string, (request: Request) => Response | Promise<Response>>();
    const ipc = new Map<string, Listener>();
    const webRequest: { beforeRequest?: Listener; headersReceived?: Listener } = {};
    const permissions: { request?: Listener; check?: Listener; device?: Listener } = {};
    let nextId = 1;

    const contents = () => {
      const c = Object.assign(new Emitter(), {
        id: nextId++,
        openHandler: undefined as Listener | undefined,
        setWindowOpenHandler(handler: Listener) {
          c.openHandler = handler;
        },
      });
      return c;
    };

    const app = Object.assign(new Emitter(), {
      isPackaged: true,
      enableSandbox: vi.fn(() => void log.push('enableSandbox')),
      requestSingleInstanceLock: vi.fn(() => lockGranted),
      quit: vi.fn(() => void log.push('quit')),
      exit: vi.fn(),
      whenReady: () => Promise.resolve(),
    });

    class BrowserWindow extends Emitter {
      static created: BrowserWindow[] = [];
      webContents = contents();
      minimized = true;
      loadURL = vi.fn(async () => undefined);
      show = vi.fn();
      focus = vi.fn();
      restore = vi.fn(() => {
        this.minimized = false;
      });
      readonly options: Record<string, any>;
      constructor(options: Record<string, any>) {
        super();
        this.options = options;
        log.push('window');
        BrowserWindow.created.push(this);
        // As Electron does for every new web contents.
        app.emit('web-contents-created', {}, this.webContents);
      }
      isMinimized() {
        return this.minimized;
      }
    }

    const protocol = {
      registerSchemesAsPrivileged: vi.fn(() => void log.push('registerSchemes')),
      handle: (scheme: string, handler: (request: Request) => Response) => void schemes.set(scheme, handler),
    };

    const defaultSession = {
      protocol,
      setPermissionRequestHandler: (h: Listener) => {
        log.push('permissions');
        permissions.request = h;
      },
      setPermissionCheckHandler: (h: Listener) => void (permissions.check = h),
      setDevicePermissionHandler: (h: Listener) => void (permissions.device = h),
      setSpellCheckerEnabled: vi.fn(),
      webRequest: {
        onBeforeRequest: (h: Listener) => void (webRequest.beforeRequest = h),
        onHeadersReceived: (h: Listener) => void (webRequest.headersReceived = h),
      },
    };

    const module = {
      app,
      BrowserWindow,
      dialog: { showErrorBox: vi.fn() },
      ipcMain: { handle: (channel: string, listener: Listener) => void ipc.set(channel, listener) },
      net: { fetch: vi.fn() },
      powerMonitor: new Emitter(),
      protocol,
      session: { defaultSession },
    };
    return { module, log, schemes, ipc, webRequest, permissions, contents, BrowserWindow, app };
  };

  return { build, current: undefined as unknown as ReturnType<typeof build> };
});

// The mocked module is made once; each name reads the stand-in of the current test.
vi.mock('electron', () =>
  Object.fromEntries(
    ['app', 'BrowserWindow', 'dialog', 'ipcMain', 'net', 'powerMonitor', 'protocol', 'session'].map((name) => [
      name,
      new Proxy(function () {}, {
        get: (_t, key) => Reflect.get(fake.current.module[name as keyof typeof fake.current.module], key),
        construct: (_t, args) => Reflect.construct(fake.current.module[name as 'BrowserWindow'], args),
      }),
    ]),
  ),
);

/** Starts the main process (a fresh import of index.ts) on a fresh stand-in; resolves once `ready` has run. */
async function startMain({ lockGranted = true } = {}) {
  fake.current = fake.build(lockGranted);
  vi.resetModules();
  await import('../../electron/main/index.ts');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return fake.current;
}

type Main = Awaited<ReturnType<typeof startMain>>;

/** Calls a channel as the app's own page in the first window would. */
function invoke(main: Main, channel: string, input: unknown = {}) {
  const win = main.BrowserWindow.created[0]!;
  const event = { sender: win.webContents, senderFrame: { url: APP_ENTRY_URL, parent: null } };
  return main.ipc.get(IPC_PREFIX + channel)!(event, input) as Promise<{ ok: boolean; value?: any; error?: { code: string } }>;
}

const tempDir = useTempDir();
let main: Main | undefined;

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  // Close what a test opened before its temp folder goes.
  if (main?.BrowserWindow.created[0]) await invoke(main, 'study.close');
  main = undefined;
  vi.restoreAllMocks();
});

/** A study with coder C01 and a 10-minute recording, unlocked in the first window. */
async function unlockedStudy(m: Main): Promise<string> {
  const study = makeStudy(tempDir(), 120);
  addTestCoder(study, 'C01');
  addFakeRecording(study, 'D01-S01', 10 * 60_000);
  closeStudy(study);
  expect((await invoke(m, 'study.open', { path: study.path, passphrase: PASSPHRASE })).ok).toBe(true);
  expect((await invoke(m, 'session.selectCoder', { code: 'C01' })).ok).toBe(true);
  return study.path;
}

const waitUntilClosed = async (m: Main) => {
  await vi.waitFor(async () => expect((await invoke(m, 'session.state')).value).toEqual({ open: false }));
};

describe('starting the app', () => {
  it('forces the sandbox on every renderer and registers the app’s own schemes, both before ready', async () => {
    main = await startMain();
    expect(main.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(main.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([...PRIVILEGED_SCHEMES]);
    expect(main.log.indexOf('enableSandbox')).toBeLessThan(main.log.indexOf('window'));
    expect(main.log.indexOf('registerSchemes')).toBeLessThan(main.log.indexOf('window'));
  });

  it('hardens the session before the first window opens', async () => {
    main = await startMain();
    expect(main.log.indexOf('permissions')).toBeGreaterThanOrEqual(0);
    expect(main.log.indexOf('permissions')).toBeLessThan(main.log.indexOf('window'));
    for (const scheme of ['app', 'media', ...INTERCEPTED_SCHEMES]) expect(main.schemes.has(scheme), scheme).toBe(true);
    expect(main.webRequest.beforeRequest).toBeTypeOf('function');
  });

  it('opens one window with exactly the secure web preferences and loads the app’s own page', async () => {
    main = await startMain();
    expect(main.BrowserWindow.created).toHaveLength(1);
    const win = main.BrowserWindow.created[0]!;
    expect(win.options['webPreferences']).toEqual(secureWebPreferences({ preload: expect.stringMatching(/preload[\\/]index\.cjs$/) as unknown as string, devTools: false }));
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });

  it('registers every contract channel, answering only the app’s own page in one of its windows', async () => {
    main = await startMain();
    const win = main.BrowserWindow.created[0]!;
    const answer = (event: object) => main!.ipc.get(`${IPC_PREFIX}session.state`)!(event, {}) as Promise<{ ok: boolean; error?: { code: string } }>;
    expect(await invoke(main, 'session.state')).toEqual({ ok: true, value: { open: false } });
    expect(await answer({ sender: main.contents(), senderFrame: { url: APP_ENTRY_URL, parent: null } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await answer({ sender: win.webContents, senderFrame: { url: 'https://example.org/', parent: null } })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('one guard for every web contents', () => {
  it('blocks navigation, redirects, new windows and webviews in a web contents created at any time', async () => {
    main = await startMain();
    // A contents the app did not make itself (a future window, a devtools page): the same guard applies.
    const later = main.contents();
    main.app.emit('web-contents-created', {}, later);
    for (const contents of [main.BrowserWindow.created[0]!.webContents, later]) {
      for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
        const event = { preventDefault: vi.fn() };
        contents.emit(name, event, 'https://example.org/');
        expect(event.preventDefault, name).toHaveBeenCalled();
      }
      expect(contents.openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    }
  });
});

describe('one app at a time', () => {
  it('quits at once when another instance holds the lock, opening nothing', async () => {
    main = await startMain({ lockGranted: false });
    expect(main.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(main.app.quit).toHaveBeenCalled();
    expect(main.BrowserWindow.created).toHaveLength(0);
    expect(main.ipc.size).toBe(0);
    main = undefined;
  });

  it('brings the open window forward when the app is started a second time', async () => {
    main = await startMain();
    const win = main.BrowserWindow.created[0]!;
    main.app.emit('second-instance', {}, ['3rs-station'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(main.BrowserWindow.created).toHaveLength(1);
  });
});

describe('the system lock', () => {
  it.each(['lock-screen', 'suspend'])('on %s closes the open study', async (event) => {
    main = await startMain();
    await unlockedStudy(main);
    expect((await invoke(main, 'session.state')).value).toEqual({ open: true });
    main.module.powerMonitor.emit(event);
    await waitUntilClosed(main);
    expect(await invoke(main, 'study.info')).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
  });

  it('commits a mark sent just before the screen locks', async () => {
    main = await startMain();
    const path = await unlockedStudy(main);
    const marking = invoke(main, 'marks.add', { recording: 'D01-S01', code: 'W2', clarity: 'check', timeMs: 61_000 });
    main.module.powerMonitor.emit('lock-screen');
    expect(await marking).toMatchObject({ ok: true });
    await waitUntilClosed(main);
    const reopened = openStudy(path, PASSPHRASE);
    try {
      expect(listMarks(reopened.db, 'D01-S01', 'C01').map((m) => [m.code, m.timeMs])).toEqual([['W2', 61_000]]);
    } finally {
      closeStudy(reopened);
    }
  });
});

describe('stopped requests', () => {
  it('are counted by the main process and reported by app.security', async () => {
    main = await startMain();
    await unlockedStudy(main);
    const cancelled = vi.fn();
    main.webRequest.beforeRequest!({ url: 'wss://collector.example/socket' }, cancelled);
    expect(cancelled).toHaveBeenCalledWith({ cancel: true });
    const answer = await main.schemes.get('https')!(new Request('https://fonts.example/roboto.css'));
    expect(answer.type).toBe('error');
    const report = await invoke(main, 'app.security');
    expect(report.value.blockedRequests).toBe(2);
  });
});

describe('quitting', () => {
  it('waits until every study is closed before the app quits', async () => {
    main = await startMain();
    await unlockedStudy(main);
    const event = { preventDefault: vi.fn() };
    main.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(main!.app.quit).toHaveBeenCalled());
    expect((await invoke(main, 'session.state')).value).toEqual({ open: false });
    // The second before-quit (from that app.quit) goes through.
    const again = { preventDefault: vi.fn() };
    main.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
