// The Complete (sign-off) confirmation as a coder sees it in the browser: what the sign-off would leave open,
// then the signed-off status with the Reopen its coder keeps until a lead uses the coding. Screenshots go to
// test-results/screens/.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './harness/fixtures.ts';
import { screenshot, WINDOW } from './harness/screens.ts';
import { openCodingScreen, seedStudy } from './harness/seeded-study.ts';

/** Two 5-minute segments (0–5, 5–8 min), neither watched: the confirmation names them. */
const CLIP_SECONDS = 8 * 60;

test.describe('signing a coding off', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), '3rs-e2e-sign-off-'));
  });
  test.afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('Complete first asks, naming what stays open (the unwatched segments); signed off, its coder may still reopen it', async ({ page, app }) => {
    await page.setViewportSize(WINDOW);
    const opened = await app();
    const study = await seedStudy(opened.handlers, { dir, segmentSeconds: 300, clipSeconds: CLIP_SECONDS });
    await page.goto(opened.url);
    await openCodingScreen(page, study);

    // Every item rated 1: nothing marked, so the manual's 1 throughout.
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('heading', { name: 'Withdrawal: significance' })).toBeVisible();
    for (let i = 0; i < 28; i++) await page.keyboard.press('Digit1');
    await expect(page.locator('.rated-count')).toContainText('28 of 28 rated');

    await page.getByRole('button', { name: 'Complete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Sign off this coding?' });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(/segments? 1.*2|segments 1–2/);
    await confirm.scrollIntoViewIfNeeded();
    await screenshot(page, '09a-sign-off-confirmation');

    await confirm.getByRole('button', { name: 'Sign off' }).click();
    await expect(page.getByText(/^This coding is signed off\. You can still reopen it/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
    await screenshot(page, '09b-signed-off-reopen');
  });
});
