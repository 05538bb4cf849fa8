import { useEffect } from 'react';
import { call } from '../api.ts';
import { useStudy } from '../state/study.ts';

/** How often the renderer asks whether its study is still open: cheap (no disk), and soon enough after a lock. */
export const LOCK_POLL_MS = 2000;

export const LOCKED_ELSEWHERE =
  '3RS Station locked the study because this computer was locked or went to sleep. Unlock it again to go on.';

/**
 * Learns of a lock the renderer did not start: the main process closes the study when the computer locks or
 * sleeps, and this asks `session.state` every few seconds, and at once when the window is shown or focused
 * again. Then the renderer locks too: every slice is cleared (see onStudyReset) and the unlock screen says why.
 * Polling, not a pushed event: it is typed by the one contract table and needs nothing new in the preload or
 * the browser harness (which simulates the lock by closing the study through its handlers).
 */
export function useLockWatch(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const check = async () => {
      // The study this check is about: if another one is opened meanwhile, the answer is not about it.
      const asked = useStudy.getState().info;
      const answer = await call('session.state', {});
      // A failed check says nothing about the study (the next one asks again); the lock path reports real failures.
      if (stopped || !answer.ok || answer.value.open) return;
      const now = useStudy.getState();
      if (now.status !== 'unlocked' || now.info !== asked) return;
      await now.lock();
      useStudy.setState({ error: { code: 'NO_STUDY_OPEN', message: LOCKED_ELSEWHERE, action: 'lock' } });
    };
    const timer = setInterval(() => void check(), LOCK_POLL_MS);
    const onShown = () => {
      if (document.visibilityState === 'visible') void check();
    };
    window.addEventListener('focus', onShown);
    document.addEventListener('visibilitychange', onShown);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('focus', onShown);
      document.removeEventListener('visibilitychange', onShown);
    };
  }, [active]);
}
