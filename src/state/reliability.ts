// The lead's reliability report: the recordings, coders, check-minus setting and whether unfinished codings
// count, chosen on screen, and the report the core computed for exactly those (a query keyed by the choices,
// so an answer for older choices never replaces the newest one).

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { CheckMinus, ErrorValue, ReliabilityReport } from '../../electron/core/api/contract.ts';
import { askOptions } from './queries.ts';
import { onStudyReset, useStudy } from './study.ts';
import { useUi } from './ui.ts';

interface ReliabilityChoices {
  /** The chosen coders and recordings; null: the core's defaults, which the report then names. */
  coders: string[] | null;
  recordings: string[] | null;
  checkMinus: CheckMinus;
  /** Compare codings not yet marked complete too (off: complete codings only, as journals report). */
  includeUnfinished: boolean;
}

export interface ReliabilityState extends ReliabilityChoices {
  /** Opens the report with the core's defaults: the coders who share the most complete codings, over the recordings they share. */
  open(): void;
  /** Changes some choices (recordings sorted as the study lists codes; none is refused by the core, which says to choose one). */
  choose(change: Partial<ReliabilityChoices>): void;
  reset(): void;
}

const DEFAULTS: ReliabilityChoices = { coders: null, recordings: null, checkMinus: 'present', includeUnfinished: false };

/** `list` with `code` added or taken out, sorted as the study lists codes. */
export function toggled(list: readonly string[], code: string): string[] {
  const next = new Set(list);
  if (!next.delete(code)) next.add(code);
  return [...next].sort();
}

export const useReliability = create<ReliabilityState>()((set) => ({
  ...DEFAULTS,

  open() {
    set(DEFAULTS);
    useUi.getState().show('reliability');
    // The choices list the study's coders and recordings: a consensus coder may have been added since.
    void useStudy.getState().refresh();
  },

  choose: (change) => set({ ...change, ...(change.recordings ? { recordings: [...change.recordings].sort() } : {}) }),

  reset: () => set(DEFAULTS),
}));

onStudyReset(() => useReliability.getState().reset());

export interface ReliabilityAnswer {
  /** The report for the chosen coders and recordings; while a new choice computes, the last one's stays. */
  report: ReliabilityReport | null;
  loading: boolean;
  error: ErrorValue | null;
  /** The coders and recordings the report covers: the ones chosen, or the core's defaults before any choice. */
  coders: string[];
  recordings: string[];
  /** Changes some choices; the others stay as the report shows them (the core's defaults become choices). */
  choose(change: Partial<ReliabilityChoices>): void;
}

export function useReliabilityReport(): ReliabilityAnswer {
  const { coders, recordings, checkMinus, includeUnfinished } = useReliability(
    useShallow((s) => ({ coders: s.coders, recordings: s.recordings, checkMinus: s.checkMinus, includeUnfinished: s.includeUnfinished })),
  );
  const query = useQuery({
    ...askOptions('reliability.report', { ...(coders ? { coders } : {}), ...(recordings ? { recordings } : {}), checkMinus, includeUnfinished }),
    placeholderData: keepPreviousData,
  });
  const report = query.data ?? null;
  // Until a report names them, the core's defaults stay the core's to choose.
  const shown = { coders: coders ?? report?.coders ?? null, recordings: recordings ?? report?.recordings ?? null };
  return {
    report,
    loading: query.isFetching,
    error: query.error?.value ?? null,
    coders: shown.coders ?? [],
    recordings: shown.recordings ?? [],
    choose: (change) => useReliability.getState().choose({ ...shown, ...change }),
  };
}
