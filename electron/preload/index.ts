// Exposes exactly the contract's channels to the page, each a function that asks the main process.
// Nothing else crosses: no ipcRenderer, no generic invoke, no Node.

import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../core/api/channels.ts';

const api = Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(IPC_PREFIX + channel, input)]));

contextBridge.exposeInMainWorld('api', api);
