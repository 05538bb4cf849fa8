// A session with more segments than the scoresheet is wide (12 minutes in 30-second segments: 24 columns, the clip's
// few milliseconds past 12:00 joining the last, as a new study's final-segment rule has it)
// on a laptop screen: the playhead's column, and the cell a key marks in it, stay in view as coding moves on,
// and so does the mark just made in a segment's list of marks, however long;
// in the lead's comparison, a difference picked in the list comes into view in both grids.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { importMarks } from '../../electron/core/coding/index.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { addCoder } from '../../electron/core/store/coders.ts';
import { closeStudy, createStudy } from '../../electron/core/store/study-file.ts';
import { vp9WebmClip } from './harness/clips.ts';
import type { AppWindow } from './harness/app.ts';
import { expect, test } from './harness/fixtures.ts';
import { screenshot } from './harness/screens.ts';
import { openCodingScreen, seedStudy } from './harness/seeded-study.ts';

const LAPTOP = { width: 1366, height: 768 };
const SEGMENTS = 24;

const segmentHead = (page: Page, segment: number) => page.getByRole('columnheader', { name: new RegExp(`^${segment} `) });

/**
 * Wholly inside the scoresheet's frame, to within a pixel (layout has fractions of one), and not under its
 * pinned code column.
 */
async function expectInFrame(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeInViewport();
  await expect
    .poll(
      async () => {
        const frame = (await page.getByRole('region', { name: 'Scoresheet' }).boundingBox())!;
        const pinned = (await page.locator('.scoresheet thead th.corner').boundingBox())!;
        const box = (await target.boundingBox())!;
        return box.x >= pinned.x + pinned.width - 1 && box.x + box.width <= frame.x + frame.width + 1;
      },
      { message: 'in the frame, right of the pinned code column' },
    )
    .toBe(true);
}

async function goToSegment(page: Page, segment: number): Promise<void> {
  await expect(page.getByRole('group', { name: 'Playhead' })).toContainText(`Segment ${segment} of ${SEGMENTS}`);
}

