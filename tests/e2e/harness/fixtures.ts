import { test as base, expect } from '@playwright/test';
import { openStation, type Station, type StationOptions } from './station.ts';

interface StationFixtures {
  /** Puts the page on the fake origin. After the test, no request may have left it and no handler may have failed. */
  station: (options: StationOptions) => Promise<Station>;
}

export const test = base.extend<StationFixtures>({
  station: async ({ page }, use) => {
    const opened: Station[] = [];
    await use(async (options) => {
      const station = await openStation(page, options);
      opened.push(station);
      return station;
    });
    for (const station of opened) {
      expect(station.offOrigin(), 'requests that left the fake origin').toEqual([]);
      expect(station.errors.map((e) => e.message), 'harness handler failures').toEqual([]);
    }
  },
});

export { expect };
