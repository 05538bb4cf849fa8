import { useEffect } from 'react';
import { call, onEvent } from '../api.ts';
import { saveDrafts } from '../state/drafts.ts';
import { useLock } from '../state/lock.ts';
import { useStudy } from '../state/study.ts';

/**
 * Answers the main process's pushes and learns of a lock the renderer did not start:
 * - `drafts.save` (before the main process closes the study: a system lock, its idle deadline, the window closing
 *   or reloading): saves every note being typed and answers once the core has them;
 * - `session.locked` (the study was closed under the page): locks the renderer too, saying why on the unlock screen;
 * - the page going (beforeunload, pagehide: a reload or close the main process did not start) sends the drafts on
 *   their way, while the page can still send (the main process commits calls under way before any close);
 * - when the window is shown or focused again, `session.state` is asked once, in case a push was missed (the
 *   page was reloading when it came).
 */
export function useLockWatch(active: boolean): void {
  useEffect(() => {
    const stopSaving = onEvent('drafts.save', async () => ({ saved: await saveDrafts() }));
    const stopLocked = onEvent('session.locked', async ({ reason }) => {
      await useLock.getState().lock(reason);
      return null;
    });
    const onPageHide = () => void saveDrafts();
    window.addEventListener('beforeunload', onPageHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      stopSaving();
      stopLocked();
      window.removeEventListener('beforeunload', onPageHide);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, []);

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
      // Closed without a word reaching the page: most likely the computer locked while the page was away.
      await useLock.getState().lock('system');
    };
    const onShown = () => {
      if (document.visibilityState === 'visible') void check();
    };
    window.addEventListener('focus', onShown);
    document.addEventListener('visibilitychange', onShown);
    return () => {
      stopped = true;
      window.removeEventListener('focus', onShown);
      document.removeEventListener('visibilitychange', onShown);
    };
  }, [active]);
}
