import { useEffect, useState } from 'react';
import { call } from '../api.ts';
import { useLock } from '../state/lock.ts';
import { usePlayer } from '../state/player.ts';
import { usePrefs } from '../state/prefs.ts';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** The countdown shown before the idle lock, so a coder who is there keeps the study open with a key. */
export const LOCK_COUNTDOWN_MS = 30_000;
/** Playing video counts as activity, but only this long after the last key or pointer input: a screen left playing still locks. */
export const PLAYBACK_LIMIT_MS = 30 * 60_000;
/** At most one activity report to the main process this often (its own deadline runs a minute behind the page's). */
export const ACTIVITY_REPORT_MS = 15_000;

/**
 * Locks the study after the chosen minutes without keyboard, mouse or touch input, counting a playing video as
 * input for up to PLAYBACK_LIMIT_MS after the last real one. For the last LOCK_COUNTDOWN_MS it counts down (the
 * returned seconds; null otherwise), and any input stops it. The lock saves drafts, closes the study and clears
 * every slice, remembering where the coder was (state/lock.ts). Activity is reported to the main process, which
 * keeps its own later deadline so a page that hangs still locks.
 */
export function useIdleLock(active: boolean): number | null {
  const minutes = usePrefs((s) => s.idleMinutes);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    const idleMs = minutes * 60_000;
    let lastInput = Date.now();
    let lastPlayed = Number.NEGATIVE_INFINITY;
    let reported = Number.NEGATIVE_INFINITY;
    let counting = false;
    let locking = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const report = (at: number) => {
      if (at - reported < ACTIVITY_REPORT_MS) return;
      reported = at;
      void call('session.activity', { idleMinutes: minutes });
    };
    // Playback keeps the study open until PLAYBACK_LIMIT_MS after the last input at most; input always for idleMs.
    const deadline = () => Math.max(lastInput + idleMs, Math.min(lastPlayed + idleMs, lastInput + PLAYBACK_LIMIT_MS));
    const check = () => {
      clearTimeout(timer);
      // The lock itself stops the player: that is no activity to weigh.
      if (locking) return;
      const now = Date.now();
      if (usePlayer.getState().playing && now < lastInput + PLAYBACK_LIMIT_MS) {
        lastPlayed = now;
        report(now);
      }
      const left = deadline() - now;
      if (left <= 0) {
        counting = false;
        locking = true;
        setSecondsLeft(null);
        void useLock.getState().lock('idle');
        return;
      }
      counting = left <= LOCK_COUNTDOWN_MS;
      setSecondsLeft(counting ? Math.ceil(left / 1000) : null);
      // Each second while counting down; otherwise when the countdown would start.
      timer = setTimeout(check, counting ? left % 1000 || 1000 : left - LOCK_COUNTDOWN_MS);
    };
    const onInput = () => {
      lastInput = Date.now();
      report(lastInput);
      if (counting) check();
    };
    // Play and pause move the deadline: the video played until a pause, and counts from a start.
    const stopWatchingPlayer = usePlayer.subscribe((now, before) => {
      if (now.playing === before.playing) return;
      lastPlayed = Date.now();
      check();
    });
    report(lastInput);
    check();
    for (const name of ACTIVITY) window.addEventListener(name, onInput, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      stopWatchingPlayer();
      setSecondsLeft(null);
      for (const name of ACTIVITY) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [active, minutes]);
  return secondsLeft;
}
