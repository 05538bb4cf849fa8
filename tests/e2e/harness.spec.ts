import { expect, test } from '@playwright/test';
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
    const station = await openStation(page, { files: (path) => (path === '/' ? { body: '<!doctype html><title>t</title>', contentType: 'text/html' } : null) });
    await page.goto(station.url('/'));
    const statuses = await page.evaluate(async () => [(await fetch('/media/NOPE')).status, (await fetch('/missing.js')).status]);
    expect(statuses).toEqual([404, 404]);
    expect(station.offOrigin()).toEqual([]);
  });
});
