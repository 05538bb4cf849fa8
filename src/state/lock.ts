// Why the study locked, where the coder was, and which studies this computer opened: a kind lock. The unlock
// screen says why it locked; unlocking the same study as the same coder goes back to the recording, the screen and
// the playhead; the study path field starts with the last one. Only paths are stored (in this computer's
// browser storage, never in a study): no names, no codes of coders or recordings. Where the coder was is kept in
// memory only, and goes once another study or coder is chosen.

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { LockReason } from '../../electron/core/api/contract.ts';
import { usePlayer } from './player.ts';
import { useStudy } from './study.ts';
import { useUi, type Screen } from './ui.ts';

export const LOCK_STORAGE_KEY = '3rs-station.recent-studies';
/** How many study paths the unlock screen offers. */
export const RECENT_STUDIES = 5;

/** Where the coder was when the study locked. */
export interface Place {
  path: string;
  coder: string;
  screen: Screen;
  recording: string | null;
  /** The playhead, when the player was on that recording. */
  playheadMs: number | null;
}

interface LockData {
  /** Why the study last locked; null once it is unlocked again. */
  reason: LockReason | null;
  place: Place | null;
  /** Study paths opened on this computer, the last first. */
  recent: string[];
}

export interface LockState extends LockData {
  /** Notes where the coder is and why the study locks, then locks it (drafts saved, every slice cleared). */
  lock(reason: LockReason): Promise<void>;
  /** Drops a path from the recent studies (it moved, or the coder does not want it offered). */
  forget(path: string): void;
}

/** What the unlock screen says about the last lock. */
export function lockMessage(reason: LockReason, idleMinutes: number): string {
  switch (reason) {
    case 'idle':
      return `3RS Station locked the study after ${idleMinutes} ${idleMinutes === 1 ? 'minute' : 'minutes'} without a key press or a click. Unlock it to go on where you were.`;
    case 'system':
      return '3RS Station locked the study because this computer was locked or went to sleep. Unlock it to go on where you were.';
    case 'asked':
      return 'The study was locked. Unlock it to go on where you were.';
  }
}

/** The screens worth going back to; the others are reached from these in a click. */
const RESUMABLE = new Set<Screen>(['recording', 'coding', 'ratings']);

function here(): Place | null {
  const { info, coder } = useStudy.getState();
  if (!info || !coder) return null;
  const { screen, recording } = useUi.getState();
  const player = usePlayer.getState();
  return {
    path: info.path,
    coder: coder.code,
    screen: RESUMABLE.has(screen) && recording !== null ? screen : 'home',
    recording,
    playheadMs: recording !== null && player.recording === recording ? player.currentMs : null,
  };
}

export const useLock = create<LockState>()(
  persist(
    (set, get) => ({
      reason: null,
      place: null,
      recent: [],

      async lock(reason) {
        const study = useStudy.getState();
        if (study.status !== 'unlocked') return;
        set({ reason, place: here() ?? get().place });
        await study.lock();
      },

      forget: (path) => set((s) => ({ recent: s.recent.filter((p) => p !== path) })),
    }),
    {
      name: LOCK_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ recent: s.recent }),
      migrate: (stored) => {
        const recent = (stored as { recent?: unknown } | null)?.recent;
        return { recent: Array.isArray(recent) ? recent.filter((p): p is string => typeof p === 'string').slice(0, RECENT_STUDIES) : [] };
      },
    },
  ),
);

/** Moves the playhead to `ms` once the player holds `recording` (its timeline comes with the coding screen). */
function seekWhenLoaded(recording: string, ms: number): void {
  const ready = () => {
    const p = usePlayer.getState();
    return p.recording === recording && p.durationMs > 0;
  };
  if (ready()) return usePlayer.getState().seek(ms);
  const stop = usePlayer.subscribe(() => {
    if (!ready()) return;
    stop();
    usePlayer.getState().seek(ms);
  });
  // Another study or recording first: the wait ends with it.
  const stopOnLock = useStudy.subscribe((s) => {
    if (s.status === 'locked') {
      stop();
      stopOnLock();
    }
  });
}

/** Back where the coder was, when the same study was unlocked by the same coder. */
function resume(place: Place): void {
  if (place.recording === null || place.screen === 'home') return;
  const ui = useUi.getState();
  ui.openRecording(place.recording);
  if (place.screen === 'coding') ui.startCoding();
  if (place.screen === 'ratings') ui.openRatings();
  if (place.playheadMs !== null) seekWhenLoaded(place.recording, place.playheadMs);
}

// Unlocking remembers the path; choosing the coder who locked it takes them back. A lock keeps its reason (the
// unlock screen shows it) until a study is unlocked again.
useStudy.subscribe((now, before) => {
  const path = now.info?.path;
  if (path && path !== before.info?.path) {
    useLock.setState((s) => ({ reason: null, recent: [path, ...s.recent.filter((p) => p !== path)].slice(0, RECENT_STUDIES) }));
  }
  if (now.coder && now.coder !== before.coder) {
    const { place } = useLock.getState();
    useLock.setState({ place: null });
    if (place && place.path === now.info?.path && place.coder === now.coder.code) resume(place);
  }
});
