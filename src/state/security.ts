// The Security panel's data: how the open study is protected, as the core reports it when the panel opens.

import { create } from 'zustand';
import type { ErrorValue, SecurityReport } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { onStudyReset } from './study.ts';
import { useUi } from './ui.ts';

interface SecurityData {
  report: SecurityReport | null;
  loading: boolean;
  error: ErrorValue | null;
}

export interface SecurityState extends SecurityData {
  /** Shows the panel and reads a fresh report (the count of stopped requests and the audit check change). */
  open(): Promise<boolean>;
  load(): Promise<boolean>;
  reset(): void;
}

const EMPTY: SecurityData = { report: null, loading: false, error: null };

export const useSecurity = create<SecurityState>()((set, get) => {
  // Bumped on lock: a report of a closed study is dropped.
  let epoch = 0;

  return {
    ...EMPTY,

    open() {
      // Back returns to the screen the panel was opened from, as from Settings.
      const { screen } = useUi.getState();
      if (screen !== 'security') useUi.setState({ previous: screen });
      useUi.getState().show('security');
      return get().load();
    },

    async load() {
      const since = epoch;
      set({ loading: true, error: null });
      const answer = await call('app.security', {});
      if (since !== epoch) return false;
      if (!answer.ok) {
        set({ loading: false, error: answer.error });
        return false;
      }
      set({ loading: false, report: answer.value });
      return true;
    },

    reset() {
      epoch++;
      set(EMPTY);
    },
  };
});

onStudyReset(() => useSecurity.getState().reset());
