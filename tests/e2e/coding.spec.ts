// A coder's whole session in the real app: Debian's Chromium, the built renderer, the real core behind
// window.api, a real encrypted study and a real VP9/Opus recording made by ffmpeg. Every screen is saved
// under test-results/screens for a reviewer.

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { createApiHandlers } from '../../electron/core/api/handlers.ts';
import { vp9WebmClip } from './harness/clips.ts';
import { expect, test } from './harness/fixtures.ts';
import { screenshot, WINDOW } from './harness/screens.ts';
import { openCodingScreen, seedStudy } from './harness/seeded-study.ts';

const PASSPHRASE = 'rupture and repair, end to end';
const RECORDING = 'D01-S01';
/** Twelve minutes cut into the default 5-minute segments: 0–5, 5–10 and 10–12 min. */
const CLIP_SECONDS = 12 * 60;

const cell = (page: Page, code: string, segment: number, state: string) =>
  page.getByRole('cell', { name: `${code} in segment ${segment}: ${state}`, exact: true });
const segmentHead = (page: Page, segment: number) => page.getByRole('columnheader', { name: new RegExp(`^${segment} `) });

/** The playhead's segment as the coding screen's clock shows it ("Segment 2 of 3"). */
async function expectPlayheadIn(page: Page, segment: number): Promise<void> {
  await expect(page.getByRole('group', { name: 'Playhead' })).toContainText(`Segment ${segment} of 3`);
}

/** A laptop screen, the common size in a lab; the flow itself runs in the larger WINDOW. */
const LAPTOP = { width: 1366, height: 768 };

/** The element is on screen whole and nothing covers its middle (a sticky header, a card, another row). */
async function expectUncovered(target: Locator): Promise<void> {
  await expect(target).toBeInViewport({ ratio: 1 });
  const hit = await target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top !== null && (top === el || el.contains(top));
  });
  expect(hit, 'nothing covers it').toBe(true);
}

/** The app bar's parts, left to right, each wholly right of the one before and inside the window. */
async function expectAppBarFits(page: Page, width: number): Promise<void> {
  const bar = page.getByRole('banner');
  const parts = [
    bar.getByRole('navigation', { name: 'Where you are' }),
    bar.getByRole('group', { name: 'Playhead' }),
    bar.getByRole('button', { name: /^Keys/ }),
    bar.getByRole('button', { name: 'Global ratings →' }),
    bar.locator('.who'),
    bar.getByRole('button', { name: 'Security' }),
    bar.getByRole('button', { name: 'Settings' }),
    bar.getByRole('button', { name: 'Lock' }),
  ];
  let right = 0;
  for (const part of parts) {
    const box = await part.boundingBox();
    if (!box) throw new Error(`an app bar part is not shown at ${width} px: ${part}`);
    expect(box.x, `${part} at ${width} px starts after the part before it ends`).toBeGreaterThanOrEqual(right);
    right = box.x + box.width;
  }
  expect(right, `the app bar fits in ${width} px`).toBeLessThanOrEqual(width);
}

/** Unlocks the study on the unlock screen and chooses the coder. */
async function unlock(page: Page, path: string, coder: string): Promise<void> {
  await page.getByLabel('Study file').fill(path);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: new RegExp(`^${coder} `) }).click();
}

/** A laptop's window after the taskbar and title bar, and a full-HD monitor. */
const LAPTOP_WINDOW = { width: 1366, height: 680 };
const FULL_HD = { width: 1920, height: 1080 };

/** Neither the page nor a column of the coding screen scrolls: everything is on screen at once. */
async function expectNoScroll(page: Page): Promise<void> {
  const sizes = await page.evaluate(() => ({
    page: { scroll: document.scrollingElement!.scrollHeight, view: window.innerHeight },
    columns: [...document.querySelectorAll('.coding-media, .coding-sheet')].map((el) => ({ scroll: el.scrollHeight, view: el.clientHeight })),
  }));
  expect(sizes.page.scroll, 'the page does not scroll').toBeLessThanOrEqual(sizes.page.view);
  for (const column of sizes.columns) expect(column.scroll, 'no column of the coding screen scrolls').toBeLessThanOrEqual(column.view + 1);
}

