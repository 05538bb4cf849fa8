// The lead's reliability report: the recordings, coders, check-minus setting and whether unfinished codings
// count on screen, and the report the core computed for exactly those. Each change asks again; a late answer
// for older choices is dropped.

import { create } from 'zustand';
import type { CheckMinus, ErrorValue, ReliabilityReport } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { latestAnswers } from './latest.ts';
import { onStudyReset, useStudy } from './study.ts';
import { useUi } from './ui.ts';

interface ReliabilityData {
  /** The chosen coders and recordings; null until the first report says what the core chose by default. */
  coders: string[] | null;
  recordings: string[] | null;
  checkMinus: CheckMinus;
  /** Compare codings not yet marked complete too (off: complete codings only, as journals report). */
  includeUnfinished: boolean;
  report: ReliabilityReport | null;
  loading: boolean;
  error: ErrorValue | null;
}

export interface ReliabilityState extends ReliabilityData {
  /** Opens the report with the core's defaults: the coders who share the most complete codings, over the recordings they share. */
  open(): Promise<boolean>;
  toggleCoder(code: string): Promise<boolean>;
  toggleRecording(code: string): Promise<boolean>;
  /** Chooses exactly these recordings (none is refused by the core, which says to choose one). */
  chooseRecordings(codes: readonly string[]): Promise<boolean>;
  setCheckMinus(setting: CheckMinus): Promise<boolean>;
  setIncludeUnfinished(include: boolean): Promise<boolean>;
  reset(): void;
}

const EMPTY: ReliabilityData = {
  coders: null,
  recordings: null,
  checkMinus: 'present',
  includeUnfinished: false,
  report: null,
  loading: false,
  error: null,
};

/** `list` with `code` added or taken out, sorted as the study lists codes. */
function toggled(list: string[], code: string): string[] {
  const next = new Set(list);
  if (!next.delete(code)) next.add(code);
  return [...next].sort();
}

export const useReliability = create<ReliabilityState>()((set, get) => {
  const answers = latestAnswers<ReliabilityState>(set);

  const load = (): Promise<boolean> => {
    const { coders, recordings, checkMinus, includeUnfinished } = get();
    return answers.ask(
      () => call('reliability.report', { ...(coders ? { coders } : {}), ...(recordings ? { recordings } : {}), checkMinus, includeUnfinished }),
      // The report says which coders and recordings it covers: the core's defaults, the first time.
      (report) => ({ report, coders: report.coders, recordings: report.recordings }),
      { report: null },
    );
  };

  return {
    ...EMPTY,

    open() {
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

    chooseRecordings(codes) {
      set({ recordings: [...codes].sort() });
      return load();
    },

    setCheckMinus(setting) {
      set({ checkMinus: setting });
      return load();
    },

    setIncludeUnfinished(include) {
      set({ includeUnfinished: include });
      return load();
    },

    reset() {
      answers.drop(EMPTY);
    },
  };
});

onStudyReset(() => useReliability.getState().reset());
