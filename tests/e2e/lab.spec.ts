// The lab across workstations, run from the app alone (browser harness: Debian's Chromium, the built renderer,
// the real core behind window.api). A lead's study and a coder's workstation study sit in one temp folder as
// they would on two machines; the packets travel through folders. The lead registers the coder's card and
// makes the assignment; the coder opens it, locates the video by content, codes from the keyboard, signs off
// and sends the codings back; the lead inspects, imports, and the reliability report includes the coder's
// coding. No path is typed in a way the desktop app would not offer a dialog for.

import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { importMarks } from '../../electron/core/coding/index.ts';
import { createIdentity } from '../../electron/core/lab/identity.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { addCoder } from '../../electron/core/store/coders.ts';
import { closeStudy, createStudy } from '../../electron/core/store/study-file.ts';
import { completeWithRatings } from '../helpers/lab.ts';
import { vp9WebmClip } from './harness/clips.ts';
import { expect, test } from './harness/fixtures.ts';
import { screenshot, WINDOW } from './harness/screens.ts';

const PASSPHRASE = 'packets travel, keys stay home';
const RECORDING = 'D01-S01';
const CLIP_SECONDS = 60;
const SEEDER = 'seed';

const cell = (page: Page, code: string, segment: number, state: string) =>
  page.getByRole('cell', { name: `${code} in segment ${segment}: ${state}`, exact: true });

/**
 * The lead's study (identity L01, the real recording, and C02's complete coding of it from an earlier exchange)
 * and C01's workstation study (identity C01, a coder), each made the way its owner's app makes it.
 */
async function seed(dir: string): Promise<{ lab: string; work: string; card: string }> {
  const video = join(dir, 'lead-videos', 'd01-s01.webm');
  mkdirSync(join(dir, 'lead-videos'));
  copyFileSync(await vp9WebmClip(CLIP_SECONDS), video);
  const lab = createStudy(join(dir, 'lab.3rs'), PASSPHRASE, { actor: SEEDER });
  const work = createStudy(join(dir, 'c01.3rs'), PASSPHRASE, { actor: SEEDER });
  try {
    await createIdentity(lab.db, { code: 'L01', name: 'Lena Lead', role: 'lead' }, SEEDER);
    await addRecording(lab.db, { videoPath: video, code: RECORDING }, SEEDER);
    addCoder(lab.db, { code: 'C02', name: 'Ben Second', role: 'coder' }, SEEDER);
    importMarks(lab.db, RECORDING, 'C02', [{ code: 'W1', clarity: 'check', timeMs: 10_000 }], 'C02');
    completeWithRatings(lab, RECORDING, 'C02');
    const id = await createIdentity(work.db, { code: 'C01', name: 'Ana Coder', role: 'coder' }, SEEDER);
    return { lab: lab.path, work: work.path, card: id.card };
  } finally {
    closeStudy(lab);
    closeStudy(work);
  }
}

async function unlock(page: Page, path: string, coder: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Open a study' });
  await form.getByLabel('Study file').fill(path);
  await form.getByLabel('Passphrase').fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: new RegExp(`^${coder} `) }).click();
  await expect(page.getByRole('heading', { name: 'Recordings' })).toBeVisible();
}

async function lock(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Open a study' })).toBeVisible();
}

const home = (page: Page, file: string) => page.getByRole('navigation', { name: 'Where you are' }).getByRole('button', { name: file }).click();