test.describe('a long session on a laptop screen', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), '3rs-e2e-long-'));
  });
  test.afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** The app on a laptop screen, at the coding screen of a seeded 12-minute recording in segments of this length. */
  async function codingOnLaptop(page: Page, app: () => Promise<AppWindow>, segmentSeconds: number): Promise<void> {
    await page.setViewportSize(LAPTOP);
    const opened = await app();
    const study = await seedStudy(opened.handlers, { dir, segmentSeconds, clipSeconds: 12 * 60 });
    await page.goto(opened.url);
    await openCodingScreen(page, study);
  }

  test('the playhead’s column scrolls into view, with the mark a key makes there, going forward and back', async ({ page, app }) => {
    await codingOnLaptop(page, app, 30);

    const frame = page.getByRole('region', { name: 'Scoresheet' });
    const overflow = await frame.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, 'the 24 columns are wider than the frame').toBeGreaterThan(0);

    for (let i = 0; i < 14; i++) await page.keyboard.press('BracketRight');
    await goToSegment(page, 15);
    await expectInFrame(page, segmentHead(page, 15));
    await expectInFrame(page, segmentHead(page, 16)); // the next one too, where play goes
    await page.keyboard.press('KeyQ');
    await expectInFrame(page, page.getByRole('cell', { name: 'C1 in segment 15: check', exact: true }));
    await screenshot(page, '11-long-session-at-1366x768');

    for (let i = 0; i < SEGMENTS - 15; i++) await page.keyboard.press('BracketRight');
    await goToSegment(page, SEGMENTS);
    await expectInFrame(page, segmentHead(page, SEGMENTS));

    for (let i = 0; i < SEGMENTS - 3; i++) await page.keyboard.press('BracketLeft');
    await goToSegment(page, 3);
    await expectInFrame(page, segmentHead(page, 3));
    await page.keyboard.press('KeyA');
    await expectInFrame(page, page.getByRole('cell', { name: 'R1 in segment 3: check', exact: true }));
  });

  test('in the lead’s comparison, a difference picked in the list scrolls into view in both grids, which scroll sideways together', async ({
    page,
    app,
  }) => {
    const path = join(dir, 'long.3rs');
    const video = join(dir, 'd01-s01.webm');
    copyFileSync(await vp9WebmClip(12 * 60), video);
    const study = createStudy(path, 'a long session to compare', { actor: 'seed', segmentSeconds: 30 });
    try {
      addCoder(study.db, { code: 'L01', name: 'Lena Lead', role: 'lead' }, 'seed');
      for (const coder of ['C01', 'C02']) addCoder(study.db, { code: coder, name: `Coder ${coder}`, role: 'coder' }, 'seed');
      await addRecording(study.db, { videoPath: video, code: 'D01-S01' }, 'seed');
      // They agree on W1 in segment 1 and differ only on C2 in segment 22 (10:30–11:00).
      importMarks(
        study.db,
        'D01-S01',
        'C01',
        [
          { code: 'W1', clarity: 'check', timeMs: 5_000 },
          { code: 'C2', clarity: 'check', timeMs: 640_000 },
        ],
        'C01',
      );
      importMarks(study.db, 'D01-S01', 'C02', [{ code: 'W1', clarity: 'check', timeMs: 6_000 }], 'C02');
    } finally {
      closeStudy(study);
    }
    await page.setViewportSize(LAPTOP);
    const opened = await app();
    await page.goto(opened.url);
    await page.getByLabel('Study file').fill(path);
    await page.getByLabel('Passphrase').fill('a long session to compare');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: /^L01 / }).click();
    await page
      .getByRole('row', { name: /D01-S01/ })
      .getByRole('button', { name: 'Open' })
      .click();
    await page.getByRole('button', { name: 'Compare codings' }).click();

    const cellOf = (coder: string) =>
      page.getByRole('table', { name: `${coder}’s coding of D01-S01` }).getByRole('cell', { name: /^C2 in segment 22:/ });
    await expect(cellOf('C01')).not.toBeInViewport();
    await page.getByRole('table', { name: 'Differences', exact: true }).getByRole('row', { name: /C2/ }).click();
    for (const coder of ['C01', 'C02']) {
      await expect(cellOf(coder)).toHaveClass(/picked/);
      await expect(cellOf(coder)).toBeInViewport({ ratio: 1 });
    }

    // Scrolled back by hand in one grid, both show the start again.
    const frames = page.locator('.compare-grids .grid-scroll');
    await frames.first().evaluate((el) => el.scrollTo({ left: 0 }));
    await expect.poll(() => frames.evaluateAll((els) => els.map((el) => el.scrollLeft))).toEqual([0, 0]);
    await frames.last().evaluate((el) => el.scrollTo({ left: 200 }));
    await expect.poll(() => frames.evaluateAll((els) => els.map((el) => el.scrollLeft))).toEqual([200, 200]);
  });

  test('the mark just made is in sight in the segment’s list, however many marks the segment holds', async ({ page, app }) => {
    await codingOnLaptop(page, app, 300);
    const keys = ['Digit1', 'KeyQ', 'KeyA', 'Digit2', 'KeyW', 'KeyS', 'Digit3'];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press(keys[i % keys.length]!);
      await page.keyboard.press('ArrowRight'); // five seconds on
    }
    const list = page.getByRole('list', { name: 'Marks in segment 1' });
    await expect(list.getByRole('listitem')).toHaveCount(14);
    const overflow = await list.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(overflow, 'more marks than the list has room for').toBeGreaterThan(0);
    // The last key marked W3 at 1:05, the latest mark and the list's last row.
    await expect(list.getByRole('listitem').last()).toContainText('1:05');
    await expect(list.getByRole('button', { name: /^W3 at 1:05/ })).toBeInViewport({ ratio: 0.9 });
  });
});
