// Preferences of this computer's app, not of a study: kept in browser storage, never in the study file.

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { clamp } from '../timeline.ts';

export const PREFS_STORAGE_KEY = '3rs-station.prefs';
export const PREFS_VERSION = 2;
export const DEFAULT_IDLE_MINUTES = 15;
export const IDLE_MINUTES_RANGE = { min: 1, max: 240 } as const;

interface PrefsStored {
  /** Minutes without keyboard or mouse input before the study locks itself. */
  idleMinutes: number;
  /** Playback stops at the end of each segment (on by default: the 3RS is coded segment by segment). */
  pauseAtSegmentEnd: boolean;
}

export interface PrefsState extends PrefsStored {
  setIdleMinutes(minutes: number): void;
  setPauseAtSegmentEnd(on: boolean): void;
}

/** Keeps sound values from a stored preference of any version; anything else falls back to the default. */
export function migratePrefs(stored: unknown): PrefsStored {
  const { idleMinutes: minutes, pauseAtSegmentEnd: pause } = (stored ?? {}) as { idleMinutes?: unknown; pauseAtSegmentEnd?: unknown };
  const valid = typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= IDLE_MINUTES_RANGE.min && minutes <= IDLE_MINUTES_RANGE.max;
  return { idleMinutes: valid ? minutes : DEFAULT_IDLE_MINUTES, pauseAtSegmentEnd: typeof pause === 'boolean' ? pause : true };
}

export const usePrefs = create<PrefsState>()(
  persist(
    (set) => ({
      idleMinutes: DEFAULT_IDLE_MINUTES,
      pauseAtSegmentEnd: true,
      setIdleMinutes: (minutes) => set({ idleMinutes: clamp(Math.round(minutes), IDLE_MINUTES_RANGE.min, IDLE_MINUTES_RANGE.max) }),
      setPauseAtSegmentEnd: (on) => set({ pauseAtSegmentEnd: on }),
    }),
    {
      name: PREFS_STORAGE_KEY,
      version: PREFS_VERSION,
      storage: createJSONStorage(() => localStorage),
      partialize: (s): PrefsStored => ({ idleMinutes: s.idleMinutes, pauseAtSegmentEnd: s.pauseAtSegmentEnd }),
      migrate: migratePrefs,
    },
  ),
);
