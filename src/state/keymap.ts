// The coder's marker keys, kept in this computer's browser storage (they are a preference of the
// person at the keyboard, not study data). Stored with a version so a later app can migrate them.

import { useMemo } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { commandOnKey } from '../keys/commands.ts';
import { conflictFor, effectiveBindings, type Bindings, type Conflict } from '../keys/keymap.ts';
import { isMarkableKey } from '../keys/keycodes.ts';

export const KEYMAP_STORAGE_KEY = '3rs-station.keymap';
export const KEYMAP_VERSION = 2;

interface KeymapStored {
  /** Scheme id → the codes whose key the coder changed → KeyboardEvent.code. Defaults are not stored. */
  overrides: Record<string, Bindings>;
}

export interface PendingConflict {
  scheme: string;
  code: string;
  conflict: Conflict;
}

export interface KeymapState extends KeymapStored {
  /** The last refused assignment, so the editor can explain it and offer a swap. */
  conflict: PendingConflict | null;
  /** Gives `key` to marker `code`; refused (false, with `conflict` set) when the key is taken or unusable. */
  assign(scheme: Scheme, code: string, key: string): boolean;
  /** Gives `key` to `code` and the marker that held it gets `code`'s old key. */
  swap(scheme: Scheme, code: string, key: string): void;
  resetToDefaults(scheme: Scheme): void;
  clearConflict(): void;
}

/**
 * Keeps the well-formed bindings of a stored key map of any version and drops the rest, and any on a key that has
 * since become a player or editing key (version 2 took N, M, ` Home and End): that marker gets its default back.
 */
export function migrateKeymap(stored: unknown, fromVersion: number): KeymapStored {
  const overrides: Record<string, Bindings> = {};
  const source = (stored as { overrides?: unknown } | null)?.overrides;
  if (fromVersion > KEYMAP_VERSION || typeof source !== 'object' || source === null) return { overrides };
  for (const [scheme, bindings] of Object.entries(source)) {
    if (typeof bindings !== 'object' || bindings === null) continue;
    const kept = Object.entries(bindings as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && isMarkableKey(e[1]) && commandOnKey(e[1]) === null,
    );
    if (kept.length > 0) overrides[scheme] = Object.fromEntries(kept);
  }
  return { overrides };
}

export const useKeymap = create<KeymapState>()(
  persist(
    (set, get) => {
      const store = (scheme: Scheme, bindings: Bindings) => {
        set((s) => ({ overrides: { ...s.overrides, [scheme.id]: bindings }, conflict: null }));
      };
      const current = (scheme: Scheme) => effectiveBindings(scheme, get().overrides[scheme.id]);
      /** Only the codes whose key differs from the scheme's default are stored. */
      const changed = (scheme: Scheme, bindings: Bindings): Bindings =>
        Object.fromEntries(scheme.codes.filter((c) => bindings[c.id] !== c.defaultKey).map((c) => [c.id, bindings[c.id]!]));

      return {
        overrides: {},
        conflict: null,

        assign(scheme, code, key) {
          const bindings = current(scheme);
          const conflict = conflictFor(scheme, bindings, code, key);
          if (conflict) {
            set({ conflict: { scheme: scheme.id, code, conflict } });
            return false;
          }
          store(scheme, changed(scheme, { ...bindings, [code]: key }));
          return true;
        },

        swap(scheme, code, key) {
          const bindings = current(scheme);
          const holder = Object.keys(bindings).find((other) => other !== code && bindings[other] === key);
          const next = { ...bindings, [code]: key };
          if (holder) next[holder] = bindings[code]!;
          store(scheme, changed(scheme, next));
        },

        resetToDefaults(scheme) {
          store(scheme, {});
        },

        clearConflict: () => set({ conflict: null }),
      };
    },
    {
      name: KEYMAP_STORAGE_KEY,
      version: KEYMAP_VERSION,
      storage: createJSONStorage(() => localStorage),
      partialize: (s): KeymapStored => ({ overrides: s.overrides }),
      migrate: migrateKeymap,
    },
  ),
);

/** The marker keys in force for a scheme. */
export function useBindings(scheme: Scheme | null): Bindings {
  const overrides = useKeymap((s) => (scheme ? s.overrides[scheme.id] : undefined));
  return useMemo(() => (scheme ? effectiveBindings(scheme, overrides) : {}), [scheme, overrides]);
}
