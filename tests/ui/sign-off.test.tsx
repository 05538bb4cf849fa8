import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { addMark, completeCoding, markSegmentWatched, recordCodingUse } from '../../electron/core/coding/index.ts';
import { App } from '../../src/App.tsx';
import { useCoding } from '../../src/state/coding.ts';
import { rateTheRest } from '../helpers/ratings.ts';
import { addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { goTo, RECORDING, unlockAs, useTestStudies, type OpenStudy } from './support.ts';

interface Setup {
  /** C01's coding is signed off before the app opens it. */
  complete?: boolean;
  /** ...and then used by the lead L01 (here: compared). */
  used?: boolean;
}

/**
 * A 10-minute recording in 2-minute segments. C01 marked an R2 before any rupture (a check the sign-off
 * names), watched only the first segment and made every rating; L01 is a lead.
 */
async function openSignOffStudy(dir: string, setup: Setup): Promise<OpenStudy> {
  const study = makeStudy(dir, 120);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'L01', 'lead');
  addFakeRecording(study, RECORDING, 10 * 60_000);
  addMark(study.db, RECORDING, 'C01', { code: 'R2', clarity: 'check', timeMs: 30_000 }, 'C01');
  markSegmentWatched(study.db, RECORDING, 'C01', 0, 'C01');
  rateTheRest(study.db, RECORDING, 'C01');
  if (setup.complete) completeCoding(study.db, RECORDING, 'C01', 'C01');
  if (setup.used) recordCodingUse(study.db, [{ recording: RECORDING, coder: 'C01' }], 'compare', 'L01');
  return unlockAs(study, 'C01');
}

const studies = useTestStudies(openSignOffStudy);

async function ratingsScreen(setup: Setup = {}) {
  await studies.open(setup);
  goTo('ratings');
  render(<App />);
  await screen.findByRole('radiogroup', { name: 'Denial' });
  return userEvent.setup();
}

describe('a sign-off that checks', () => {
  it('Complete shows the open checks and the unwatched segments and asks to confirm; Cancel leaves the coding as it was', async () => {
    const user = await ratingsScreen();
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Sign off this coding?' });
    expect(dialog.textContent).toMatch(/R2 is in segment 1, and no withdrawal or confrontation marker/);
    expect(dialog.textContent).toMatch(/Not watched: segments 2–5\./);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(useCoding.getState().view?.scoresheet.state).toBe('in-progress');
  });

  it('confirming signs it off knowingly: the coding is complete', async () => {
    const user = await ratingsScreen();
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await user.click(await screen.findByRole('button', { name: 'Sign off anyway' }));
    await screen.findByText(/This coding is signed off/);
    expect(useCoding.getState().view?.scoresheet.state).toBe('complete');
  });

  it('its coder reopens a signed-off coding that nobody has used yet', async () => {
    const user = await ratingsScreen({ complete: true });
    expect(screen.getByText(/You can still reopen it, until a lead compares, exports or builds a consensus from it/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    await screen.findByRole('button', { name: 'Complete' });
    expect(useCoding.getState().view?.scoresheet.state).toBe('in-progress');
  });

  it('on the recording’s page too, its coder is offered Reopen while the coding is unused', async () => {
    await studies.open({ complete: true });
    goTo('recording');
    render(<App />);
    expect(await screen.findByRole('button', { name: 'Reopen C01’s coding' })).toBeTruthy();
  });

  it('a used coding’s page offers its coder no Reopen', async () => {
    await studies.open({ complete: true, used: true });
    goTo('recording');
    render(<App />);
    await screen.findByRole('button', { name: 'Training check' });
    await screen.findByText('Complete');
    expect(screen.queryByRole('button', { name: /^Reopen/ })).toBeNull();
  });

  it('once a lead has used the coding, its coder is offered no Reopen and told who can', async () => {
    await ratingsScreen({ complete: true, used: true });
    expect(screen.getByText(/has been used since, so only a lead can reopen it/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reopen' })).toBeNull();
  });
});
