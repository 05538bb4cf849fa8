import type { PowerMonitor } from 'electron';

/**
 * When the computer locks its screen or goes to sleep, whoever comes back to it may not be the coder: the
 * study is locked then, as after the idle time (its drafts saved first, the page told; see window-study.ts).
 */
export function lockOnSystemLock(powerMonitor: Pick<PowerMonitor, 'on'>, lock: () => void): void {
  powerMonitor.on('lock-screen', lock);
  powerMonitor.on('suspend', lock);
}
