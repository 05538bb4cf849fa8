// The app in its own Chromium, outside the test runner: for the UI benchmarks and `npm run app:browser`.
// Builds the renderer, opens one window on it with a seeded study, and cleans everything up on close.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { buildApp, openApp, type AppWindow } from './app.ts';
import { CHROMIUM_LAUNCH } from './chromium.ts';
import { WINDOW } from './screens.ts';
import { seedStudy, type SeededStudy, type SeedOptions } from './seeded-study.ts';

export interface LaunchedApp {
  browser: Browser;
  page: Page;
  app: AppWindow;
  study: SeededStudy;
  /** The temp folder holding the study, its media file and the recording. */
  dir: string;
  /** Closes the study, the browser and removes the build and the temp folder. */
  close(): Promise<void>;
}

export interface LaunchOptions extends Omit<SeedOptions, 'dir'> {
  headless: boolean;
}

export async function launchApp({ headless, ...seed }: LaunchOptions): Promise<LaunchedApp> {
  const built = buildApp();
  const dir = mkdtempSync(join(tmpdir(), '3rs-app-'));
  // Signals are the caller's: Playwright's own handling would exit before close() removed the temp folders.
  // (The browser goes with the process either way.)
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless, handleSIGINT: false, handleSIGTERM: false });
  const close = async () => {
    try {
      await browser.close();
    } finally {
      built.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const page = await browser.newPage({ viewport: headless ? WINDOW : null });
    const app = await openApp(page, { renderer: built.renderer });
    const study = await seedStudy(app.handlers, { ...seed, dir });
    await page.goto(app.url);
    return {
      browser,
      page,
      app,
      study,
      dir,
      close: async () => {
        await app.close();
        await close();
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}
