// The main process's own idle deadline. The page locks itself after the coder's idle minutes (with a countdown)
// and reports activity, throttled; this deadline runs a little later than the page's, so it only fires when the
// page did not lock: a page that hangs, or one whose lock failed. Then the main process locks the study itself.
// It runs from the window's start and again after each firing, so a page that hangs before its first report is
// caught too (a firing with no study open does nothing).

import { IDLE_MINUTES_RANGE } from '../core/api/security-handlers.ts';

/** After the page's own lock time: room for its countdown and its throttled reports to arrive. */
export const IDLE_GRACE_MS = 60_000;
/** Until the page says otherwise: the page's own default. */
export const DEFAULT_IDLE_MINUTES = 15;

export interface IdleDeadline {
  /** The page was active just now; `idleMinutes` is the coder's setting. Starts the wait again. */
  report(activity: { idleMinutes: number }): void;
  stop(): void;
}

export function createIdleDeadline(onIdle: () => void): IdleDeadline {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const report = ({ idleMinutes }: { idleMinutes: number }) => {
    stop();
    // The page's word is clamped to the range its settings allow: no report can keep a study open for days.
    const minutes = Number.isFinite(idleMinutes)
      ? Math.min(Math.max(idleMinutes, IDLE_MINUTES_RANGE.min), IDLE_MINUTES_RANGE.max)
      : IDLE_MINUTES_RANGE.min;
    timer = setTimeout(
      () => {
        report({ idleMinutes: minutes });
        onIdle();
      },
      minutes * 60_000 + IDLE_GRACE_MS,
    );
  };
  report({ idleMinutes: DEFAULT_IDLE_MINUTES });
  return { report, stop };
}
