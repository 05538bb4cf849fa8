// The preload, run against a stand-in for Electron's contextBridge and ipcRenderer: what the page gets.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ANSWER_CHANNEL, CHANNELS, EVENT_CHANNEL, IPC_PREFIX } from '../../electron/core/api/channels.ts';

const bridge = vi.hoisted(() => {
  const exposed: [string, unknown][] = [];
  /** Which members of ipcRenderer the preload touched. */
  const touched = new Set<string>();
  const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
  /** Listeners the preload put on ipcRenderer, by channel. */
  const listening = new Map<string, (...args: unknown[]) => void>();
  const members = {
    invoke,
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => void listening.set(channel, listener)),
    postMessage: vi.fn(),
  };
  const ipcRenderer = new Proxy(members, {
    get(target, key) {
      touched.add(String(key));
      return Reflect.get(target, key);
    },
  });
  const getPathForFile = vi.fn((file: { name: string }) => `/home/lab/videos/${file.name}`);
  return { exposed, touched, invoke, members, ipcRenderer, listening, getPathForFile };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void bridge.exposed.push([key, value]) },
  ipcRenderer: bridge.ipcRenderer,
  webUtils: { getPathForFile: bridge.getPathForFile },
}));

beforeAll(async () => {
  await import('../../electron/preload/index.ts');
});

const api = () => bridge.exposed[0]![1] as Record<string, (...args: unknown[]) => unknown>;
/** The main process pushing an event to the page, as webContents.send would. */
const push = (...args: unknown[]) => bridge.listening.get(EVENT_CHANNEL)!({ sender: {} }, ...args);

describe('what the preload gives the page', () => {
  it('is one object, `api`, and nothing else', () => {
    expect(bridge.exposed.map(([key]) => key)).toEqual(['api']);
  });

  it('has exactly the contract’s channels, `on` for its events and `pathForFile` for a dropped file, each a function', () => {
    expect(Object.keys(api()).sort()).toEqual([...CHANNELS, 'on', 'pathForFile'].sort());
    for (const key of Object.keys(api())) expect(typeof api()[key], key).toBe('function');
  });

  it('holds no part of ipcRenderer: no invoke, send or on the page could call with a channel of its choosing', () => {
    const values = Object.values(api());
    // Compared by identity only: looking into the stand-in would count as using it.
    const raw: unknown[] = [bridge.ipcRenderer, bridge.members, ...Object.values(bridge.members)];
    expect(values.filter((value) => raw.includes(value))).toHaveLength(0);
    for (const name of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'postMessage']) expect(api()).not.toHaveProperty(name);
  });

  it('sends each call on its own prefixed channel only, with the input and nothing more', async () => {
    bridge.invoke.mockClear();
    expect(await api()['study.info']!({ a: 1 }, 'extra', () => 'callback')).toEqual({
      ok: true,
      value: { channel: `${IPC_PREFIX}study.info`, input: { a: 1 } },
    });
    expect(bridge.invoke).toHaveBeenCalledTimes(1);
    expect(bridge.invoke).toHaveBeenCalledWith(`${IPC_PREFIX}study.info`, { a: 1 });
    for (const channel of CHANNELS) await api()[channel]!('garbage');
    expect(bridge.invoke.mock.calls.slice(1).map(([channel]) => channel)).toEqual(CHANNELS.map((c) => IPC_PREFIX + c));
  });
});

describe('pushed events', () => {
  it('run the page’s handlers of that event, and the answer goes back with the push’s id once they are done', async () => {
    let finish: (saved: number) => void = () => undefined;
    const stop = api()['on']!('drafts.save', (payload: unknown) => {
      expect(payload).toEqual({ reason: 'system' });
      return new Promise<{ saved: number }>((resolve) => (finish = (saved) => resolve({ saved })));
    }) as () => void;
    bridge.members.send.mockClear();
    push(7, 'drafts.save', { reason: 'system' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.members.send).not.toHaveBeenCalled();
    finish(2);
    await vi.waitFor(() => expect(bridge.members.send).toHaveBeenCalledWith(ANSWER_CHANNEL, 7, { saved: 2 }));
    stop();
  });

  it('answer null when the page has no handler, or its handler failed; after unsubscribing the handler is not run', async () => {
    const handler = vi.fn(() => {
      throw new Error('broken');
    });
    const stop = api()['on']!('session.locked', handler) as () => void;
    bridge.members.send.mockClear();
    push(8, 'session.locked', { reason: 'idle' });
    await vi.waitFor(() => expect(bridge.members.send).toHaveBeenCalledWith(ANSWER_CHANNEL, 8, null));
    stop();
    push(9, 'session.locked', { reason: 'idle' });
    await vi.waitFor(() => expect(bridge.members.send).toHaveBeenCalledWith(ANSWER_CHANNEL, 9, null));
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('ignore pushes of names that are not the contract’s events, and `on` refuses them', async () => {
    bridge.members.send.mockClear();
    push(10, 'shell.openExternal', {});
    push('11', 'drafts.save', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.members.send).not.toHaveBeenCalled();
    expect(() => api()['on']!('anything', () => null)).toThrow(/not one of the app's events/);
    expect(() => api()['on']!('drafts.save', 'not a function')).toThrow();
  });
});

describe('a dropped file', () => {
  it('is given its path by Electron’s webUtils (File.path is gone)', () => {
    expect(api()['pathForFile']!({ name: 'd01-s01.mp4' })).toBe('/home/lab/videos/d01-s01.mp4');
    expect(bridge.getPathForFile).toHaveBeenCalledTimes(1);
  });
});

describe('after all of the above', () => {
  it('the preload used of ipcRenderer only invoke (calls), on (the pushed events) and send (the answers to them)', () => {
    expect([...bridge.touched].sort()).toEqual(['invoke', 'on', 'send']);
    expect([...bridge.listening.keys()]).toEqual([EVENT_CHANNEL]);
  });
});
