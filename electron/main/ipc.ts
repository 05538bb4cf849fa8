import type { IpcMain, WebContents } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../core/api/channels.ts';
import type { ApiHandlers } from '../core/api/handlers.ts';
import { isAppPage, type Policy } from './policy.ts';

const forbidden = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This page is not part of 3RS Station and may not use the study. Restart the app.' },
} as const;

/** One ipcMain handler per contract channel; each call goes to the handlers of the window that sent it. */
export function registerApi(ipcMain: IpcMain, handlersFor: (sender: WebContents) => ApiHandlers | undefined, policy: Policy): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event, input: unknown) => {
      const handlers = handlersFor(event.sender);
      if (!handlers || !event.senderFrame || !isAppPage(event.senderFrame.url, policy)) return forbidden;
      return handlers[channel](input);
    });
  }
}
