// Pushing typed events to a window's page and waiting, bounded, for its answer. Plain functions over a `send`
// the wiring gives (webContents.send in Electron, a page evaluation in the browser harness), so every path is
// tested without Electron. The preload answers every push on ANSWER_CHANNEL (channels.ts) with the push's id.

import type { EventName } from '../core/api/channels.ts';
import type { EventAnswer, EventPayload } from '../core/api/contract.ts';

/** Sends one push to the page; the wiring decides how. */
export type SendEvent = (id: number, name: EventName, payload: unknown) => void;

export interface PageEvents {
  /** Pushes `name` and resolves to the page's answer, or null when none came within `waitMs` (a hung or gone page). */
  ask<E extends EventName>(name: E, payload: EventPayload<E>, waitMs: number): Promise<EventAnswer<E> | null>;
  /** Pushes `name` without waiting for anything. */
  tell<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Hands in the page's answer to push `id` (from the answer channel); an unknown or late id is ignored. */
  answered(id: unknown, answer: unknown): void;
}

export function createPageEvents(send: SendEvent): PageEvents {
  let nextId = 1;
  const waiting = new Map<number, (answer: unknown) => void>();

  const push = (name: EventName, payload: unknown): number => {
    const id = nextId++;
    try {
      send(id, name, payload);
    } catch {
      // A window already destroyed cannot be told anything: whoever waits runs into the bound.
    }
    return id;
  };

  return {
    ask(name, payload, waitMs) {
      return new Promise((resolve) => {
        const id = push(name, payload);
        const timer = setTimeout(() => finish(null), waitMs);
        const finish = (answer: unknown) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(answer as never);
        };
        waiting.set(id, finish);
      });
    },
    tell(name, payload) {
      push(name, payload);
    },
    answered(id, answer) {
      if (typeof id === 'number') waiting.get(id)?.(answer ?? null);
    },
  };
}
