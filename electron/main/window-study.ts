// What happens to a window's study when it must close under the page: a system lock, the main process's idle
// deadline, the window closing, a reload, the app quitting. The page is first asked to save the notes being
// typed and the close waits for its answer, bounded, so a hung page cannot hold the study open; then the study
// closes (the core commits the calls under way and checkpoints the file). Plain functions: tested without Electron.

import type { LockReason } from '../core/api/contract.ts';
import type { ApiHandlers } from '../core/api/handlers.ts';
import type { PageEvents } from './page-events.ts';

/** How long a close waits for the page to save its drafts: a typed note is a few milliseconds away; a hung page is not. */
export const DRAFTS_WAIT_MS = 2000;

export interface WindowStudy {
  /**
   * Asks the page to save its drafts, waits for the answer (at most `DRAFTS_WAIT_MS`), then closes the study.
   * For a window that goes or reloads; the page needs no word afterwards.
   */
  close(reason: LockReason): Promise<void>;
  /** As close, then tells the page the study is locked and why, so it shows the unlock screen. Nothing when no study is open. */
  lock(reason: LockReason): Promise<void>;
}

export interface WindowStudyOptions {
  handlers: ApiHandlers;
  events: PageEvents;
  waitMs?: number;
}

export function windowStudy({ handlers, events, waitMs = DRAFTS_WAIT_MS }: WindowStudyOptions): WindowStudy {
  const isOpen = async () => {
    const state = await handlers['session.state']({});
    return state.ok && state.value.open;
  };
  const close = async (reason: LockReason) => {
    if (await isOpen()) await events.ask('drafts.save', { reason }, waitMs);
    await handlers['study.close']({});
  };
  return {
    close,
    async lock(reason) {
      if (!(await isOpen())) return;
      await close(reason);
      events.tell('session.locked', { reason });
    },
  };
}
