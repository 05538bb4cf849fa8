import type { PowerMonitor } from 'electron';

/**
 * When the computer locks its screen or goes to sleep, whoever comes back to it may not be the coder: the
 * study is closed then, as after the idle time. The renderer learns of it by polling `session.state`.
 */
export function lockOnSystemLock(powerMonitor: Pick<PowerMonitor, 'on'>, lock: () => void): void {
  powerMonitor.on('lock-screen', lock);
  powerMonitor.on('suspend', lock);
}
