import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App.tsx';
import { addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { unlockAs, useTestStudies } from './support.ts';

/** A study of `count` sessions: D01-S01, D01-S02, D01-S03, D02-S01, … */
const studies = useTestStudies(async (dir: string, count: number) => {
  const study = makeStudy(dir, 300);
  addTestCoder(study, 'C01');
  for (let i = 0; i < count; i++) addFakeRecording(study, `D${String(Math.floor(i / 3) + 1).padStart(2, '0')}-S0${(i % 3) + 1}`, 50 * 60_000);
  return unlockAs(study, 'C01');
});

const card = () => screen.getByRole('region', { name: 'Recordings' });
const rowCodes = () =>
  within(within(card()).getByRole('table'))
    .getAllByRole('rowheader')
    .map((th) => th.textContent);

describe('finding a recording on the study home', () => {
  it('a lab-sized list is searched by code as the coder types, with how many match', async () => {
    await studies.open(30);
    const user = userEvent.setup();
    render(<App />);
    const find = await screen.findByRole('searchbox', { name: 'Find a recording by its code' });
    expect(screen.getByText('30 recordings')).toBeTruthy();
    expect(rowCodes()[0]).toBe('D01-S01');
    // The last sessions are below the view (the list renders what fits), and the search finds them all the same.
    expect(rowCodes()).not.toContain('D10-S03');
    await user.type(find, 'd10');
    expect(rowCodes()).toEqual(['D10-S01', 'D10-S02', 'D10-S03']);
    expect(screen.getByText('3 of 30 recordings')).toBeTruthy();
    await user.type(find, '-S09');
    expect(within(card()).queryByRole('table')).toBeNull();
    expect(screen.getByText('No recording code holds “d10-S09”.')).toBeTruthy();
    await user.clear(find);
    expect(rowCodes()[0]).toBe('D01-S01');
    expect(screen.getByText('30 recordings')).toBeTruthy();
  });

  it('a short list has no search', async () => {
    await studies.open(5);
    render(<App />);
    await screen.findByRole('region', { name: 'Recordings' });
    expect(rowCodes()).toHaveLength(5);
    expect(screen.queryByRole('searchbox')).toBeNull();
  });
});
