// The renderer's only door to the core: `window.api`, set by the preload (or by a test harness).

import type { Api, Channel, ErrorValue, EventAnswer, EventName, EventPayload, In, Out, Result } from '../electron/core/api/contract.ts';

declare global {
  interface Window {
    api: Api;
  }
}

export function api(): Api {
  return window.api;
}

/** Errors that are the app's own fault — a request of the wrong shape, a failure nobody foresaw — never the user's input. */
const BUG_CODES: ReadonlySet<ErrorValue['code']> = new Set(['BAD_REQUEST', 'INTERNAL']);

/** Whether an error is a bug in the app, to be reported, rather than something the user can put right. */
export const isBug = (error: { code?: ErrorValue['code'] }): boolean => error.code !== undefined && BUG_CODES.has(error.code);

/** Asks the core; a broken bridge becomes an error value too, so callers handle exactly one shape. */
export async function call<C extends Channel>(channel: C, input: In<C>): Promise<Result<Out<C>>> {
  try {
    const send = api()[channel] as (input: In<C>) => Promise<Result<Out<C>>>;
    return await send(input);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'INTERNAL', message: `The app's core did not answer (${reason}). Restart 3RS Station.` } };
  }
}

/**
 * Listens to an event the main process pushes (a lock it made, a request to save drafts); the handler's result is
 * the page's answer. Returns the unsubscribe. A host that pushes nothing (component tests' bare handlers) never calls it.
 */
export function onEvent<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => EventAnswer<E> | Promise<EventAnswer<E>>): () => void {
  return api().on?.(name, handler) ?? (() => undefined);
}
