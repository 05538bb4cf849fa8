// The lead's reliability report: the recordings, coders and check-minus setting on screen, and the report
// the core computed for exactly those. Each change asks again; a late answer for older choices is dropped.

import { create } from 'zustand';
import type { CheckMinus, ErrorValue, ReliabilityReport } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { onStudyReset, useStudy } from './study.ts';
import { useUi } from './ui.ts';

interface ReliabilityData {
  /** The chosen coders and recordings; null until the first report says what the core chose by default. */
  coders: string[] | null;
  recordings: string[] | null;
  checkMinus: CheckMinus;
  report: ReliabilityReport | null;
  loading: boolean;
  error: ErrorValue | null;
}

export interface ReliabilityState extends ReliabilityData {
  /** Opens the report with the core's defaults: every recording, every coder who coded one. */
  open(): Promise<boolean>;
  toggleCoder(code: string): Promise<boolean>;
  toggleRecording(code: string): Promise<boolean>;
  setCheckMinus(setting: CheckMinus): Promise<boolean>;
  reset(): void;
}

const EMPTY: ReliabilityData = { coders: null, recordings: null, checkMinus: 'present', report: null, loading: false, error: null };

/** `list` with `code` added or taken out, sorted as the study lists codes. */
function toggled(list: string[], code: string): string[] {
  const next = new Set(list);
  if (!next.delete(code)) next.add(code);
  return [...next].sort();
}

export const useReliability = create<ReliabilityState>()((set, get) => {
  let epoch = 0;

  const load = async (): Promise<boolean> => {
    const since = ++epoch;
    const { coders, recordings, checkMinus } = get();
    set({ loading: true, error: null });
    const answer = await call('reliability.report', { ...(coders ? { coders } : {}), ...(recordings ? { recordings } : {}), checkMinus });
    if (since !== epoch) return false;
    if (!answer.ok) {
      set({ loading: false, report: null, error: answer.error });
      return false;
    }
    set({ loading: false, report: answer.value, coders: answer.value.coders, recordings: answer.value.recordings });
    return true;
  };

  return {
    ...EMPTY,

    open() {
      epoch++;
      set(EMPTY);
      useUi.getState().show('reliability');
      // The choices list the study's coders and recordings: a consensus coder may have been added since.
      void useStudy.getState().refresh();
      return load();
    },

    toggleCoder(code) {
      set({ coders: toggled(get().coders ?? [], code) });
      return load();
    },

    toggleRecording(code) {
      set({ recordings: toggled(get().recordings ?? [], code) });
      return load();
    },

    setCheckMinus(setting) {
      set({ checkMinus: setting });
      return load();
    },

    reset() {
      epoch++;
      set(EMPTY);
    },
  };
});

onStudyReset(() => useReliability.getState().reset());
