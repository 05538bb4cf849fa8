import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { openApp, RENDERER_ENV, type AppOptions, type AppWindow } from './app.ts';
import { openStation, type Station, type StationOptions } from './station.ts';

interface StationFixtures {
  /** Puts the page on the fake origin. After the test, no request may have left it and no handler may have failed. */
  station: (options: StationOptions) => Promise<Station>;
  /**
   * Puts the whole app in the page (built renderer, real core as window.api). After the test its study is
   * closed, and no request may have left the fake origin and no handler may have failed.
   */
  app: (options?: Partial<AppOptions>) => Promise<AppWindow>;
  /**
   * A temp folder for the test's studies and videos. The app depends on it, so it is removed only after the app
   * closed its study and stopped its worker: nothing is still writing there when it goes.
   */
  scratch: string;
}

function expectStayedHome(station: Station): void {
  expect(station.offOrigin(), 'requests that left the fake origin').toEqual([]);
  expect(
    station.errors.map((e) => e.message),
    'harness handler failures',
  ).toEqual([]);
}

export const test = base.extend<StationFixtures>({
  station: async ({ page }, use) => {
    const opened: Station[] = [];
    await use(async (options) => {
      const station = await openStation(page, options);
      opened.push(station);
      return station;
    });
    for (const station of opened) expectStayedHome(station);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: it has none.
  scratch: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), '3rs-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ page, scratch }, use) => {
    void scratch; // set up first, so torn down last
    const opened: AppWindow[] = [];
    await use(async (options) => {
      const renderer = options?.renderer ?? process.env[RENDERER_ENV];
      if (!renderer) throw new Error(`No built renderer: run the suite with the Playwright config, whose global setup builds it (${RENDERER_ENV}).`);
      const app = await openApp(page, { renderer });
      opened.push(app);
      return app;
    });
    for (const app of opened) {
      await app.close();
      expectStayedHome(app.station);
    }
  },
});

export { expect };
