// The audit log on the Security screen: the trail itself, filtered by who, what and when, a page at a time,
// read from the real core; a coder reads only their own entries.

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessionOf } from '../../electron/core/api/handlers.ts';
import { addMark } from '../../electron/core/coding/index.ts';
import { App } from '../../src/App.tsx';
import { addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { unlockAs, useTestStudies } from './support.ts';

/** A lead L01 and coders C01, C02; C01 has made `c01Marks` marks and C02 two. Unlocked as `who`. */
const studies = useTestStudies((dir: string, who: string, c01Marks: number = 3) => {
  const study = makeStudy(dir);
  addTestCoder(study, 'L01', 'lead');
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  addFakeRecording(study, 'D01-S01', 600_000);
  for (let i = 0; i < c01Marks; i++) addMark(study.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1000 * (i + 1) }, 'C01');
  for (let i = 0; i < 2; i++) addMark(study.db, 'D01-S01', 'C02', { code: 'C2', clarity: 'check', timeMs: 2000 * (i + 1) }, 'C02');
  return unlockAs(study, who);
});

async function openAuditLog() {
  const user = userEvent.setup();
  render(<App />);
  await user.click(screen.getByRole('button', { name: 'Security' }));
  const log = (await screen.findByRole('heading', { name: 'Audit log' })).closest('section')!;
  await within(log).findByRole('table', { name: 'Audit log entries' });
  return { user, log };
}

const rows = (log: HTMLElement) =>
  within(within(log).getByRole('table', { name: 'Audit log entries' }))
    .getAllByRole('row')
    .slice(1);
const column = (log: HTMLElement, index: number) => rows(log).map((r) => r.querySelectorAll('td')[index]!.textContent);

describe('the audit log on the Security screen', () => {
  it('shows a lead every entry, newest first, with who, what, which and the change', async () => {
    await studies.open('L01');
    const { log } = await openAuditLog();
    expect(within(log).getByRole('status').textContent).toBe('Entries 1–10 of 10, newest first.');
    expect(column(log, 3)).toEqual([
      'event.add',
      'event.add',
      'event.add',
      'event.add',
      'event.add',
      'recording.add',
      'coder.add',
      'coder.add',
      'coder.add',
      'study.create',
    ]);
    expect(column(log, 2).slice(0, 5)).toEqual(['C02', 'C02', 'C01', 'C01', 'C01']);
    expect(rows(log)[0]!.textContent).toMatch(/event \d+.*"code":"C2"/);
  });

  it('filters by who and by what, and says when nothing matches', async () => {
    await studies.open('L01');
    const { user, log } = await openAuditLog();
    await user.selectOptions(within(log).getByLabelText('Who'), 'C01');
    await within(log).findByText('Entries 1–3 of 3, newest first.');
    expect(new Set(column(log, 2))).toEqual(new Set(['C01']));
    await user.selectOptions(within(log).getByLabelText('What'), 'coder.add');
    expect(await within(log).findByText('No entry matches.')).toBeTruthy();
    await user.click(within(log).getByRole('button', { name: 'Clear' }));
    await within(log).findByText('Entries 1–10 of 10, newest first.');
  });

  it('filters by date: the days given are included, days before them are not', async () => {
    await studies.open('L01');
    const { user, log } = await openAuditLog();
    const today = new Date();
    const day = (offset: number) => {
      const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await user.type(within(log).getByLabelText('To'), day(-1));
    expect(await within(log).findByText('No entry matches.')).toBeTruthy();
    await user.clear(within(log).getByLabelText('To'));
    await user.type(within(log).getByLabelText('From'), day(0));
    await user.type(within(log).getByLabelText('To'), day(0));
    expect(await within(log).findByText('Entries 1–10 of 10, newest first.')).toBeTruthy();
  });

  it('pages through a long log in the core, older and back to newer', async () => {
    await studies.open('L01', 60);
    const { user, log } = await openAuditLog();
    expect(within(log).getByRole('status').textContent).toBe('Entries 1–50 of 67, newest first.');
    const newest = column(log, 0)[0];
    await user.click(within(log).getByRole('button', { name: 'Older →' }));
    await within(log).findByText('Entries 51–67 of 67, newest first.');
    expect(column(log, 0).at(-1)).toBe('1');
    expect(within(log).getByRole('button', { name: 'Older →' })).toHaveProperty('disabled', true);
    await user.click(within(log).getByRole('button', { name: '← Newer' }));
    await within(log).findByText('Entries 1–50 of 67, newest first.');
    expect(column(log, 0)[0]).toBe(newest);
  });

  it('"Check again" reads the log again when entries were written meanwhile', async () => {
    const { handlers } = await studies.open('L01');
    const { user, log } = await openAuditLog();
    expect(within(log).getByRole('status').textContent).toBe('Entries 1–10 of 10, newest first.');
    addMark(sessionOf(handlers)!.study().db, 'D01-S01', 'C02', { code: 'W7', clarity: 'check', timeMs: 9000 }, 'C02');
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    const fresh = (await screen.findByText('Entries 1–11 of 11, newest first.')).closest('section')!;
    expect(rows(fresh)[0]!.textContent).toMatch(/"code":"W7"/);
  });

  it('shows a coder only the entries they made, and only themselves to filter by', async () => {
    await studies.open('C01');
    const { log } = await openAuditLog();
    expect(within(log).getByText(/^The changes you made\. Other people’s entries are for a lead to read/)).toBeTruthy();
    expect(within(log).getByRole('status').textContent).toBe('Entries 1–3 of 3, newest first.');
    expect(new Set(column(log, 2))).toEqual(new Set(['C01']));
    const who = within(log).getByLabelText('Who');
    expect(
      within(who)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Anyone', 'C01']);
  });
});