test.describe('the coding screen on a laptop and on a wide monitor', () => {
  test('fits 1366×680 without scrolling, R10 and the segment note in view; 1920×1080 gives the video the room; play stops at a segment’s end', async ({
    page,
    app,
    scratch: dir,
  }) => {
    await page.setViewportSize(LAPTOP_WINDOW);
    const opened = await app();
    const study = await seedStudy(opened.handlers, { dir, segmentSeconds: 300, clipSeconds: CLIP_SECONDS });
    await page.goto(opened.url);
    await openCodingScreen(page, study);
    await page.keyboard.press('KeyA'); // a mark, so the list of marks has a row
    await expect(cell(page, 'R1', 1, 'check')).toBeVisible();
    const note = page.getByRole('textbox', { name: 'Note on segment 1' });
    await screenshot(page, '05c-coding-at-1366x680');

    await expectNoScroll(page);
    await expectUncovered(page.getByRole('rowheader', { name: /^R10 / }));
    await expectUncovered(cell(page, 'R10', 3, 'not marked'));
    await expectUncovered(note);
    await expectUncovered(page.getByRole('checkbox', { name: 'Pause at the end of each segment' }));
    const laptopVideo = (await page.locator('.video-frame').boundingBox())!;

    await page.setViewportSize(FULL_HD);
    await screenshot(page, '05d-coding-at-1920x1080');
    await expectNoScroll(page);
    await expectUncovered(page.getByRole('rowheader', { name: /^R10 / }));
    await expectUncovered(note);
    const wideVideo = (await page.locator('.video-frame').boundingBox())!;
    expect(wideVideo.width, 'the video grows with a wide screen').toBeGreaterThan(laptopVideo.width * 1.4);

    // Playing into a segment's end stops on its last moment (the setting is on by default): a late key still marks there.
    await page.keyboard.press('BracketRight');
    await page.keyboard.press('ArrowLeft'); // 4:55
    await page.keyboard.press('Space');
    await expect(page.locator('.seg-left')).toHaveText('0:00 left', { timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expectPlayheadIn(page, 1);
    await page.keyboard.press('KeyS');
    await expect(cell(page, 'R2', 1, 'check')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Marks in segment 1' })).toContainText('4:59');
    // Played on from there, it crosses into segment 2.
    await page.keyboard.press('Space');
    await expectPlayheadIn(page, 2);
  });
});

test.describe('a coder codes a whole session from the keyboard', () => {
  test('create a study, add a coder, import, mark, undo, reload, rate all 28, complete — and it is all on disk', async ({
    page,
    app,
    scratch: dir,
  }) => {
    test.setTimeout(240_000);
    const video = join(dir, 'd01-s01.webm');
    copyFileSync(await vp9WebmClip(CLIP_SECONDS), video);
    const studyPath = join(dir, 'alliance.3rs');
    await page.setViewportSize(WINDOW);
    const served = await app();
    await page.goto(served.url);

    await test.step('create the study as the first coder', async () => {
      await expect(page.getByRole('heading', { name: '3RS Station' })).toBeVisible();
      await screenshot(page, '01-unlock');
      await page.getByRole('button', { name: 'Create a study', exact: true }).click();
      await page.getByLabel('New study file').fill(studyPath);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
      await page.getByLabel('Your coder code').fill('C01');
      await page.getByLabel('Your name').fill('Ana Coder');
      // A study's creator is its lead unless they choose otherwise; here the first coder codes.
      await page.getByRole('radio', { name: /^Coder/ }).check();
      // Paired fields line up by their inputs, though only one of each pair has a hint beneath it.
      const top = async (label: string) => (await page.getByLabel(label, { exact: true }).boundingBox())!.y;
      expect(await top('Confirm passphrase')).toBeCloseTo(await top('Passphrase'), 0);
      expect(await top('Your name')).toBeCloseTo(await top('Your coder code'), 0);
      await screenshot(page, '02-create');
      await page.getByRole('button', { name: 'Create study' }).click();
      await expect(page.getByRole('heading', { name: 'Recordings' })).toBeVisible();
    });

    await test.step('add a second coder', async () => {
      const form = page.getByRole('form', { name: 'Add a coder' });
      await form.getByLabel('Code').fill('C02');
      await form.getByLabel('Name').fill('Ben Second');
      await form.getByRole('button', { name: 'Add coder' }).click();
      await expect(page.getByRole('rowheader', { name: 'C02' })).toBeVisible();
    });

    await test.step('import the recording, with its progress on screen', async () => {
      const form = page.getByRole('form', { name: 'Add a recording' });
      await form.getByLabel('Video or audio file').fill(video);
      await form.getByLabel('Recording code').fill(RECORDING);
      await form.getByRole('button', { name: 'Add recording' }).click();
      const job = page.getByRole('group', { name: `Adding ${RECORDING}` });
      await expect(job.getByRole('progressbar', { name: new RegExp(`^Adding ${RECORDING}`) })).toBeVisible();
      await expect(job).toContainText(/\d+%/);
      await screenshot(page, '03-import-progress');
      await expect(job).toContainText('Done', { timeout: 60_000 });
      await expect(page.getByRole('rowheader', { name: RECORDING })).toBeVisible();
      await screenshot(page, '04-home-with-recording');
    });

    await test.step('open the recording and mark by keyboard in two segments, one check-minus, undoing one', async () => {
      await page
        .getByRole('row', { name: new RegExp(RECORDING) })
        .getByRole('button', { name: 'Open' })
        .click();
      await page.getByRole('button', { name: /Start coding|Code this session/ }).click();
      await expect(page.getByRole('table', { name: `Scoresheet of ${RECORDING}` })).toBeVisible();
      await expectPlayheadIn(page, 1);

      await page.keyboard.press('Digit1'); // W1, check
      await expect(cell(page, 'W1', 1, 'check')).toBeVisible();
      await page.keyboard.press('Shift+Digit2'); // W2, check-minus
      await expect(cell(page, 'W2', 1, 'check-minus')).toBeVisible();

      await page.keyboard.press('BracketRight'); // next segment: 5:00
      await expectPlayheadIn(page, 2);
      await page.keyboard.press('KeyQ'); // C1
      await page.keyboard.press('KeyA'); // R1, after the ruptures
      await page.keyboard.press('KeyW'); // C2 — a slip …
      await expect(cell(page, 'C2', 2, 'check')).toBeVisible();
      await page.keyboard.press('Control+KeyZ'); // … undone
      await expect(cell(page, 'C2', 2, 'not marked')).toBeVisible();
      await expect(cell(page, 'C1', 2, 'check')).toBeVisible();
      await expect(cell(page, 'R1', 2, 'check')).toBeVisible();
      await expect(page.getByRole('list', { name: 'Marks in segment 2' }).getByRole('listitem')).toHaveCount(2);
      await screenshot(page, '05-coding-with-marks');
    });

    await test.step('on a 1366×768 laptop screen the whole scoresheet shows, and the app bar fits down to 1024 px', async () => {
      await page.setViewportSize(LAPTOP);
      await expectUncovered(cell(page, 'R10', 3, 'not marked'));
      await expectUncovered(page.getByRole('rowheader', { name: /^R10 / }));
      await expectUncovered(segmentHead(page, 3));
      // The pause setting has the J K L hint's place in a laptop's player (the keys overlay lists J K L).
      await expectUncovered(page.getByRole('toolbar', { name: 'Playback' }).getByRole('checkbox', { name: 'Pause at the end of each segment' }));
      await screenshot(page, '05b-coding-at-1366x768');
      for (const width of [LAPTOP.width, 1280, 1024]) {
        await page.setViewportSize({ width, height: LAPTOP.height });
        await expectAppBarFits(page, width);
      }
      await page.setViewportSize(WINDOW);
    });

    await test.step('the key help and the key map editor', async () => {
      await page.keyboard.press('Shift+Slash');
      const keys = page.getByRole('dialog');
      await expect(keys).toBeVisible();
      await screenshot(page, '06-keys-overlay');
      await page.keyboard.press('Escape');
      await expect(keys).toBeHidden();

      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { name: 'Marker keys' })).toBeVisible();
      await screenshot(page, '07-settings-key-map');
      await page.getByRole('button', { name: '← Back' }).click();
      await expect(page.getByRole('table', { name: `Scoresheet of ${RECORDING}` })).toBeVisible();
    });

    await test.step('reload the page: the study is locked, and after unlocking the marks are there', async () => {
      await page.reload();
      await expect(page.getByLabel('Study file')).toBeVisible();
      await unlock(page, studyPath, 'C01');
      await page
        .getByRole('row', { name: new RegExp(RECORDING) })
        .getByRole('button', { name: 'Open' })
        .click();
      await page.getByRole('button', { name: /Start coding|Code this session/ }).click();
      await expect(cell(page, 'W1', 1, 'check')).toBeVisible();
      await expect(cell(page, 'W2', 1, 'check-minus')).toBeVisible();
      await expect(cell(page, 'C1', 2, 'check')).toBeVisible();
      await expect(cell(page, 'R1', 2, 'check')).toBeVisible();
      await expect(cell(page, 'C2', 2, 'not marked')).toBeVisible();
    });

    await test.step('watch the session: what is played forward counts, segment by segment, and a jump does not', async () => {
      await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= HTMLMediaElement.HAVE_FUTURE_DATA, null, {
        timeout: 30_000,
      });
      for (let i = 0; i < 4; i++) await page.keyboard.press('Equal'); // 1× → 2×
      await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('2');
      // Jump to the last segment (10:00–12:00) and play 12 s of it at double speed.
      await page.keyboard.press('BracketRight');
      await page.keyboard.press('BracketRight');
      await expectPlayheadIn(page, 3);
      await page.keyboard.press('Space');
      await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) >= 612, null, { timeout: 20_000 });
      await page.keyboard.press('Space');
      await expect(page.locator('.played-share')).toHaveText(/^(9|1\d) % played$/);
      await expect(segmentHead(page, 1)).not.toHaveClass(/watched/);
      await expect(segmentHead(page, 3)).not.toHaveClass(/watched/);
      await screenshot(page, '05e-coding-share-played');
      // Up to 11:40 as if watched through (six minutes at 2× is too long for a test); the last 13 s are played in the app.
      const played = await served.handlers['segments.played']({ recording: RECORDING, spans: [{ startMs: 0, endMs: 700_000 }] });
      expect(played.ok).toBe(true);
      for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowRight'); // 11:47
      await page.keyboard.press('Space');
      await expect(segmentHead(page, 3)).toHaveClass(/watched/, { timeout: 15_000 });
      await expect(segmentHead(page, 1)).toHaveClass(/watched/);
      await expect(page.getByRole('status').filter({ hasText: 'Every segment is watched' })).toBeVisible();
    });

    await test.step('rate all 28 items by keyboard; a warning appears, is fixed and disappears', async () => {
      await page.keyboard.press('Control+Enter');
      await expect(page.getByRole('heading', { name: 'Withdrawal: significance' })).toBeVisible();
      // In the scheme's order: W1–W7, C1–C7, R1–R10, overall withdrawal, confrontation, resolution, therapist contribution.
      // W3 is rated 3 although it was never marked: the manual says 1.
      const values = [3, 2, 3, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 2, 4, 2];
      expect(values).toHaveLength(28);
      // Each digit rates the item and moves on to the next.
      for (const value of values) await page.keyboard.press(`Digit${value}`);
      await expect(page.locator('.rated-count')).toContainText('28 of 28 rated');
      const warning = page.getByRole('list', { name: 'Warnings' }).getByText(/W3 .* never marked/);
      await expect(warning).toBeVisible();
      await screenshot(page, '08-ratings-with-warning');

      // Back up to W3 (the third item) and rate it 1.
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('heading', { name: 'Abstract communication', level: 2 })).toBeVisible();
      await page.keyboard.press('Digit1');
      await expect(page.getByRole('radiogroup', { name: 'Abstract communication' }).getByRole('radio', { name: '1' })).toBeChecked();
      await expect(warning).toBeHidden();
      await expect(page.getByText('Nothing to check.')).toBeVisible();
    });

    await test.step('complete the coding', async () => {
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.getByRole('alertdialog', { name: 'Sign off this coding?' }).getByRole('button', { name: 'Sign off' }).click();
      await expect(page.getByText(/^This coding is signed off\./)).toBeVisible();
      await screenshot(page, '09-ratings-complete');
    });

    await test.step('the picture of the session on the recording page', async () => {
      await page.getByRole('navigation', { name: 'Where you are' }).getByRole('button', { name: RECORDING }).click();
      await expect(page.getByRole('heading', { name: /^Session picture/ })).toBeVisible();
      // Each time on the axis stands at the start of its segment: over the left edge of the segment's column.
      const axis = page.locator('.picture-axis');
      const cells = page.locator('.picture-cell.cat-withdrawal');
      for (const i of [0, 1, 2]) {
        expect((await axis.nth(i).boundingBox())!.x).toBeCloseTo((await cells.nth(i).boundingBox())!.x, 0);
      }
      await expect(page.getByRole('img', { name: /^Segment 3 watched: 9\d % played$/ })).toBeVisible();
      await screenshot(page, '10-session-picture');
    });

    await test.step('nothing left the app, and the page raised no error', async () => {
      expect(served.station.offOrigin()).toEqual([]);
      expect(served.station.media.length, 'the video was played from the study').toBeGreaterThan(0);
      expect(served.station.requests.some((url) => url.includes('/thumbnails/'))).toBe(true);
      expect(served.problems).toEqual([]);
    });

    await test.step('on disk: a fresh core over the same file reads the same coding', async () => {
      await served.close();
      const fresh = createApiHandlers();
      try {
        expect(await fresh['study.open']({ path: studyPath, passphrase: PASSPHRASE })).toMatchObject({ ok: true });
        expect(await fresh['session.selectCoder']({ code: 'C01' })).toMatchObject({ ok: true });
        const coders = await fresh['coders.list']({});
        expect(coders.ok && coders.value.map((c) => c.code)).toEqual(['C01', 'C02']);
        const view = await fresh['coding.view']({ recording: RECORDING });
        if (!view.ok) throw new Error(view.error.message);
        const marks = view.value.marks.map((m) => ({ code: m.code, clarity: m.clarity, segment: Math.floor(m.timeMs / 300_000) + 1 }));
        expect(marks.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
          { code: 'C1', clarity: 'check', segment: 2 },
          { code: 'R1', clarity: 'check', segment: 2 },
          { code: 'W1', clarity: 'check', segment: 1 },
          { code: 'W2', clarity: 'check-minus', segment: 1 },
        ]);
        const sheet = view.value.scoresheet;
        expect(Object.keys(sheet.ratings)).toHaveLength(28);
        expect(sheet.ratings).toMatchObject({
          W1: 3,
          W2: 2,
          W3: 1,
          C1: 3,
          R1: 3,
          overall_withdrawal: 3,
          overall_confrontation: 2,
          overall_resolution: 4,
          therapist_contribution: 2,
        });
        expect(sheet.state).toBe('complete');
        expect(sheet.warnings).toEqual([]);
        expect([...view.value.watched].sort()).toEqual([0, 1, 2]);
      } finally {
        await fresh['study.close']({});
      }
    });
  });
});
