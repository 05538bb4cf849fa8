// The coding of the open recording, exactly as the core last acknowledged it. Every write answers with
// the whole CodingView as committed, and that answer is what the screen paints: nothing is guessed here.

import { replaceEqualDeep } from '@tanstack/react-query';
import { create } from 'zustand';
import type { Channel, CodingView, ErrorValue, In, Out } from '../../electron/core/api/contract.ts';
import type { Clarity } from '../../electron/core/scheme/types.ts';
import { call } from '../api.ts';
import { onStudyReset } from './study.ts';

export type CodingAction = 'load' | 'mark' | 'change' | 'delete' | 'undo' | 'redo' | 'rating' | 'note' | 'watched' | 'complete' | 'reopen';

export interface CodingError extends ErrorValue {
  action: CodingAction;
}

interface CodingData {
  recording: string | null;
  /** Whose coding is shown: null for the chosen coder's own; a lead may look at another coder's. */
  viewing: string | null;
  /**
   * The shown coding of `viewing` is one the chosen coder may change: a consensus coding a lead opened for
   * editing. Writes then name its coder; the core decides whether that is allowed.
   */
  editable: boolean;
  view: CodingView | null;
  loading: boolean;
  /** Writes sent and not yet answered. */
  pending: number;
  /** Answered writes since the recording was opened, so the screen can say "saved". */
  saved: number;
  error: CodingError | null;
  /** The mark the last add created, so the list can point it out. */
  lastMark: number | null;
}

export interface CodingState extends CodingData {
  /** Shows a coding; `edit` opens another coder's (a consensus coding) for a lead to change. */
  load(recording: string, coder?: string, options?: { edit?: boolean }): Promise<boolean>;
  /**
   * Adds a mark; `alongside` runs as the answer arrives, before it is painted, so that what it changes on screen
   * renders with the mark rather than a render later.
   */
  addMark(code: string, clarity: Clarity, timeMs: number, alongside?: () => void): Promise<boolean>;
  setClarity(id: number, clarity: Clarity): Promise<boolean>;
  setMarkNote(id: number, note: string): Promise<boolean>;
  deleteMark(id: number): Promise<boolean>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  setRating(item: string, value: number): Promise<boolean>;
  clearRating(item: string): Promise<boolean>;
  /** Rates several items in one write, all or none. */
  setRatings(ratings: { item: string; value: number }[]): Promise<boolean>;
  setSegmentNote(segment: number, note: string): Promise<boolean>;
  /** Reports stretches of `recording` the coder played forward (see player.ts); the core counts what share of each segment was seen. */
  reportPlayed(recording: string, spans: { startMs: number; endMs: number }[]): Promise<boolean>;
  /** Confirms, once the whole session is watched, that the ratings made before were reviewed. */
  confirmRatingsReviewed(): Promise<boolean>;
  complete(): Promise<boolean>;
  reopen(): Promise<boolean>;
  dismissError(): void;
  reset(): void;
}

const EMPTY: CodingData = {
  recording: null,
  viewing: null,
  editable: false,
  view: null,
  loading: false,
  pending: 0,
  saved: 0,
  error: null,
  lastMark: null,
};

/** Channels whose answer is the whole coding as committed. */
type ViewChannel = {
  [C in Channel]: Out<C> extends CodingView ? C : never;
}[Channel];

