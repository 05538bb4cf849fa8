// The lead's review in the real app: Debian's Chromium, the built renderer, the real core behind window.api, a
// real encrypted study with a real VP9/Opus recording. Two coders' codings are seeded through the core; the
// lead compares them, starts a consensus from one, edits it from the keyboard and opens the reliability
// report. Every screen is saved under test-results/screens for a reviewer.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { importMarks, importRatings, type NewMark } from '../../electron/core/coding/index.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { addCoder } from '../../electron/core/store/coders.ts';
import { closeStudy, createStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { addFakeRecording } from '../helpers/study.ts';
import { vp9WebmClip } from './harness/clips.ts';
import { expect, test } from './harness/fixtures.ts';
import { screenshot, WINDOW } from './harness/screens.ts';

const PASSPHRASE = 'two coders, one truth';
const RECORDING = 'D01-S01';
/** Twelve minutes in the default 5-minute segments: 0–5, 5–10 and 10–12 min. */
const CLIP_SECONDS = 12 * 60;
const SEEDER = 'seed';

/** Marks on D01-S01: both have W1 in segment 1 (C02 unsure); only C01 has C2 in segment 2; only C02 has W4 in segment 3. */
const MARKS: Record<string, NewMark[]> = {
  C01: [
    { code: 'W1', clarity: 'check', timeMs: 20_000 },
    { code: 'C2', clarity: 'check', timeMs: 320_000 },
  ],
  C02: [
    { code: 'W1', clarity: 'check-minus', timeMs: 40_000 },
    { code: 'W4', clarity: 'check', timeMs: 660_000 },
  ],
};

/**
 * The study on disk before the page opens: the lead L01 and coders C01, C02; the real recording coded by
 * both, and five more sessions (no video needed) coded and rated by both, so the report has ICCs to show.
 */
async function seedStudy(dir: string): Promise<string> {
  const video = join(dir, 'd01-s01.webm');
  copyFileSync(await vp9WebmClip(CLIP_SECONDS), video);
  const study = createStudy(join(dir, 'review.3rs'), PASSPHRASE, { actor: SEEDER });
  try {
    addCoder(study.db, { code: 'L01', name: 'Lena Lead', role: 'lead' }, SEEDER);
    addCoder(study.db, { code: 'C01', name: 'Ana Coder', role: 'coder' }, SEEDER);
    addCoder(study.db, { code: 'C02', name: 'Ben Second', role: 'coder' }, SEEDER);
    await addRecording(study.db, { videoPath: video, code: RECORDING }, SEEDER);
    for (const [coder, marks] of Object.entries(MARKS)) importMarks(study.db, RECORDING, coder, marks, coder);
    importRatings(study.db, RECORDING, 'C01', [{ item: 'overall_resolution', value: 3 }], 'C01');
    importRatings(study.db, RECORDING, 'C02', [{ item: 'overall_resolution', value: 4 }], 'C02');
    for (let s = 2; s <= 6; s++) {
      const code = `D01-S0${s}`;
      addFakeRecording(study, code, 15 * 60_000);
      for (const [c, coder] of ['C01', 'C02'].entries()) {
        const shift = c === 0 ? 0 : s % 2;
        importMarks(
          study.db,
          code,
          coder,
          [
            { code: 'W1', clarity: 'check', timeMs: 60_000 * (s + shift) },
            { code: 'C1', clarity: 'check', timeMs: 400_000 + 60_000 * s },
            ...(s % 3 === c ? [{ code: 'R4', clarity: 'check' as const, timeMs: 700_000 }] : []),
          ],
          coder,
        );
        importRatings(
          study.db,
          code,
          coder,
          [
            { item: 'overall_withdrawal', value: 1 + ((s + c) % 5) },
            { item: 'overall_confrontation', value: 1 + (s % 4) + c },
            { item: 'overall_resolution', value: 2 + (s % 3) },
            { item: 'therapist_contribution', value: 1 + ((s * 2 + c) % 4) },
          ],
          coder,
        );
      }
    }
    // The five extra sessions are signed off (written into the status table: the sign-off has its own
    // tests); D01-S01 stays unfinished, as the lead is still reviewing it.
    study.db.prepare("UPDATE coding_status SET state = 'complete' WHERE recording_id IN (SELECT id FROM recordings WHERE code <> ?)").run(RECORDING);
  } finally {
    closeStudy(study);
  }
  return join(dir, 'review.3rs');
}

const gridCell = (page: Page, coder: string, code: string, segment: number) =>
  page.getByRole('table', { name: `${coder}’s coding of ${RECORDING}` }).getByRole('cell', { name: new RegExp(`^${code} in segment ${segment}:`) });
const sheetCell = (page: Page, code: string, segment: number, state: string) =>
  page.getByRole('cell', { name: `${code} in segment ${segment}: ${state}`, exact: true });

test.describe('the lead reviews two codings', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), '3rs-e2e-review-'));
  });
  test.afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('compare, see the disagreement, start a consensus from C01, edit it by keyboard — audited — and open the reliability report', async ({
    page,
    app,
  }) => {
    test.setTimeout(180_000);
    const studyPath = await seedStudy(dir);
    await page.setViewportSize(WINDOW);
    const served = await app();
    await page.goto(served.url);

    await test.step('unlock as the lead and open the comparison of the recording', async () => {
      await page.getByLabel('Study file').fill(studyPath);
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('button', { name: /^L01 / }).click();
      await page
        .getByRole('row', { name: new RegExp(RECORDING) })
        .getByRole('button', { name: 'Open' })
        .click();
      await page.getByRole('button', { name: 'Compare codings' }).click();
      await expect(page.getByRole('heading', { name: 'Compare codings' })).toBeVisible();
    });

    await test.step('the two grids side by side, the disagreements outlined', async () => {
      const c2 = gridCell(page, 'C01', 'C2', 2);
      await expect(c2).toHaveAttribute('aria-label', 'C2 in segment 2: check; disagreement (C02: not marked)');
      await expect(c2).toHaveClass(/diff-presence/);
      await expect(gridCell(page, 'C02', 'C2', 2)).toHaveClass(/diff-presence/);
      await expect(gridCell(page, 'C02', 'W4', 3)).toHaveClass(/diff-presence/);
      await expect(gridCell(page, 'C01', 'W1', 1)).toHaveClass(/diff-clarity/);
      await expect(gridCell(page, 'C01', 'W2', 1)).not.toHaveClass(/diff/);
      await expect(page.getByRole('table', { name: 'Differences', exact: true }).getByRole('row')).toHaveCount(4);
      await expect(page.getByRole('table', { name: 'Rating differences' }).getByRole('row', { name: /Overall resolution/ })).toContainText('34');
      await screenshot(page, 'lead-01-compare');
    });

    await test.step('start the consensus from C01: its copy opens in the coding view, marked as the consensus', async () => {
      await page.getByRole('button', { name: 'Start consensus from C01' }).click();
      await expect(page.getByRole('table', { name: `Scoresheet of ${RECORDING}` })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'Editing the consensus coding' })).toContainText('CONSENSUS');
      await expect(sheetCell(page, 'W1', 1, 'check')).toBeVisible();
      await expect(sheetCell(page, 'C2', 2, 'check')).toBeVisible();
    });

    await test.step('edit it by keyboard: accept C02’s W4 in segment 3, make C01’s C2 a check-minus', async () => {
      await page.keyboard.press('BracketRight');
      await page.keyboard.press('BracketRight');
      await expect(page.getByRole('group', { name: 'Playhead' })).toContainText('Segment 3 of 3');
      await page.keyboard.press('Digit4'); // W4, check
      await expect(sheetCell(page, 'W4', 3, 'check')).toBeVisible();
      await page.keyboard.press('BracketLeft'); // at a segment's start: back to the previous one
      await expect(page.getByRole('group', { name: 'Playhead' })).toContainText('Segment 2 of 3');
      const clarity = page.getByRole('button', { name: /^C2 at 5:20 is check; make it check-minus$/ });
      await clarity.focus();
      await page.keyboard.press('Enter');
      await expect(sheetCell(page, 'C2', 2, 'check-minus')).toBeVisible();
      await screenshot(page, 'lead-02-consensus-coding');
    });

    await test.step('the reliability report: a table and a plot per code, and the ratings with their ICCs', async () => {
      await page.getByRole('navigation', { name: 'Where you are' }).getByRole('button', { name: 'review.3rs' }).click();
      await page.getByRole('button', { name: 'Reliability report' }).click();
      // By default the report compares the coders who coded on their own: the consensus, started from C01's
      // coding, is left out until the lead ticks it.
      const choices = page.getByRole('region', { name: 'What the report covers' });
      await expect(choices.getByRole('checkbox', { name: /C01/ })).toBeChecked();
      await expect(choices.getByRole('checkbox', { name: /C02/ })).toBeChecked();
      await expect(choices.getByRole('checkbox', { name: /CONSENSUS/ })).not.toBeChecked();
      // Complete codings only: D01-S01's, still unfinished, are listed and left out until the lead includes them.
      await expect(page.getByRole('status', { name: 'Unfinished codings' })).toContainText('D01-S01 by C01 (in-progress)');
      await expect(page.getByRole('table', { name: 'Segments per session' })).toContainText('[');
      const segments = page.getByRole('table', { name: 'Segment agreement' });
      await expect(segments.getByRole('columnheader', { name: 'Cohen κ' })).toBeVisible();
      await expect(segments.getByRole('img')).toHaveCount(28);
      await expect(segments.getByText('not defined').first()).toHaveAttribute('title', /^not defined: /);
      await expect(page.getByRole('table', { name: 'Rating agreement' })).toContainText('[');
      await expect(page.locator('body')).not.toContainText('NaN');
      await screenshot(page, 'lead-03-reliability');
    });

    await test.step('a training check of C02 against the consensus: the agreement and each disagreement with its time', async () => {
      await page.getByRole('navigation', { name: 'Where you are' }).getByRole('button', { name: 'review.3rs' }).click();
      await page
        .getByRole('row', { name: new RegExp(RECORDING) })
        .getByRole('button', { name: 'Open' })
        .click();
      await page.getByRole('button', { name: 'Training check' }).click();
      await page.getByLabel('Trainee').selectOption('C02');
      await page.getByLabel('Reference').selectOption('CONSENSUS');
      const disagreements = page.getByRole('table', { name: 'Disagreements' });
      await expect(disagreements.getByRole('button', { name: 'Go to 5:20 in the coding view' })).toBeVisible();
      await screenshot(page, 'lead-04-training');
    });

    await test.step('nothing left the app, and the page raised no error', async () => {
      expect(served.station.offOrigin()).toEqual([]);
      expect(served.problems).toEqual([]);
    });

    await test.step('on disk: the consensus coding holds the lead’s edits, audited under the lead; C01’s coding is untouched', async () => {
      await served.close();
      const study = openStudy(studyPath, PASSPHRASE);
      try {
        const marks = (coder: string) =>
          (
            study.db
              .prepare(
                `SELECT e.code, e.clarity, e.time_ms AS timeMs FROM events e JOIN coders c ON c.id = e.coder_id
             WHERE c.code = ? AND e.deleted = 0 AND e.recording_id = (SELECT id FROM recordings WHERE code = ?) ORDER BY e.time_ms`,
              )
              .all(coder, RECORDING) as { code: string; clarity: string; timeMs: number }[]
          ).map((m) => `${m.code} ${m.clarity} ${m.timeMs}`);
        expect(marks('CONSENSUS')).toEqual(['W1 check 20000', 'C2 check-minus 320000', 'W4 check 600000']);
        expect(marks('C01')).toEqual(['W1 check 20000', 'C2 check 320000']);
        const audit = listAudit(study.db).reverse();
        const start = audit.findIndex((e) => e.action === 'consensus.start');
        expect(audit[start]).toMatchObject({ actor: 'L01', entityId: `${RECORDING}/CONSENSUS` });
        const edits = audit.slice(start + 1).filter((e) => e.action.startsWith('event.'));
        expect(edits.map((e) => [e.action, e.actor])).toEqual([
          ['event.add', 'L01'],
          ['event.change', 'L01'],
        ]);
      } finally {
        closeStudy(study);
      }
    });
  });
});
