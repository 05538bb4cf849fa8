// The lead's comparison of two codings of one recording, and the consensus coding built from it. Which
// codings exist, and which of them are consensus codings, comes from the core (review.codings); both it and
// the comparison are queries keyed by what is chosen, so a late answer for older choices is never shown.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { create } from 'zustand';
import type { CheckMinus, CodingChoice, CodingComparison, ErrorValue } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useCoding } from './coding.ts';
import { askKey, askOptions, queryClient } from './queries.ts';
import { onStudyReset, useStudy } from './study.ts';
import { useUi } from './ui.ts';

interface CompareChoices {
  recording: string | null;
  /** The codings chosen; null: the first two coders' codings (not a consensus). */
  coderA: string | null;
  coderB: string | null;
  checkMinus: CheckMinus;
  /** A consensus is being started. */
  starting: boolean;
  /** Starting or opening the consensus failed. */
  error: ErrorValue | null;
}

export interface CompareState extends CompareChoices {
  /** Opens the comparison of `recording`, first with the first two coders' codings (not a consensus). */
  open(recording: string): void;
  choose(side: 'a' | 'b', coder: string): void;
  setCheckMinus(setting: CheckMinus): void;
  /**
   * Starts the consensus coding from `fromCoder`'s, as coder `consensusCode` (the core's default when not
   * given), then opens it for editing in the coding view.
   */
  startConsensus(fromCoder: string, consensusCode?: string): Promise<boolean>;
  /** Opens a consensus coding for editing in the coding view. */
  editConsensus(coder: string): Promise<boolean>;
  reset(): void;
}

const EMPTY: CompareChoices = { recording: null, coderA: null, coderB: null, checkMinus: 'present', starting: false, error: null };

export const useCompare = create<CompareState>()((set, get) => {
  const editConsensus = async (coder: string): Promise<boolean> => {
    const { recording } = get();
    if (recording === null) return false;
    if (!(await useCoding.getState().load(recording, coder, { edit: true }))) return false;
    useUi.getState().startCoding();
    return true;
  };

  return {
    ...EMPTY,

    open(recording) {
      set({ ...EMPTY, recording });
      useUi.getState().show('compare', recording);
    },

    choose: (side, coder) => set(side === 'a' ? { coderA: coder } : { coderB: coder }),

    setCheckMinus: (setting) => set({ checkMinus: setting }),

    async startConsensus(fromCoder, consensusCode) {
      const { recording } = get();
      if (recording === null) return false;
      set({ starting: true, error: null });
      const answer = await call('consensus.start', { recording, fromCoder, ...(consensusCode ? { consensusCode } : {}) });
      set({ starting: false });
      if (!answer.ok) {
        set({ error: answer.error });
        return false;
      }
      // The first consensus adds its coder to the study, and a coding to the recording's.
      void useStudy.getState().refresh();
      void queryClient.invalidateQueries({ queryKey: askKey('review.codings', { recording }) });
      return editConsensus(answer.value.scoresheet.coder);
    },

    editConsensus,

    reset: () => set(EMPTY),
  };
});

onStudyReset(() => useCompare.getState().reset());

export interface Comparison {
  /** The recording's codings that have begun. */
  codings: CodingChoice[];
  /** The codings compared: the ones chosen, or the first two coders' (not a consensus) until one is. */
  coderA: string | null;
  coderB: string | null;
  /** While other codings are being compared, the last comparison stays. */
  comparison: CodingComparison | null;
  loading: boolean;
  error: ErrorValue | null;
}

export function useComparison(): Comparison {
  const recording = useCompare((s) => s.recording);
  const chosenA = useCompare((s) => s.coderA);
  const chosenB = useCompare((s) => s.coderB);
  const checkMinus = useCompare((s) => s.checkMinus);
  const startError = useCompare((s) => s.error);
  const choices = useQuery({ ...askOptions('review.codings', { recording: recording ?? '' }), enabled: recording !== null });
  const codings = choices.data ?? [];
  const coders = codings.filter((c) => !c.consensus).map((c) => c.coder);
  const coderA = chosenA ?? coders[0] ?? null;
  const coderB = chosenB ?? coders[1] ?? null;
  const compared = useQuery({
    ...askOptions('compare.codings', { recording: recording ?? '', coderA: coderA ?? '', coderB: coderB ?? '', checkMinus }),
    enabled: recording !== null && coderA !== null && coderB !== null,
    placeholderData: keepPreviousData,
  });
  return {
    codings,
    coderA,
    coderB,
    comparison: (coderA !== null && coderB !== null ? compared.data : undefined) ?? null,
    loading: choices.isFetching || compared.isFetching,
    error: startError ?? choices.error?.value ?? compared.error?.value ?? null,
  };
}