export const useCoding = create<CodingState>()((set, get) => {
  // Bumped when another recording opens or the study locks: late answers for the old one are dropped.
  let epoch = 0;
  // Writes are numbered as sent. The core commits them in that order, so an answer older than the one
  // already painted holds less than the screen shows and is not painted over it.
  let sent = 0;
  let painted = 0;

  /**
   * Sends a write; its answer is painted in one update, with whatever `also` derives from it (e.g. the new mark).
   * `alongside` runs first, in the same turn, so the other stores it sets render in that same update.
   */
  const write = async <C extends ViewChannel>(
    action: CodingAction,
    channel: C,
    input: In<C>,
    also: (answer: Out<C>) => Partial<CodingData> = () => ({}),
    alongside?: () => void,
  ): Promise<Out<C> | null> => {
    const { recording, viewing, editable } = get();
    if (recording === null) return null;
    if (viewing !== null && !editable && action !== 'reopen') {
      const message = `This is ${viewing}'s coding, shown read-only. Open your own coding of ${recording} to make changes.`;
      set({ error: { code: 'FORBIDDEN', message, action } });
      return null;
    }
    const since = epoch;
    const seq = ++sent;
    set((s) => ({ pending: s.pending + 1 }));
    const answer = await call(channel, input);
    alongside?.();
    if (since !== epoch) return null;
    if (!answer.ok) {
      set((s) => ({ pending: s.pending - 1, error: { ...answer.error, action } }));
      return null;
    }
    if (seq > painted) {
      painted = seq;
      const view = answer.value as CodingView;
      // Every part equal to what is painted keeps its object (TanStack's structural sharing), so the screen's memoised
      // pieces re-render only for what the write changed.
      set((s) => ({ ...also(answer.value), view: replaceEqualDeep(s.view, view), pending: s.pending - 1, error: null, saved: s.saved + 1 }));
    } else set((s) => ({ ...also(answer.value), pending: s.pending - 1 }));
    return answer.value;
  };

  /** The coding writes act on: the chosen coder's own, or the one opened for editing. */
  const own = (): { recording: string; coder?: string } => {
    const { recording, viewing, editable } = get();
    return editable && viewing !== null ? { recording: recording ?? '', coder: viewing } : { recording: recording ?? '' };
  };

  return {
    ...EMPTY,

    async load(recording, coder, options = {}) {
      epoch++;
      sent = 0;
      painted = 0;
      const since = epoch;
      set({ ...EMPTY, recording, viewing: coder ?? null, editable: coder !== undefined && options.edit === true, loading: true });
      const answer = await call('coding.view', coder === undefined ? { recording } : { recording, coder });
      if (since !== epoch) return false;
      if (!answer.ok) {
        set({ loading: false, error: { ...answer.error, action: 'load' } });
        return false;
      }
      set({ loading: false, view: answer.value });
      return true;
    },

    async addMark(code, clarity, timeMs, alongside) {
      const added = await write(
        'mark',
        'marks.add',
        { ...own(), code, clarity, timeMs: Math.round(timeMs) },
        (answer) => ({ lastMark: answer.mark.id }),
        alongside,
      );
      return added !== null;
    },

    setClarity: async (id, clarity) => (await write('change', 'marks.change', { id, clarity })) !== null,
    setMarkNote: async (id, note) => (await write('change', 'marks.change', { id, note })) !== null,
    deleteMark: async (id) => (await write('delete', 'marks.delete', { id })) !== null,
    undo: async () => (await write('undo', 'marks.undo', own())) !== null,
    redo: async () => (await write('redo', 'marks.redo', own())) !== null,
    setRating: async (item, value) => (await write('rating', 'ratings.set', { ...own(), item, value })) !== null,
    clearRating: async (item) => (await write('rating', 'ratings.clear', { ...own(), item })) !== null,
    setRatings: async (ratings) => (await write('rating', 'ratings.setMany', { ...own(), ratings })) !== null,
    setSegmentNote: async (segment, note) => (await write('note', 'notes.setSegment', { ...own(), segment, note })) !== null,

    async reportPlayed(recording, spans) {
      const { view, viewing, editable } = get();
      // Nothing may be written (a completed coding, someone else's, another recording by now): playing is just
      // watching then, and asking the core would only produce a refusal the coder did not cause.
      if (!view || get().recording !== recording || (viewing !== null && !editable) || view.scoresheet.state === 'complete') return false;
      return (await write('watched', 'segments.played', { ...own(), spans })) !== null;
    },

    confirmRatingsReviewed: async () => (await write('rating', 'ratings.reviewed', own())) !== null,

    complete: async () => (await write('complete', 'coding.complete', own())) !== null,

    async reopen() {
      const coder = get().view?.scoresheet.coder;
      if (!coder) return false;
      return (await write('reopen', 'coding.reopen', { ...own(), coder })) !== null;
    },

    dismissError: () => set({ error: null }),

    reset() {
      epoch++;
      set(EMPTY);
    },
  };
});

onStudyReset(() => useCoding.getState().reset());
