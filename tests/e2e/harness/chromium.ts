import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, never a downloaded browser (these machines are offline), with everything that
 * would phone home switched off. Shared by the Playwright config and the benchmarks that drive a page.
 */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
  ],
};