test.describe('a lab run from the app', () => {
  test('assign, open, locate, code by keyboard, sign off, send back, inspect, import — and the report includes the coder', async ({
    page,
    app,
    scratch: dir,
  }) => {
    test.setTimeout(240_000);
    const studies = await seed(dir);
    const outbox = join(dir, 'usb-stick');
    const inbox = join(dir, 'lab-inbox');
    const drive = join(dir, 'c01-drive', 'videos');
    mkdirSync(outbox);
    mkdirSync(inbox);
    mkdirSync(drive, { recursive: true });
    copyFileSync(await vp9WebmClip(CLIP_SECONDS), join(drive, 'session one.webm'));
    await page.setViewportSize(WINDOW);
    const served = await app();
    await page.goto(served.url);

    await test.step('the lead registers C01 by their card and compares the fingerprint', async () => {
      await unlock(page, studies.lab, 'L01');
      await page.getByRole('button', { name: 'Lab', exact: true }).click();
      const form = page.getByRole('form', { name: 'Register a coder by their card' });
      await form.getByLabel('Coder code').fill('C01');
      await form.getByLabel('Identity card').fill(studies.card);
      await form.getByRole('button', { name: 'Register' }).click();
      await expect(form.getByRole('status')).toContainText('Registered C01 (Ana Coder). Fingerprint:');
      await expect(page.getByRole('row', { name: /^C01 Ana Coder/ })).toBeVisible();
    });

    await test.step('the lead makes the assignment into a folder (the USB stick)', async () => {
      const form = page.getByRole('form', { name: 'Make an assignment' });
      await form.getByLabel('Coder').selectOption('C01');
      await form.getByRole('checkbox', { name: RECORDING }).check();
      await form.getByLabel('Save the packet as').fill(outbox);
      await form.getByRole('button', { name: 'Make assignment' }).click();
      await expect(form.getByRole('status')).toHaveText(
        `Wrote assignment 1 for C01 (${RECORDING}) to ${join(outbox, 'C01-assignment-1.age')}. Only C01 can open it.`,
      );
      await expect(page.getByRole('row', { name: /^C01 Ana Coder/ })).toContainText('#1');
      await screenshot(page, 'lab-01-lead-assigned');
      await lock(page);
    });

    await test.step('the coder opens the assignment on their workstation and locates the video', async () => {
      await unlock(page, studies.work, 'C01');
      const work = page.getByRole('region', { name: 'Your lab work' });
      const opening = work.getByRole('form', { name: 'Open assignment' });
      await opening.getByLabel('Assignment packet').fill(join(outbox, 'C01-assignment-1.age'));
      await opening.getByRole('button', { name: 'Open assignment' }).click();
      await expect(opening.getByRole('status')).toContainText('Opened assignment 1 from L01.');
      await expect(opening.getByRole('status')).toContainText(`${RECORDING}: video not linked yet; not coded yet`);
      const locating = work.getByRole('form', { name: 'Locate videos' });
      await locating.getByLabel('Folder with the videos').fill(join(dir, 'c01-drive'));
      await locating.getByRole('button', { name: 'Locate videos…' }).click();
      await expect(locating.getByRole('status')).toHaveText(`Linked 1 (${RECORDING}).`, { timeout: 30_000 });
      await screenshot(page, 'lab-02-coder-workstation');
    });

    await test.step('the coder codes two marks from the keyboard, rates all 28 and signs off', async () => {
      await page
        .getByRole('row', { name: new RegExp(RECORDING) })
        .getByRole('button', { name: 'Open' })
        .click();
      await page.getByRole('button', { name: /Start coding|Code this session/ }).click();
      await expect(page.getByRole('table', { name: `Scoresheet of ${RECORDING}` })).toBeVisible();
      await page.keyboard.press('Digit1'); // W1, check
      await expect(cell(page, 'W1', 1, 'check')).toBeVisible();
      await page.keyboard.press('Digit2'); // W2, check
      await expect(cell(page, 'W2', 1, 'check')).toBeVisible();
      // The one segment as if watched through (a minute of play is too long for a test).
      expect((await served.handlers['segments.played']({ recording: RECORDING, spans: [{ startMs: 0, endMs: CLIP_SECONDS * 1000 }] })).ok).toBe(true);
      await page.keyboard.press('Control+Enter');
      await expect(page.getByRole('heading', { name: 'Withdrawal: significance' })).toBeVisible();
      // W1–W7, C1–C7, R1–R10, then the four overall ratings: the marked types above 1, the rest 1.
      const values = [3, 2, ...Array<number>(22).fill(1), 2, 1, 1, 1];
      expect(values).toHaveLength(28);
      for (const value of values) await page.keyboard.press(`Digit${value}`);
      await expect(page.locator('.rated-count')).toContainText('28 of 28 rated');
      await page.getByRole('button', { name: 'Complete' }).click();
      await page
        .getByRole('alertdialog', { name: 'Sign off this coding?' })
        .getByRole('button', { name: /^Sign off/ })
        .click();
      await expect(page.getByText(/^This coding is signed off\./)).toBeVisible();
    });

    await test.step('the coder sends the codings back and is told where the file went', async () => {
      await home(page, 'c01.3rs');
      const sending = page.getByRole('region', { name: 'Your lab work' }).getByRole('form', { name: 'Send codings back' });
      await sending.getByLabel('Save the return packet as').fill(inbox);
      await sending.getByRole('button', { name: 'Send codings back' }).click();
      const packet = join(inbox, 'C01-return-1.age');
      await expect(sending.getByRole('status')).toHaveText(
        `Wrote return packet 1 (${RECORDING}) to ${packet}. Only your lead can open it: send them this file.`,
      );
      expect(existsSync(packet)).toBe(true);
      await lock(page);
    });

    await test.step('the lead inspects the inbox before anything changes, then imports', async () => {
      await unlock(page, studies.lab, 'L01');
      await page.getByRole('button', { name: 'Lab', exact: true }).click();
      const form = page.getByRole('form', { name: 'Import return packets' });
      await form.getByLabel('Or an inbox folder').fill(inbox);
      await form.getByRole('button', { name: 'Inspect' }).click();
      const preview = page.getByRole('region', { name: 'What the packets would change' });
      await expect(preview).toContainText('return packet 1 from C01');
      await expect(preview).toContainText(`${RECORDING}: 2 marks added, 0 changed, 0 deleted; 28 ratings changed`);
      await expect(preview).toContainText('status not started → complete');
      await expect(page.getByRole('row', { name: /^C01 Ana Coder/ })).toContainText('none yet');
      await screenshot(page, 'lab-03-lead-inspect');
      await preview.getByRole('button', { name: 'Import' }).click();
      await expect(page.getByRole('region', { name: 'Imported' })).toContainText('Imported.');
      await expect(page.getByRole('row', { name: /^C01 Ana Coder/ })).toContainText('Complete');
      await screenshot(page, 'lab-04-lead-imported');
    });

    await test.step('the reliability report compares C01’s coding with C02’s', async () => {
      await home(page, 'lab.3rs');
      await page.getByRole('button', { name: 'Reliability report' }).click();
      const choices = page.getByRole('region', { name: 'What the report covers' });
      await expect(choices.getByRole('checkbox', { name: /C01/ })).toBeChecked();
      await expect(choices.getByRole('checkbox', { name: /C02/ })).toBeChecked();
      await expect(page.getByRole('table', { name: 'Segment agreement' })).toBeVisible();
      await expect(page.locator('body')).not.toContainText('NaN');
      await screenshot(page, 'lab-05-lead-reliability');
    });

    await test.step('nothing left the app, and the page raised no error', async () => {
      expect(served.station.offOrigin()).toEqual([]);
      expect(served.problems).toEqual([]);
    });
  });
});
