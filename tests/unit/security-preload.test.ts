// The preload, run against a stand-in for Electron's contextBridge and ipcRenderer: what the page gets.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, IPC_PREFIX } from '../../electron/core/api/channels.ts';

const bridge = vi.hoisted(() => {
  const exposed: [string, unknown][] = [];
  /** Which members of ipcRenderer the preload touched. */
  const touched = new Set<string>();
  const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
  const members = { invoke, send: vi.fn(), sendSync: vi.fn(), on: vi.fn(), postMessage: vi.fn() };
  const ipcRenderer = new Proxy(members, {
      get(target, key) {
        touched.add(String(key));
      return Reflect.get(target, key);
    },
  });
  return { exposed, touched, invoke, members, ipcRenderer };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void bridge.exposed.push([key, value]) },
  ipcRenderer: bridge.ipcRenderer,
}));

beforeAll(async () => {
  await import('../../electron/preload/index.ts');
});

const api = () => bridge.exposed[0]![1] as Record<string, (...args: unknown[]) => Promise<unknown>>;

describe('what the preload gives the page', () => {
  it('is one object, `api`, and nothing else', () => {
    expect(bridge.exposed.map(([key]) => key)).toEqual(['api']);
  });

  it('has exactly the contract’s channels, each a function', () => {
    expect(Object.keys(api()).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(typeof api()[channel], channel).toBe('function');
  });

  it('holds no part of ipcRenderer: no invoke, send or on the page could call with a channel of its choosing', () => {
    const values = Object.values(api());
    // Compared by identity only: looking into the stand-in would count as using it.
    const raw: unknown[] = [bridge.ipcRenderer, bridge.members, ...Object.values(bridge.members)];
    expect(values.filter((value) => raw.includes(value))).toHaveLength(0);
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'postMessage']) expect(api()).not.toHaveProperty(name);
  });

  it('sends each call on its own prefixed channel only, with the input and nothing more', async () => {
    bridge.invoke.mockClear();
    expect(await api()['study.info']!({ a: 1 }, 'extra', () => 'callback')).toEqual({ ok: true, value: { channel: `${IPC_PREFIX}study.info`, input: { a: 1 } } });
    expect(bridge.invoke).toHaveBeenCalledTimes(1);
    expect(bridge.invoke).toHaveBeenCalledWith(`${IPC_PREFIX}study.info`, { a: 1 });
    for (const channel of CHANNELS) await api()[channel]!('garbage');
    expect(bridge.invoke.mock.calls.slice(1).map(([channel]) => channel)).toEqual(CHANNELS.map((c) => IPC_PREFIX + c));
  });

  it('uses nothing of ipcRenderer but invoke', () => {
    expect([...bridge.touched].filter((key) => key !== 'invoke')).toEqual([]);
  });
});
