import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCoding } from '../../src/state/coding.ts';
import { usePlayer } from '../../src/state/player.ts';
import { RECORDING, useReviewStudy } from './review-support.ts';

/** The trainee C01 missed the reference's C2 at 4:10 and added a W4 at 1:05; both have W1 in segment 1. */
const MARKS = {
  C01: [
    { code: 'W1', clarity: 'check' as const, timeMs: 10_000 },
    { code: 'W4', clarity: 'check' as const, timeMs: 65_000 },
  ],
  C02: [{ code: 'R1', clarity: 'check' as const, timeMs: 30_000 }],
  L01: [
    { code: 'W1', clarity: 'check' as const, timeMs: 12_000 },
    { code: 'C2', clarity: 'check' as const, timeMs: 250_000 },
  ],
};

// C01 has signed their coding off: a coder checks against a reference only then.
const review = useReviewStudy(MARKS, ['C01']);

async function trainingAs(coder: string) {
  const { user } = await review.renderAs(coder);
  await user.click(await screen.findByRole('button', { name: 'Open' }));
  await user.click(await screen.findByRole('button', { name: 'Training check' }));
  return { user, list: await screen.findByRole('table', { name: 'Disagreements' }) };
}

describe('training against a reference coding', () => {
  it('a trainee sees the lead’s coding proposed as reference, the agreement and each disagreement with its time', async () => {
    const { list } = await trainingAs('C01');
    expect((screen.getByLabelText('Reference') as HTMLSelectElement).value).toBe('L01');
    // The fellow coder C02 is no reference: coding stays blind.
    expect(within(screen.getByLabelText('Reference')).queryByRole('option', { name: /C02/ })).toBeNull();
    // 5 segments × 24 codes, 2 cells differ.
    expect(screen.getByText('98.3 %')).toBeTruthy();
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('.chip')?.textContent)).toEqual(['W4', 'C2']);
    expect(within(rows[1]!).getByRole('button', { name: 'Go to 4:10 in the coding view' })).toBeTruthy();
    expect(within(rows[0]!).getByRole('button', { name: 'Go to 1:05 in the coding view' })).toBeTruthy();
  });

  it('clicking a disagreement’s time opens the trainee’s own coding with the playhead there', async () => {
    const { user, list } = await trainingAs('C01');
    await user.click(within(list).getByRole('button', { name: 'Go to 4:10 in the coding view' }));
    await screen.findByRole('table', { name: `Scoresheet of ${RECORDING}` });
    expect(usePlayer.getState().currentMs).toBe(250_000);
    expect(usePlayer.getState().segment).toBe(2);
    expect(useCoding.getState()).toMatchObject({ viewing: null, editable: false });
    expect(screen.getByRole('group', { name: 'Playhead' }).textContent).toContain('Segment 3 of 5');
  });

  it('a coder whose coding is not complete is told to complete it before seeing the reference', async () => {
    const { user } = await review.renderAs('C02');
    await user.click(await screen.findByRole('button', { name: 'Open' }));
    await user.click(await screen.findByRole('button', { name: 'Training check' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Mark your coding of D01-S01 complete first/);
    expect(screen.queryByRole('table', { name: 'Disagreements' })).toBeNull();
  });

  it('a lead checks any coder against a reference and jumps to the trainee’s coding, shown read-only', async () => {
    const { user } = await trainingAs('L01');
    const trainee = screen.getByLabelText('Trainee');
    await user.selectOptions(trainee, 'C02');
    await user.selectOptions(screen.getByLabelText('Reference'), 'C01');
    const list = await screen.findByRole('table', { name: 'Disagreements' });
    await waitFor(() => expect(within(list).getAllByRole('row').slice(1).map((r) => r.querySelector('.chip')?.textContent)).toEqual(['W1', 'W4', 'R1']));
    await user.click(within(list).getByRole('button', { name: 'Go to 0:30 in the coding view' }));
    expect(await screen.findByText(/shown read-only/)).toBeTruthy();
    expect(useCoding.getState()).toMatchObject({ viewing: 'C02', editable: false });
    expect(usePlayer.getState().currentMs).toBe(30_000);
  });
});
