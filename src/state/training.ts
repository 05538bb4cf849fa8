// Training: a trainee's coding of one recording checked against a reference coding (a lead's or a
// consensus coding), and the way from a disagreement back to its moment in the coding view.

import { create } from 'zustand';
import type { CheckMinus, CodingChoice, ErrorValue, TrainingComparison } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useCoding } from './coding.ts';
import { latestAnswers } from './latest.ts';
import { useMedia } from './media.ts';
import { usePlayer } from './player.ts';
import { onStudyReset, useStudy } from './study.ts';
import { useUi } from './ui.ts';

interface TrainingData {
  recording: string | null;
  /** The recording's codings the chosen coder may use here (the core decides which). */
  codings: CodingChoice[];
  trainee: string | null;
  reference: string | null;
  checkMinus: CheckMinus;
  result: TrainingComparison | null;
  loading: boolean;
  error: ErrorValue | null;
}

export interface TrainingState extends TrainingData {
  /** Opens the check of `recording`: the chosen coder as trainee (a lead picks one), a reference coding proposed. */
  open(recording: string): Promise<boolean>;
  setTrainee(coder: string): Promise<boolean>;
  setReference(coder: string): Promise<boolean>;
  setCheckMinus(setting: CheckMinus): Promise<boolean>;
  /** Opens the trainee's coding in the coding view with the playhead at `timeMs`. */
  jumpTo(timeMs: number): Promise<boolean>;
  reset(): void;
}

const EMPTY: TrainingData = {
  recording: null,
  codings: [],
  trainee: null,
  reference: null,
  checkMinus: 'present',
  result: null,
  loading: false,
  error: null,
};

/** A consensus coding first, then a lead's: the likeliest gold standard, never the trainee's own. */
function proposedReference(codings: CodingChoice[], trainee: string | null): string | null {
  const others = codings.filter((c) => c.coder !== trainee);
  return (others.find((c) => c.consensus) ?? others.find((c) => c.role === 'lead') ?? others[0])?.coder ?? null;
}

export const useTraining = create<TrainingState>()((set, get) => {
  const answers = latestAnswers<TrainingState>(set);

  const check = async (): Promise<boolean> => {
    const { recording, trainee, reference, checkMinus } = get();
    if (recording === null || trainee === null || reference === null) {
      answers.drop({ result: null });
      return false;
    }
    return answers.ask(
      () => call('training.compare', { recording, trainee, reference, checkMinus }),
      (result) => ({ result }),
      { result: null },
    );
  };

  return {
    ...EMPTY,

    async open(recording) {
      set({ ...EMPTY, recording });
      useUi.getState().show('training', recording);
      const found = await answers.ask(
        () => call('review.codings', { recording }),
        (codings) => {
          const me = useStudy.getState().coder?.code ?? null;
          const mine = codings.some((c) => c.coder === me);
          const trainee = mine ? me : (codings.find((c) => !c.consensus && c.role === 'coder')?.coder ?? null);
          return { codings, trainee, reference: proposedReference(codings, trainee) };
        },
      );
      return found && check();
    },

    setTrainee(coder) {
      const { reference, codings } = get();
      set({ trainee: coder, reference: reference === coder ? proposedReference(codings, coder) : reference });
      return check();
    },

    setReference(coder) {
      set({ reference: coder });
      return check();
    },

    setCheckMinus(setting) {
      set({ checkMinus: setting });
      return check();
    },

    async jumpTo(timeMs) {
      const { recording, trainee } = get();
      if (recording === null || trainee === null) return false;
      const me = useStudy.getState().coder?.code;
      const coding = useCoding.getState();
      // The trainee goes to their own coding; a lead looks at the trainee's, read-only.
      const viewing = trainee === me ? null : trainee;
      if (coding.recording !== recording || coding.viewing !== viewing || !coding.view) {
        if (!(await useCoding.getState().load(recording, viewing ?? undefined))) return false;
      }
      if (useMedia.getState().recording !== recording) void useMedia.getState().load(recording);
      useUi.getState().show('coding', recording);
      usePlayer.getState().seek(timeMs);
      return true;
    },

    reset() {
      answers.drop(EMPTY);
    },
  };
});

onStudyReset(() => useTraining.getState().reset());
