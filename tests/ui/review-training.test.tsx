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
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('.chip')?.textContent)).toEqual(['W4', 'C2']);
    expect(within(rows[1]!).getByRole('button', { name: 'Go to 4:10 in the coding view' })).toBeTruthy();
    expect(within(rows[0]!).getByRole('button', { name: 'Go to 1:05 in the coding view' })).toBeTruthy();
  });

  it('heads with the agreement where either coding has a code and the share of the reference found; over all cells, mostly empty, after them', async () => {
    await trainingAs('C01');
    const summary = screen.getByRole('region', { name: 'Agreement' });
    // Either coding has W1 and W4 in segment 1 and C2 in segment 3: both have only W1; the reference's W1 and C2, C01 found W1.
    expect(
      within(summary)
        .getAllByText(/ %$/)
        .map((e) => e.textContent),
    ).toEqual(['33.3 %', '50.0 %', '50.0 %']);
    expect(summary.textContent).toContain('agree where either coding has a code: 1 of 3 cells');
    expect(summary.textContent).toContain('of the reference’s cells found by C01: 1 of 2');
    // l. 172–173: beginners over-code. Of C01's W1 and W4, the reference confirms W1.
    expect(summary.textContent).toContain('of C01’s cells confirmed by the reference: 1 of 2 (low when over-coding)');
    // 5 segments × 24 codes, 2 cells differ.
    expect(summary.textContent).toContain('Over all 120 segment × code cells (5 segments × 24 codes), empty ones included, 98.3 % agree.');
  });

  it('by segment, gives those figures, and for a segment neither coding marked says why instead of a near-100 % figure', async () => {
    await trainingAs('C01');
    const rows = within(screen.getByRole('table', { name: 'Agreement by segment' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['1/2 (50.0 %)', '1/1 (100.0 %)', '1/2 (50.0 %)'],
      ['not defined1'],
      ['0/1 (0.0 %)', '0/1 (0.0 %)', 'not defined2'],
      ['not defined1'],
      ['not defined1'],
    ]);
    expect(
      within(screen.getByRole('list', { name: 'Notes on the agreement by segment' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Not defined: neither coding marked anything in this segment.',
      'Not defined: the trainee marked nothing in this segment, so nothing is over-coded.',
    ]);
  });

  it('a per-code kappa over fewer than 10 segments says it is based on few', async () => {
    await trainingAs('C01');
    const table = screen.getByRole('table', { name: 'Agreement by code' });
    const w1 = within(table)
      .getAllByRole('row')
      .find((r) => r.querySelector('.chip')?.textContent === 'W1')!;
    expect(w1.textContent).toMatch(/1\.000 \(few segments\d\)/);
    expect(screen.getByText(/^Based on only 5 segments: one segment more or less moves it a lot/)).toBeTruthy();
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

  it('a coder whose coding is not complete cannot open the check yet, and is told why', async () => {
    const { user } = await review.renderAs('C02');
    await user.click(await screen.findByRole('button', { name: 'Open' }));
    const check = (await screen.findByRole('button', { name: 'Training check' })) as HTMLButtonElement;
    await waitFor(() => expect(check.disabled).toBe(true));
    expect(check.title).toMatch(/^Mark your coding complete first/);
  });

  it('a lead checks any coder against a reference and jumps to the trainee’s coding, shown read-only', async () => {
    const { user } = await trainingAs('L01');
    const trainee = screen.getByLabelText('Trainee');
    await user.selectOptions(trainee, 'C02');
    await user.selectOptions(screen.getByLabelText('Reference'), 'C01');
    const list = await screen.findByRole('table', { name: 'Disagreements' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('row')
          .slice(1)
          .map((r) => r.querySelector('.chip')?.textContent),
      ).toEqual(['W1', 'W4', 'R1']),
    );
    await user.click(within(list).getByRole('button', { name: 'Go to 0:30 in the coding view' }));
    expect(await screen.findByText(/shown read-only/)).toBeTruthy();
    expect(useCoding.getState()).toMatchObject({ viewing: 'C02', editable: false });
    expect(usePlayer.getState().currentMs).toBe(30_000);
  });
});

describe('training where the codings hold only check-minus marks', () => {
  // C01 marked W2 unsure at 0:10, the reference L01 C3 unsure at 2:10: nothing else.
  const unsure = useReviewStudy(
    {
      C01: [{ code: 'W2', clarity: 'check-minus' as const, timeMs: 10_000 }],
      L01: [{ code: 'C3', clarity: 'check-minus' as const, timeMs: 130_000 }],
    },
    ['C01'],
  );

  it('counted absent, the agreement is not defined, with the reason, and each check-minus is listed as not counted, not as another clarity', async () => {
    const { user } = await unsure.renderAs('C01');
    await user.click(await screen.findByRole('button', { name: 'Open' }));
    await user.click(await screen.findByRole('button', { name: 'Training check' }));
    await screen.findByRole('table', { name: 'Disagreements' });
    await user.click(screen.getByRole('radio', { name: /counts as absent/ }));
    const list = await screen.findByRole('table', { name: 'Check-minus marks not counted' });
    const summary = screen.getByRole('region', { name: 'Agreement' });
    expect(within(summary).queryByText(/ %$/)).toBeNull();
    expect(within(summary).getAllByText('not defined')).toHaveLength(3);
    expect(
      within(within(summary).getByRole('list', { name: 'Notes on the agreement' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Not defined: neither coding marked any code with a check (a check-minus counts as absent).',
      'Not defined: the reference marked no code with a check (a check-minus counts as absent), so there is nothing to find.',
      'Not defined: the trainee marked no code with a check (a check-minus counts as absent), so nothing is over-coded.',
    ]);
    expect(screen.getByRole('heading', { name: 'A check-minus mark, not counted (2)' })).toBeTruthy();
    expect(
      within(list)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelector('.chip')?.textContent),
    ).toEqual(['W2', 'C3']);
    expect(screen.queryByRole('table', { name: 'Clarity differences' })).toBeNull();
    expect(screen.getByText('✓ The two codings agree in every segment.')).toBeTruthy();
  });
});
