// A note being typed survives every way the study can close under the coder: the computer locking, the main
// process's own idle deadline, the window closing, a reload from the menu and a reload the page did not ask for.
// The whole app in Debian's Chromium with the real core; the main process's side (ask the page to save its drafts,
// wait for its answer, close the study) is electron/main's own window-study.ts. Each note is read back from the
// study file once the app closed it. And the kind idle lock as the coder sees it: countdown, reason, and back
// where they were (screenshots in test-results/screens).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { codingView } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import type { AppWindow } from './harness/app.ts';
import { expect, test } from './harness/fixtures.ts';
import { screenshot, WINDOW } from './harness/screens.ts';
import { openCodingScreen, seedStudy, type SeededStudy } from './harness/seeded-study.ts';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), '3rs-e2e-lock-'));
});
test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The app on the coding screen of a seeded one-minute recording. */
async function codingScreen(page: Page, app: AppWindow): Promise<SeededStudy> {
  await page.setViewportSize(WINDOW);
  const study = await seedStudy(app.handlers, { dir, segmentSeconds: 300, clipSeconds: 60 });
  await page.goto(app.url);
  await openCodingScreen(page, study);
  return study;
}

/** Types into the segment note and stays in the field: the note is a draft, not yet saved. */
async function typeNote(page: Page, text: string): Promise<void> {
  const note = page.getByRole('textbox', { name: 'Note on segment 1' });
  await note.click();
  await note.pressSequentially(text);
  await expect(note).toBeFocused();
}

/** The segment notes as the study file holds them, read after the app closed it. */
function notesOnDisk(study: SeededStudy): Record<number, string> {
  const opened = openStudy(study.path, study.passphrase);
  try {
    return codingView(opened.db, study.recording, study.coder).scoresheet.notes;
  } finally {
    closeStudy(opened);
  }
}

const isOpen = async (app: AppWindow) => {
  const state = await app.handlers['session.state']({});
  return state.ok && state.value.open;
};

test.describe('a note being typed is on disk after', () => {
  test('the computer locks: saved, the study closed, and the unlock screen says why', async ({ page, app }) => {
    const served = await app();
    const study = await codingScreen(page, served);
    await typeNote(page, 'quiet after the question about the break');
    await served.systemLock();
    expect(await isOpen(served)).toBe(false);
    await expect(page.getByRole('status')).toHaveText(/locked the study because this computer was locked or went to sleep/);
    await expect(page.getByRole('button', { name: 'Open a study' })).toBeVisible();
    expect(notesOnDisk(study)).toEqual({ 0: 'quiet after the question about the break' });
  });

  test('the main process’s own idle deadline runs out (a page that stopped reporting)', async ({ page, app }) => {
    const served = await app();
    const study = await codingScreen(page, served);
    await typeNote(page, 'long pause');
    await served.idleDeadline();
    await expect(page.getByRole('status')).toHaveText(/without a key press or a click/);
    expect(notesOnDisk(study)).toEqual({ 0: 'long pause' });
  });

  test('the window closes', async ({ page, app }) => {
    const served = await app();
    const study = await codingScreen(page, served);
    await typeNote(page, 'typed as the window closed');
    await served.closeWindow();
    expect(page.isClosed()).toBe(true);
    expect(await isOpen(served)).toBe(false);
    expect(notesOnDisk(study)).toEqual({ 0: 'typed as the window closed' });
  });

  test('the page reloads from the menu', async ({ page, app }) => {
    const served = await app();
    const study = await codingScreen(page, served);
    await typeNote(page, 'typed before a reload');
    await served.reloadFromMenu();
    await expect(page.getByRole('heading', { name: '3RS Station' })).toBeVisible();
    expect(await isOpen(served)).toBe(false);
    expect(notesOnDisk(study)).toEqual({ 0: 'typed before a reload' });
  });

  test('the page reloads without the main process asking (the page going sends its drafts)', async ({ page, app }) => {
    const served = await app();
    const study = await codingScreen(page, served);
    await typeNote(page, 'typed before F5');
    await page.reload();
    await expect(page.getByRole('heading', { name: '3RS Station' })).toBeVisible();
    // The study is still open in the main process; closing it commits what the page sent before it went.
    await served.handlers['study.close']({});
    expect(notesOnDisk(study)).toEqual({ 0: 'typed before F5' });
  });
});

test.describe('a kind idle lock', () => {
  test('counts down before it locks, says why, and unlocking takes the coder back to the recording and the playhead', async ({ page, app }) => {
    const served = await app();
    // The page's clock, so fifteen idle minutes pass in a moment.
    await page.clock.install();
    const study = await codingScreen(page, served);
    const video = page.getByLabel('Session recording');
    await page.getByRole('table', { name: `Scoresheet of ${study.recording}` }).click({ position: { x: 2, y: 2 } });
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBe(20);

    await page.clock.fastForward('14:31');
    const countdown = page.getByText(/^Locking in \d+ s/);
    await expect(countdown).toBeVisible();
    await expect(countdown.locator('..')).toHaveText(/^Locking in (30|29) s — press any key$/);
    await screenshot(page, 'lock-countdown');

    await page.clock.fastForward(31_000);
    await expect(page.getByRole('status')).toHaveText(/locked the study after 15 minutes without a key press or a click/);
    await expect(page.getByLabel('Study file')).toHaveValue(study.path);
    await expect(page.getByRole('navigation', { name: 'Recent studies' })).toContainText(study.path);
    await screenshot(page, 'lock-unlock-reason');

    await page.getByLabel('Passphrase').fill(study.passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: new RegExp(`^${study.coder} `) }).click();
    await expect(page.getByRole('table', { name: `Scoresheet of ${study.recording}` })).toBeVisible();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBe(20);
  });
});
