import { expect, test } from '@playwright/test';
import { CHANNELS } from '../../electron/core/api/channels.ts';
import { contentSecurityPolicy } from '../../electron/main/policy.ts';
import { expect as appExpect, test as appTest } from './harness/fixtures.ts';
import { openStation } from './harness/station.ts';

test.describe('the fake origin the page runs on', () => {
  test('refuses and reports a request that leaves it, so a test can prove the page stayed offline', async ({ page }) => {
    const station = await openStation(page, { files: () => ({ body: '<!doctype html><title>t</title>', contentType: 'text/html' }) });
    await page.goto(station.url('/'));
    expect(station.offOrigin()).toEqual([]);

    await expect(page.goto('https://example.org/tracker.png')).rejects.toThrow();
    expect(station.offOrigin()).toEqual(['https://example.org/tracker.png']);
  });

  test('answers an unknown recording with 404 and an unknown page with 404', async ({ page }) => {
    const station = await openStation(page, {
      files: (path) => (path === '/' ? { body: '<!doctype html><title>t</title>', contentType: 'text/html' } : null),
    });
    await page.goto(station.url('/'));
    const statuses = await page.evaluate(async () => [(await fetch('/media/NOPE')).status, (await fetch('/missing.js')).status]);
    expect(statuses).toEqual([404, 404]);
    expect(station.offOrigin()).toEqual([]);
  });
});

appTest.describe('the app in the page', () => {
  appTest(
    "gets window.api with exactly the contract's channels, under the packaged app's CSP, and shows the unlock screen",
    async ({ page, app }) => {
      const served = await app();
      const response = await page.goto(served.url);
      expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy({}));
      await appExpect(page.getByRole('heading', { name: '3RS Station' })).toBeVisible();

      const globals = await page.evaluate(() => ({
        channels: Object.keys(window.api)
          .filter((key) => key !== 'on')
          .sort(),
        on: typeof window.api.on,
        binding: '__3rs' in window || '__3rsAnswer' in window,
        frozen: Object.isFrozen(window.api),
      }));
      expect(globals).toEqual({ channels: [...CHANNELS].sort(), on: 'function', binding: false, frozen: true });

      // A call goes to the real core and comes back as a Result: no study is open yet.
      const info = await page.evaluate(() => window.api['study.info']({}));
      expect(info).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
      // Inline script is refused by the CSP, as in Electron.
      expect(
        await page.evaluate(() => {
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.head.append(s);
          return '__inline' in window;
        }),
      ).toBe(false);
    },
  );
});
