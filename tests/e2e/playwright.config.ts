import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './harness/chromium.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  testDir: '.',
  tsconfig: './tsconfig.json',
  testMatch: '**/*.spec.ts',
  outputDir: `${root}test-results`,
  globalSetup: './global-setup.ts',
  // Two cores shared with ffmpeg and the other suites: one browser at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Generous: a test may first have to make its clip with ffmpeg (about 15 s on these machines).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: CHROMIUM_LAUNCH,
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
  },
});
