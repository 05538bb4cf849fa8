// A store that asks the core again whenever its choices change: answers can arrive out of order, so only
// the answer to the newest question is set, and a late one for older choices is dropped.

import type { ErrorValue, Result } from '../../electron/core/api/contract.ts';

/** What such a store shows about its question. */
interface Asking {
  loading: boolean;
  error: ErrorValue | null;
}

export interface LatestAnswers<S> {
  /**
   * Asks `request` as the newest question, with `loading` on until it is answered; then sets what `answered`
   * makes of the value, or the error with `failed` (what the answer would have replaced, emptied). Resolves
   * true once an answer is set; false on an error, or when a newer question or `drop` came first.
   */
  ask<T>(request: () => Promise<Result<T>>, answered: (value: T) => Partial<S>, failed?: Partial<S>): Promise<boolean>;
  /** Drops the answers still on their way and sets `patch`, with nothing loading. */
  drop(patch: Partial<S>): void;
}

export function latestAnswers<S extends Asking>(set: (patch: Partial<S> | Partial<Asking>) => void): LatestAnswers<S> {
  let asked = 0;
  return {
    async ask(request, answered, failed = {}) {
      const since = ++asked;
      set({ loading: true, error: null });
      const answer = await request();
      if (since !== asked) return false;
      if (!answer.ok) {
        set({ ...failed, loading: false, error: answer.error });
        return false;
      }
      set({ ...answered(answer.value), loading: false });
      return true;
    },

    drop(patch) {
      asked++;
      set({ ...patch, loading: false });
    },
  };
}
