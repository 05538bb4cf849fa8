import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { importMarks } from '../../electron/core/coding/index.ts';
import { App } from '../../src/App.tsx';
import { useUi } from '../../src/state/ui.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { unlockAs, useTestStudies } from './support.ts';

const COUNT = 400;
const code = (i: number) => `D${String(i).padStart(3, '0')}-S01`;

/** A lab's study of 400 sessions, opened by its lead; coder C02 has begun the last one. */
const studies = useTestStudies(async (dir: string) => {
  const study = makeStudy(dir, 300);
  addTestCoder(study, 'L01', 'lead');
  addTestCoder(study, 'C02');
  for (let i = 1; i <= COUNT; i++) addFakeRecording(study, code(i), 50 * 60_000);
  importMarks(study.db, code(COUNT), 'C02', [{ code: 'W2', clarity: 'check', timeMs: 1_000 }], ACTOR);
  return unlockAs(study, 'L01');
});

const table = () => within(screen.getByRole('region', { name: 'Recordings' })).getByRole('table');
const rowCodes = () =>
  within(table())
    .getAllByRole('rowheader')
    .map((th) => th.textContent);
const focusedRow = () => document.activeElement?.closest('tr')?.querySelector('th')?.textContent;

describe('a lab’s long list of recordings on the home', () => {
  it('counts every recording but renders only the rows in view and a few beyond', async () => {
    await studies.open();
    render(<App />);
    await screen.findByText(`${COUNT} recordings`);
    expect(table().getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
    const rendered = rowCodes();
    expect(rendered[0]).toBe(code(1));
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(40);
  });

  it('the keyboard walks the whole list: End reaches the last recording, ↑ the one before, Home the first, Enter opens', async () => {
    await studies.open();
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText(`${COUNT} recordings`);
    within(table()).getAllByRole('button', { name: 'Open' })[0]!.focus();
    await user.keyboard('{End}');
    await waitFor(() => expect(focusedRow()).toBe(code(COUNT)));
    // The far row, rendered once scrolled to, shows the other coder's coding to the lead.
    expect(within(screen.getByRole('row', { name: new RegExp(code(COUNT)) })).getByText('C02')).toBeTruthy();
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(focusedRow()).toBe(code(COUNT - 1)));
    await user.keyboard('{Home}');
    await waitFor(() => expect(focusedRow()).toBe(code(1)));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(focusedRow()).toBe(code(3)));
    await user.keyboard('{Enter}');
    expect(useUi.getState().recording).toBe(code(3));
  });

  it('finds a recording far down the list by its code', async () => {
    await studies.open();
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByRole('searchbox', { name: 'Find a recording by its code' }), 'D39');
    expect(rowCodes()).toEqual(Array.from({ length: 10 }, (_, i) => code(390 + i)));
    expect(screen.getByText(`10 of ${COUNT} recordings`)).toBeTruthy();
  });
});
