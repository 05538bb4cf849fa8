// Exposes exactly the contract's channels to the page, each a function that asks the main process, `on` for the
// contract's pushed events, whose handlers' answer goes back to the main process, and `pathForFile` for a file
// dropped on the page (File.path is gone from Electron). Nothing else crosses: no ipcRenderer, no generic invoke
// or send, no Node.

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { ANSWER_CHANNEL, CHANNELS, EVENT_CHANNEL, EVENTS, IPC_PREFIX, type EventName } from '../core/api/channels.ts';

type Handler = (payload: unknown) => unknown;
const listeners = new Map<EventName, Set<Handler>>();
const isEvent = (name: unknown): name is EventName => (EVENTS as readonly unknown[]).includes(name);

/** Runs the page's handlers of one push; the answer is the last handler's (null without one), sent when all are done. */
ipcRenderer.on(EVENT_CHANNEL, (_event, id: unknown, name: unknown, payload: unknown) => {
  if (typeof id !== 'number' || !isEvent(name)) return;
  const handlers = [...(listeners.get(name) ?? [])];
  void Promise.allSettled(handlers.map(async (handler) => handler(payload))).then((results) => {
    const last = results.at(-1);
    ipcRenderer.send(ANSWER_CHANNEL, id, last?.status === 'fulfilled' ? (last.value ?? null) : null);
  });
});

const on = (name: unknown, handler: unknown): (() => void) => {
  if (!isEvent(name) || typeof handler !== 'function') throw new TypeError(`window.api.on: "${String(name)}" is not one of the app's events.`);
  const own = (payload: unknown) => (handler as Handler)(payload);
  const set = listeners.get(name) ?? new Set<Handler>();
  set.add(own);
  listeners.set(name, set);
  return () => void set.delete(own);
};

const api = {
  ...Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(IPC_PREFIX + channel, input)])),
  on,
  // Only for a File the page really holds (a drop): webUtils refuses anything else.
  pathForFile: (file: unknown): string => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld('api', api);
