import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RECORDING, useReviewStudy } from './review-support.ts';

const MARKS = {
  C01: [{ code: 'W1', clarity: 'check' as const, timeMs: 10_000 }],
  C02: [{ code: 'W1', clarity: 'check-minus' as const, timeMs: 20_000 }],
};

/** Both codings signed off: the reliability table compares complete codings. */
const review = useReviewStudy(MARKS, ['C01', 'C02']);
const unfinished = useReviewStudy(MARKS);

/** The lead on the export screen, with an empty folder to write to. */
async function exportAsLead(study = review) {
  const { user } = await study.renderAs('L01');
  await user.click(await screen.findByRole('button', { name: 'Export' }));
  return { user, dir: study.tempDir() };
}

describe('the export screen', () => {
  it('runs the export with its progress, then lists the files the manifest vouches for; notes come with a warning', async () => {
    const { user, dir } = await exportAsLead();
    const form = screen.getByRole('form', { name: 'Export the study' });
    await user.type(within(form).getByLabelText('Folder'), join(dir, 'out'));
    await user.click(within(form).getByLabelText('Include the coders’ free-text notes'));
    expect(within(form).getByRole('note').textContent).toMatch(/may name or describe/);
    await user.click(within(form).getByRole('button', { name: 'Export' }));

    const files = await screen.findByRole('table', { name: 'Files written' }, { timeout: 10_000 });
    const names = within(files)
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(names).toEqual(
      expect.arrayContaining([
        'events.csv',
        'segments.csv',
        'segments-wide.csv',
        'sessions.csv',
        'reliability.csv',
        'segment-notes.csv',
        'sequences.sds',
        'manifest.json',
      ]),
    );
    for (const name of names) expect(existsSync(join(dir, 'out', name!))).toBe(true);
    expect(screen.getByText(/This export includes free-text notes/)).toBeTruthy();
  });

  it('exports only the coders left ticked: without a second coder there is no reliability table, and the summary says why', async () => {
    const { user, dir } = await exportAsLead();
    const form = screen.getByRole('form', { name: 'Export the study' });
    await user.type(within(form).getByLabelText('Folder'), join(dir, 'out'));
    await user.click(within(form).getByRole('checkbox', { name: 'C02' }));
    await user.click(within(form).getByRole('button', { name: 'Export' }));
    const files = await screen.findByRole('table', { name: 'Files written' }, { timeout: 10_000 });
    expect(within(files).queryByRole('rowheader', { name: 'reliability.csv' })).toBeNull();
    expect(screen.getByText(/by C01, as CSV/).textContent).toMatch(/No reliability table: reliability needs two or more coders/);
  });

  it('compares unfinished codings in the reliability table only when asked, and the summary says so', async () => {
    const { user, dir } = await exportAsLead(unfinished);
    const form = screen.getByRole('form', { name: 'Export the study' });
    const include = within(form).getByRole('checkbox', { name: 'Compare unfinished codings in the reliability table' });
    expect((include as HTMLInputElement).checked).toBe(false);
    await user.type(within(form).getByLabelText('Folder'), join(dir, 'first'));
    await user.click(within(form).getByRole('button', { name: 'Export' }));
    await screen.findByRole('table', { name: 'Files written' }, { timeout: 10_000 });
    expect(screen.getByText(/as CSV/).textContent).toMatch(/No reliability table: .*2 unfinished codings left out of the reliability table\./);

    await user.clear(within(form).getByLabelText('Folder'));
    await user.type(within(form).getByLabelText('Folder'), join(dir, 'second'));
    await user.click(include);
    await user.click(within(form).getByRole('button', { name: 'Export' }));
    await screen.findByText(/2 unfinished codings compared as they stand\./, undefined, { timeout: 10_000 });
    expect(existsSync(join(dir, 'second', 'reliability.csv'))).toBe(true);
  });

  it('writes one recording’s ELAN file and says where', async () => {
    const { user, dir } = await exportAsLead();
    const form = screen.getByRole('form', { name: 'Write an ELAN file' });
    await user.type(within(form).getByLabelText('Folder for the .eaf'), dir);
    await user.click(within(form).getByRole('button', { name: 'Write the ELAN file' }));
    expect((await screen.findByText(/Wrote/)).textContent).toContain(join(dir, `${RECORDING}.eaf`));
    expect(existsSync(join(dir, `${RECORDING}.eaf`))).toBe(true);
  });
});
