// The lead's comparison of two codings of one recording, and the consensus coding built from it. Which
// codings exist, and which of them are consensus codings, comes from the core (review.codings).

import { create } from 'zustand';
import type { CheckMinus, CodingChoice, CodingComparison, ErrorValue } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useCoding } from './coding.ts';
import { latestAnswers } from './latest.ts';
import { onStudyReset, useStudy } from './study.ts';
import { useUi } from './ui.ts';

interface CompareData {
  recording: string | null;
  /** The recording's codings that have begun. */
  codings: CodingChoice[];
  coderA: string | null;
  coderB: string | null;
  checkMinus: CheckMinus;
  comparison: CodingComparison | null;
  loading: boolean;
  /** A consensus is being started. */
  starting: boolean;
  error: ErrorValue | null;
}

export interface CompareState extends CompareData {
  /** Opens the comparison of `recording`, first with the first two coders' codings (not a consensus). */
  open(recording: string): Promise<boolean>;
  choose(side: 'a' | 'b', coder: string): Promise<boolean>;
  setCheckMinus(setting: CheckMinus): Promise<boolean>;
  /**
   * Starts the consensus coding from `fromCoder`'s, as coder `consensusCode` (the core's default when not
   * given), then opens it for editing in the coding view.
   */
  startConsensus(fromCoder: string, consensusCode?: string): Promise<boolean>;
  /** Opens a consensus coding for editing in the coding view. */
  editConsensus(coder: string): Promise<boolean>;
  reset(): void;
}

const EMPTY: CompareData = {
  recording: null,
  codings: [],
  coderA: null,
  coderB: null,
  checkMinus: 'present',
  comparison: null,
  loading: false,
  starting: false,
  error: null,
};

export const useCompare = create<CompareState>()((set, get) => {
  const answers = latestAnswers<CompareState>(set);

  const compare = async (): Promise<boolean> => {
    const { recording, coderA, coderB, checkMinus } = get();
    if (recording === null || coderA === null || coderB === null) {
      answers.drop({ comparison: null });
      return false;
    }
    return answers.ask(
      () => call('compare.codings', { recording, coderA, coderB, checkMinus }),
      (comparison) => ({ comparison }),
      { comparison: null },
    );
  };

  const editConsensus = async (coder: string): Promise<boolean> => {
    const { recording } = get();
    if (recording === null) return false;
    if (!(await useCoding.getState().load(recording, coder, { edit: true }))) return false;
    useUi.getState().startCoding();
    return true;
  };

  return {
    ...EMPTY,

    async open(recording) {
      set({ ...EMPTY, recording });
      useUi.getState().show('compare', recording);
      const found = await answers.ask(
        () => call('review.codings', { recording }),
        (codings) => {
          const coders = codings.filter((c) => !c.consensus).map((c) => c.coder);
          return { codings, coderA: coders[0] ?? null, coderB: coders[1] ?? null };
        },
      );
      return found && compare();
    },

    choose(side, coder) {
      set(side === 'a' ? { coderA: coder } : { coderB: coder });
      return compare();
    },

    setCheckMinus(setting) {
      set({ checkMinus: setting });
      return compare();
    },

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
      // The first consensus adds its coder to the study.
      void useStudy.getState().refresh();
      return editConsensus(answer.value.scoresheet.coder);
    },

    editConsensus,

    reset() {
      answers.drop(EMPTY);
    },
  };
});

onStudyReset(() => useCompare.getState().reset());
