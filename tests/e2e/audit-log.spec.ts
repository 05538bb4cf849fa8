// The audit log on the Security screen in the real app: Debian's Chromium, the built renderer, the real core
// behind window.api, a real encrypted study whose log holds two coders' and a lead's changes. The lead filters
// it by who and what; a coder sees only their own entries. The screens are saved for a reviewer.

import { join } from 'node:path';
import { addMark, setRating } from '../../electron/core/coding/index.ts';
import { addCoder } from '../../electron/core/store/coders.ts';
import { setBlindCoding } from '../../electron/core/store/settings.ts';
import { closeStudy, createStudy } from '../../electron/core/store/study-file.ts';
import { addFakeRecording } from '../helpers/study.ts';
import { expect, test } from './harness/fixtures.ts';
import { screenshot, WINDOW } from './harness/screens.ts';

const PASSPHRASE = 'every change leaves a trace';

function seedStudy(dir: string): string {
  const path = join(dir, 'audited.3rs');
  const study = createStudy(path, PASSPHRASE, { actor: 'cli:lena' });
  try {
    addCoder(study.db, { code: 'L01', name: 'Lena Lead', role: 'lead' }, 'cli:lena');
    addCoder(study.db, { code: 'C01', name: 'Ana Coder', role: 'coder' }, 'cli:lena');
    addCoder(study.db, { code: 'C02', name: 'Ben Second', role: 'coder' }, 'cli:lena');
    addFakeRecording(study, 'D01-S01', 15 * 60_000);
    for (const [coder, code, s] of [
      ['C01', 'W1', 20],
      ['C01', 'C2', 320],
      ['C02', 'W1', 40],
      ['C02', 'R4', 700],
    ] as const) {
      addMark(study.db, 'D01-S01', coder, { code, clarity: 'check', timeMs: s * 1000 }, coder);
    }
    setRating(study.db, 'D01-S01', 'C01', 'overall_resolution', 3, 'C01');
    setBlindCoding(study.db, false, 'L01');
    setBlindCoding(study.db, true, 'L01');
  } finally {
    closeStudy(study);
  }
  return path;
}

test.describe('the audit log on the Security screen', () => {
  test('a lead reads the whole trail and filters it; a coder reads only their own entries', async ({ page, app, scratch: dir }) => {
    const studyPath = seedStudy(dir);
    await page.setViewportSize(WINDOW);
    const served = await app();
    await page.goto(served.url);
    const unlockAs = async (coder: string) => {
      await page.getByLabel('Study file').fill(studyPath);
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('button', { name: new RegExp(`^${coder} `) }).click();
      await page.getByRole('button', { name: 'Security' }).click();
    };
    const log = page.getByRole('region', { name: 'Audit log' });
    const entries = log.getByRole('table', { name: 'Audit log entries' });

    await test.step('the lead sees every entry, newest first', async () => {
      await unlockAs('L01');
      await expect(log.getByRole('status')).toHaveText('Entries 1–12 of 12, newest first.');
      await expect(entries.getByRole('row').nth(1)).toContainText('study.set-blind-coding');
      await screenshot(page, 'security-01-audit-log-lead');
    });

    await test.step('filtered to what C01 did to marks', async () => {
      await log.getByLabel('Who').selectOption('C01');
      await log.getByLabel('What').selectOption('event.add');
      await expect(log.getByRole('status')).toHaveText('Entries 1–2 of 2, newest first.');
      await screenshot(page, 'security-02-audit-log-filtered');
    });

    await test.step('a coder sees only the entries they made', async () => {
      await page.getByRole('button', { name: 'Lock' }).click();
      await unlockAs('C02');
      await expect(log.getByRole('status')).toHaveText('Entries 1–2 of 2, newest first.');
      await expect(entries).not.toContainText('C01');
      await screenshot(page, 'security-03-audit-log-coder');
    });

    expect(served.station.offOrigin()).toEqual([]);
    expect(served.problems).toEqual([]);
  });
});
