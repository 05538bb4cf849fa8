// The main process's wiring, run against a stand-in for the `electron` module (the binary cannot run here):
// what electron/main/index.ts does at start, on each window, on a second start, on a screen lock and on quit.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_CHANNEL, EVENT_CHANNEL, IPC_PREFIX } from '../../electron/core/api/channels.ts';
import { listMarks } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { CORE_STOPPED } from '../../electron/main/core-client.ts';
import { DEFAULT_IDLE_MINUTES, IDLE_GRACE_MS } from '../../electron/main/idle-deadline.ts';
import { APP_ENTRY_URL, INTERCEPTED_SCHEMES, PRIVILEGED_SCHEMES, secureWebPreferences } from '../../electron/main/policy.ts';
import { DRAFTS_WAIT_MS } from '../../electron/main/window-study.ts';
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

    /** What the main process pushed to each page: [channel, ...args]. */
    const pushed: unknown[][] = [];
    const contents = () => {
      const c = Object.assign(new Emitter(), {
        id: nextId++,
        openHandler: undefined as Listener | undefined,
        setWindowOpenHandler(handler: Listener) {
          c.openHandler = handler;
        },
        send: vi.fn((...args: unknown[]) => void pushed.push(args)),
        reload: vi.fn(() => void log.push('reload')),
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
      /** As Electron: 'close' may be prevented; otherwise the window goes ('closed'). */
      close() {
        const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
        this.emit('close', event);
        if (!event.defaultPrevented) {
          log.push('closed');
          this.emit('closed');
        }
      }
      static getFocusedWindow() {
        return BrowserWindow.created[0] ?? null;
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

    const menu = { template: undefined as unknown, set: vi.fn() };
    const answers = new Map<string, Listener>();
    const module = {
      app,
      BrowserWindow,
      dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
      ipcMain: {
        handle: (channel: string, listener: Listener) => void ipc.set(channel, listener),
        on: (channel: string, listener: Listener) => void answers.set(channel, listener),
      },
      Menu: {
        buildFromTemplate: (template: unknown) => {
          menu.template = template;
          return { template };
        },
        setApplicationMenu: menu.set,
      },
      net: { fetch: vi.fn() },
      powerMonitor: new Emitter(),
      protocol,
      session: { defaultSession },
    };
    return { module, log, schemes, ipc, answers, pushed, menu, webRequest, permissions, contents, BrowserWindow, app };
  };

  return { build, current: undefined as unknown as ReturnType<typeof build> };
});

// The mocked module is made once; each name reads the stand-in of the current test.
vi.mock('electron', () =>
  Object.fromEntries(
    ['app', 'BrowserWindow', 'dialog', 'ipcMain', 'Menu', 'net', 'powerMonitor', 'protocol', 'session'].map((name) => [
      name,
      new Proxy(function () {}, {
        get: (_t, key) => Reflect.get(fake.current.module[name as keyof typeof fake.current.module], key),
        construct: (_t, args) => Reflect.construct(fake.current.module[name as 'BrowserWindow'], args),
      }),
    ]),
  ),
);

/** Starts the main process (a fresh import of index.ts) on a fresh stand-in; resolves once `ready` has run. */
async function startMain({ lockGranted = true, packaged = true } = {}) {
  fake.current = fake.build(lockGranted);
  fake.current.app.isPackaged = packaged;
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

/**
 * Waits (in real time) until the page was asked to save its drafts: a lock asks the core's worker first whether a
 * study is open, so the ask and its bound start only once that answer came back, whatever fake clock runs.
 */
const waitUntilAsked = async (m: Main) => {
  await vi.waitFor(() => expect(pushes(m).map(([name]) => name)).toContain('drafts.save'));
};

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
    expect(win.options['webPreferences']).toEqual(
      secureWebPreferences({ preload: expect.stringMatching(/preload[\\/]index\.cjs$/) as unknown as string, devTools: false }),
    );
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });

  it('registers every contract channel, answering only the app’s own page in one of its windows', async () => {
    main = await startMain();
    const win = main.BrowserWindow.created[0]!;
    const answer = (event: object) => main!.ipc.get(`${IPC_PREFIX}session.state`)!(event, {}) as Promise<{ ok: boolean; error?: { code: string } }>;
    expect(await invoke(main, 'session.state')).toEqual({ ok: true, value: { open: false } });
    expect(await answer({ sender: main.contents(), senderFrame: { url: APP_ENTRY_URL, parent: null } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await answer({ sender: win.webContents, senderFrame: { url: 'https://example.org/', parent: null } })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
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

/** The app's own page in the first window, as the preload sends its answers. */
const fromPage = (m: Main) => ({ sender: m.BrowserWindow.created[0]!.webContents, senderFrame: { url: APP_ENTRY_URL, parent: null } });

/** What the main process pushed to the first window's page: [event, payload] in order. */
const pushes = (m: Main) => m.pushed.filter(([channel]) => channel === EVENT_CHANNEL).map(([, , name, payload]) => [name, payload]);

/**
 * The page of a coder typing a note on the mark at 1:01: asked to save its drafts, it saves the note through the
 * api (as NoteField does) and answers once the core has it, as the preload would.
 */
function typingPage(m: Main, note: string): void {
  m.BrowserWindow.created[0]!.webContents.send.mockImplementation((...args: unknown[]) => {
    m.pushed.push(args);
    const [, id, name] = args as [string, number, string];
    if (name !== 'drafts.save') return;
    void (async () => {
      const view = await invoke(m, 'coding.view', { recording: 'D01-S01' });
      const mark = view.value.marks[0];
      await invoke(m, 'marks.change', { id: mark.id, note });
      m.answers.get(ANSWER_CHANNEL)!(fromPage(m), id, { saved: 1 });
    })();
  });
}

/** A study with a mark at 1:01 whose note is being typed. */
async function typingStudy(m: Main, note = 'patient looks away, then changes the subject'): Promise<string> {
  const path = await unlockedStudy(m);
  expect(await invoke(m, 'marks.add', { recording: 'D01-S01', code: 'W4', clarity: 'check', timeMs: 61_000 })).toMatchObject({ ok: true });
  typingPage(m, note);
  return path;
}

function notesOnDisk(path: string): string[] {
  const reopened = openStudy(path, PASSPHRASE);
  try {
    return listMarks(reopened.db, 'D01-S01', 'C01').map((m) => m.note);
  } finally {
    closeStudy(reopened);
  }
}

describe('the system lock', () => {
  it.each(['lock-screen', 'suspend'])('on %s asks the page to save its drafts, then closes the study and tells the page why', async (event) => {
    main = await startMain();
    const path = await typingStudy(main);
    main.module.powerMonitor.emit(event);
    await waitUntilClosed(main);
    expect(pushes(main)).toEqual([
      ['drafts.save', { reason: 'system' }],
      ['session.locked', { reason: 'system' }],
    ]);
    expect(await invoke(main, 'study.info')).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
    expect(notesOnDisk(path)).toEqual(['patient looks away, then changes the subject']);
  });

  it('commits a mark sent just before the screen locks', async () => {
    main = await startMain();
    const path = await unlockedStudy(main);
    typingPage(main, '');
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

  it(`still locks when the page never answers: the study closes ${DRAFTS_WAIT_MS / 1000} s after asking`, async () => {
    main = await startMain();
    await unlockedStudy(main);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    main.module.powerMonitor.emit('lock-screen');
    await waitUntilAsked(main);
    await vi.advanceTimersByTimeAsync(DRAFTS_WAIT_MS - 100);
    expect((await invoke(main, 'session.state')).value).toEqual({ open: true });
    await vi.advanceTimersByTimeAsync(100);
    vi.useRealTimers();
    await waitUntilClosed(main);
  });
});

describe('the main process’s own idle deadline', () => {
  it('locks the study of a page that stopped reporting activity (a hung page), a minute after the page itself would have', async () => {
    main = await startMain();
    await unlockedStudy(main);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    expect(await invoke(main, 'session.activity', { idleMinutes: 2 })).toEqual({ ok: true, value: null });
    await vi.advanceTimersByTimeAsync(2 * 60_000 + IDLE_GRACE_MS - 1000);
    expect((await invoke(main, 'session.state')).value).toEqual({ open: true });
    await vi.advanceTimersByTimeAsync(1000);
    await waitUntilAsked(main);
    await vi.advanceTimersByTimeAsync(DRAFTS_WAIT_MS);
    vi.useRealTimers();
    await waitUntilClosed(main);
    expect(pushes(main).map(([name]) => name)).toEqual(['drafts.save', 'session.locked']);
  });

  it('runs from the window’s start, so a page that hangs before its first report still locks', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const starting = startMain();
    await vi.advanceTimersByTimeAsync(1);
    main = await starting;
    await unlockedStudy(main);
    await vi.advanceTimersByTimeAsync(DEFAULT_IDLE_MINUTES * 60_000 + IDLE_GRACE_MS);
    await waitUntilAsked(main);
    await vi.advanceTimersByTimeAsync(DRAFTS_WAIT_MS);
    vi.useRealTimers();
    await waitUntilClosed(main);
  });

  it('waits again from each report of activity', async () => {
    main = await startMain();
    await unlockedStudy(main);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    for (let i = 0; i < 5; i++) {
      await invoke(main, 'session.activity', { idleMinutes: 1 });
      await vi.advanceTimersByTimeAsync(60_000);
    }
    vi.useRealTimers();
    expect((await invoke(main, 'session.state')).value).toEqual({ open: true });
    expect(pushes(main)).toEqual([]);
  });
});

describe('closing the window', () => {
  it('keeps the window until its page saved the note being typed and the study is closed', async () => {
    main = await startMain();
    const path = await typingStudy(main, 'typed as the window closed');
    const win = main.BrowserWindow.created[0]!;
    win.close();
    expect(main.log).not.toContain('closed');
    await vi.waitFor(() => expect(main!.log).toContain('closed'));
    // The window is gone, and with it its handlers: the page can no longer call.
    expect(await invoke(main, 'session.state')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(pushes(main).map(([name]) => name)).toEqual(['drafts.save']);
    expect(notesOnDisk(path)).toEqual(['typed as the window closed']);
  });

  it('closes the study at once when the page crashed (nothing to ask)', async () => {
    main = await startMain();
    await unlockedStudy(main);
    main.BrowserWindow.created[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    await waitUntilClosed(main);
    expect(pushes(main)).toEqual([]);
  });
});

describe('the application menu', () => {
  type Item = { role?: string; label?: string; accelerator?: string; click?: () => void; submenu?: Item[] };
  const items = (m: Main): Item[] => (m.menu.template as Item[]).flatMap((item) => [item, ...(item.submenu ?? [])]);

  it('of a packaged app has no reload and no developer tools, by menu or by key', async () => {
    main = await startMain();
    expect(main.menu.set).toHaveBeenCalledTimes(1);
    const all = items(main);
    expect(all.filter((i) => ['reload', 'forceReload', 'toggleDevTools'].includes(i.role ?? ''))).toEqual([]);
    expect(all.filter((i) => i.label === 'Reload' || /R$|F5|I$/.test(i.accelerator ?? ''))).toEqual([]);
    // Copy and paste in the text fields stay.
    expect(all.map((i) => i.role)).toEqual(expect.arrayContaining(['copy', 'paste', 'undo']));
  });

  it('of a development build reloads only after the page saved its drafts and the study closed', async () => {
    main = await startMain({ packaged: false });
    const path = await typingStudy(main, 'typed before a reload');
    const reload = items(main).find((i) => i.label === 'Reload')!;
    expect(reload.accelerator).toBe('CmdOrCtrl+R');
    expect(items(main).some((i) => i.role === 'toggleDevTools')).toBe(true);
    reload.click!();
    await vi.waitFor(() => expect(main!.log).toContain('reload'));
    expect((await invoke(main, 'session.state')).value).toEqual({ open: false });
    expect(notesOnDisk(path)).toEqual(['typed before a reload']);
  });
});

describe('files chosen in a native dialog', () => {
  it('are offered to the page, and only the chosen path comes back, from a dialog over its own window', async () => {
    main = await startMain();
    main.module.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/data/sessions/d01-s01.mp4'] });
    expect(await invoke(main, 'files.canChoose')).toEqual({ ok: true, value: true });
    expect(await invoke(main, 'files.choose', { kind: 'recording' })).toEqual({ ok: true, value: { path: '/data/sessions/d01-s01.mp4' } });
    expect(main.module.dialog.showOpenDialog).toHaveBeenCalledWith(
      main.BrowserWindow.created[0],
      expect.objectContaining({ properties: ['openFile'] }),
    );
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
    const path = await typingStudy(main, 'typed as the app quit');
    const event = { preventDefault: vi.fn() };
    main.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(main!.app.quit).toHaveBeenCalled());
    expect((await invoke(main, 'session.state')).value).toEqual({ open: false });
    expect(notesOnDisk(path)).toEqual(['typed as the app quit']);
    // The second before-quit (from that app.quit) goes through.
    const again = { preventDefault: vi.fn() };
    main.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('stops the core’s worker as the app quits, its studies closed before', async () => {
    main = await startMain();
    await unlockedStudy(main);
    // What before-quit waited for (above); then Electron says the app will quit.
    expect(await invoke(main, 'study.close')).toEqual({ ok: true, value: null });
    main.app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(async () => expect(await invoke(main!, 'session.state')).toEqual({ ok: false, error: CORE_STOPPED }));
  });
});
