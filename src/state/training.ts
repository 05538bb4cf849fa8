// Training: a trainee's coding of one recording checked against a reference coding (a lead's or a
// consensus coding), and the way from a disagreement back to its moment in the coding view.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { create } from 'zustand';
import type { CheckMinus, CodingChoice, ErrorValue, TrainingComparison } from '../../electron/core/api/contract.ts';
import { useCoding } from './coding.ts';
import { useMedia } from './media.ts';
import { usePlayer } from './player.ts';
import { askKey, askOptions, queryClient } from './queries.ts';
import { onStudyReset, useStudy } from './study.ts';
import { useUi } from './ui.ts';

interface TrainingChoices {
  recording: string | null;
  /** The codings chosen; null: the chosen coder as trainee (a lead's first coder), and a reference proposed for them. */
  trainee: string | null;
  reference: string | null;
  checkMinus: CheckMinus;
}

export interface TrainingState extends TrainingChoices {
  /** Opens the check of `recording`: the chosen coder as trainee (a lead picks one), a reference coding proposed. */
  open(recording: string): void;
  setTrainee(coder: string): void;
  setReference(coder: string): void;
  setCheckMinus(setting: CheckMinus): void;
  /** Opens the trainee's coding in the coding view with the playhead at `timeMs`. */
  jumpTo(timeMs: number): Promise<boolean>;
  reset(): void;
}

const EMPTY: TrainingChoices = { recording: null, trainee: null, reference: null, checkMinus: 'present' };

/** A consensus coding first, then a lead's: the likeliest gold standard, never the trainee's own. */
function proposedReference(codings: CodingChoice[], trainee: string | null): string | null {
  const others = codings.filter((c) => c.coder !== trainee);
  return (others.find((c) => c.consensus) ?? others.find((c) => c.role === 'lead') ?? others[0])?.coder ?? null;
}

/** The trainee and reference checked: the ones chosen, else the chosen coder (or a lead's first coder) against the proposed reference. */
function checked(
  codings: CodingChoice[],
  chosen: Pick<TrainingChoices, 'trainee' | 'reference'>,
): { trainee: string | null; reference: string | null } {
  const me = useStudy.getState().coder?.code ?? null;
  const trainee =
    chosen.trainee ?? (codings.some((c) => c.coder === me) ? me : (codings.find((c) => !c.consensus && c.role === 'coder')?.coder ?? null));
  const reference = chosen.reference !== null && chosen.reference !== trainee ? chosen.reference : proposedReference(codings, trainee);
  return { trainee, reference };
}

const codingsKey = (recording: string) => askKey('review.codings', { recording });

export const useTraining = create<TrainingState>()((set, get) => ({
  ...EMPTY,

  open(recording) {
    set({ ...EMPTY, recording });
    useUi.getState().show('training', recording);
  },

  setTrainee: (coder) => set({ trainee: coder }),
  setReference: (coder) => set({ reference: coder }),
  setCheckMinus: (setting) => set({ checkMinus: setting }),

  async jumpTo(timeMs) {
    const { recording } = get();
    if (recording === null) return false;
    const { trainee } = checked(queryClient.getQueryData(codingsKey(recording)) ?? [], get());
    if (trainee === null) return false;
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

  reset: () => set(EMPTY),
}));

onStudyReset(() => useTraining.getState().reset());

export interface TrainingCheck {
  /** The recording's codings the chosen coder may use here (the core decides which). */
  codings: CodingChoice[];
  trainee: string | null;
  reference: string | null;
  /** While another pair is being checked, the last check stays. */
  result: TrainingComparison | null;
  loading: boolean;
  error: ErrorValue | null;
}

export function useTrainingCheck(): TrainingCheck {
  const recording = useTraining((s) => s.recording);
  const chosenTrainee = useTraining((s) => s.trainee);
  const chosenReference = useTraining((s) => s.reference);
  const checkMinus = useTraining((s) => s.checkMinus);
  const choices = useQuery({ ...askOptions('review.codings', { recording: recording ?? '' }), enabled: recording !== null });
  const codings = choices.data ?? [];
  const { trainee, reference } = checked(codings, { trainee: chosenTrainee, reference: chosenReference });
  const ready = recording !== null && trainee !== null && reference !== null;
  const check = useQuery({
    ...askOptions('training.compare', { recording: recording ?? '', trainee: trainee ?? '', reference: reference ?? '', checkMinus }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
  return {
    codings,
    trainee,
    reference,
    result: (ready ? check.data : undefined) ?? null,
    loading: choices.isFetching || check.isFetching,
    error: choices.error?.value ?? check.error?.value ?? null,
  };
}
