// What the screens show follows who and what is open: the reference card belongs to the recording being coded,
// and the study's setup forms to those who set it up.

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App.tsx';
import { useUi } from '../../src/state/ui.ts';
import { addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { renderCodingScreen, unlockAs, useTestStudies } from './support.ts';

const studies = useTestStudies(async (dir: string, as: string) => {
  const study = makeStudy(dir, 120);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'L01', 'lead');
  addFakeRecording(study, 'D01-S01', 10 * 60_000);
  addFakeRecording(study, 'D02-S01', 10 * 60_000);
  return unlockAs(study, as);
});

describe('the reference card after changing recording', () => {
  it('shows no code left over from the recording coded before', async () => {
    await studies.open('C01');
    await renderCodingScreen();
    const user = userEvent.setup();
    await user.keyboard('[Digit3]');
    await waitFor(() => expect(screen.getByRole('complementary', { name: 'Reference card' }).textContent).toContain('Abstract communication'));
    useUi.getState().openRecording('D02-S01');
    useUi.getState().startCoding();
    await screen.findByRole('table', { name: 'Scoresheet of D02-S01' });
    expect(screen.getByRole('complementary', { name: 'Reference card' }).textContent).toMatch(/Mark a code or point at a row/);
  });
});

describe('setting the study up', () => {
  it('a plain coder sees the study without the forms that add recordings and coders', async () => {
    await studies.open('C01');
    render(<App />);
    const coders = await screen.findByRole('region', { name: 'Coders' });
    expect(within(coders).getByText('A lead adds coders and recordings.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Add a coder' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Add a recording' })).toBeNull();
  });

  it('a lead has both forms', async () => {
    await studies.open('L01');
    render(<App />);
    expect(await screen.findByRole('form', { name: 'Add a coder' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Add a recording' })).toBeTruthy();
  });
});
