// The core's data as server state (TanStack Query): each question is a query keyed by its channel and input, so
// the newest question's answer is the one shown, an unchanged part of a new answer keeps its old object
// (structural sharing), and locking the study drops every answer at once.

import { QueryClient } from '@tanstack/react-query';
import type { Channel, ErrorValue, In, Out } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { onStudyReset } from './study.ts';

/** A core answer that is an error, thrown so the query holds it; `value` is the core's code and message. */
export class CoreError extends Error {
  readonly value: ErrorValue;
  constructor(value: ErrorValue) {
    super(value.message);
    this.value = value;
  }
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: CoreError;
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The core is on this computer: "offline" (navigator.onLine) never stops a question, and a refusal
      // is an answer with a message, not a network hiccup worth asking again.
      networkMode: 'always',
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
    mutations: { networkMode: 'always', retry: false },
  },
});

/** The key of a question to the core: its channel and input, as TanStack compares keys (deeply). */
export const askKey = <C extends Channel>(channel: C, input: In<C>) => [channel, input] as const;

/** Asks the core for a query: the value, or the core's error thrown as a CoreError. */
export async function ask<C extends Channel>(channel: C, input: In<C>): Promise<Out<C>> {
  const answer = await call(channel, input);
  if (!answer.ok) throw new CoreError(answer.error);
  return answer.value;
}

/** A query of one channel: its key, and asking the core. */
export const askOptions = <C extends Channel>(channel: C, input: In<C>) => ({ queryKey: askKey(channel, input), queryFn: () => ask(channel, input) });

// Nothing of a study outlives its lock: questions on their way are dropped with every answer kept.
onStudyReset(() => {
  void queryClient.cancelQueries();
  queryClient.clear();
});
