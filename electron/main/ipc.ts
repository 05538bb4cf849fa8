import type { IpcMain, WebContents } from 'electron';
import { ANSWER_CHANNEL, CHANNELS, IPC_PREFIX } from '../core/api/channels.ts';
import type { ApiHandlers } from '../core/api/handlers.ts';
import type { PageEvents } from './page-events.ts';
import { isAppPage, type Policy } from './policy.ts';

const forbidden = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This page is not part of 3RS Station and may not use the study. Restart the app.' },
} as const;

/** What Electron says about who sent a call: the window's contents and the frame inside it. */
interface Sender {
  sender: WebContents;
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Only the app's own page may call: a window the app opened, its top frame (the app has no frames, and the CSP
 * loads none), at the app's origin.
 */
function isAppSender<T>(event: Sender, target: T | undefined, policy: Policy): target is T {
  const frame = event.senderFrame;
  return target !== undefined && frame !== null && !frame.parent && isAppPage(frame.url, policy);
}

/** One ipcMain handler per contract channel; each call goes to the handlers of the window that sent it. */
export function registerApi(ipcMain: IpcMain, handlersFor: (sender: WebContents) => ApiHandlers | undefined, policy: Policy): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event, input: unknown) => {
      const handlers = handlersFor(event.sender);
      if (!isAppSender(event, handlers, policy)) return forbidden;
      return handlers[channel](input);
    });
  }
}

/** The page's answers to pushed events (see page-events.ts), taken only from the app's own page in the window asked. */
export function registerAnswers(ipcMain: Pick<IpcMain, 'on'>, eventsFor: (sender: WebContents) => PageEvents | undefined, policy: Policy): void {
  ipcMain.on(ANSWER_CHANNEL, (event, id: unknown, answer: unknown) => {
    const events = eventsFor(event.sender);
    if (isAppSender(event, events, policy)) events.answered(id, answer);
  });
}
