import { useEffect } from 'react';
import { usePrefs } from '../state/prefs.ts';
import { useStudy } from '../state/study.ts';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Locks the study after the chosen minutes without keyboard, mouse or touch input: the core closes
 * the file (dropping its key) and every slice of renderer state is cleared (see onStudyReset).
 * Playing video is not input: a screen left playing unattended still locks.
 */
export function useIdleLock(active: boolean): void {
  const minutes = usePrefs((s) => s.idleMinutes);
  useEffect(() => {
    if (!active) return;
    const ms = minutes * 60_000;
    let timer = setTimeout(lock, ms);
    function lock() {
      void useStudy.getState().lock();
    }
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, ms);
    };
    for (const name of ACTIVITY) window.addEventListener(name, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, restart, { capture: true });
    };
  }, [active, minutes]);
}
