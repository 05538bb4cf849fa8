import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useReviewStudy } from './review-support.ts';

/** C01 and C02 agree on W1 in segment 1 and disagree on C2 in segment 3; nobody marked R1. */
const MARKS = {
  C01: [
    { code: 'W1', clarity: 'check' as const, timeMs: 10_000 },
    { code: 'C2', clarity: 'check' as const, timeMs: 250_000 },
  ],
  C02: [{ code: 'W1', clarity: 'check' as const, timeMs: 20_000 }],
};

const review = useReviewStudy(MARKS);

/** The lead opens the report from the study home. */
async function reportAsLead() {
  const { user } = await review.renderAs('L01');
  await user.click(await screen.findByRole('button', { name: 'Reliability report' }));
  return { user, table: await screen.findByRole('table', { name: 'Segment agreement' }) };
}

const row = (table: HTMLElement, key: string) => within(table).getAllByRole('row').find((r) => r.querySelector('th')?.textContent === key)!;

describe('the reliability report', () => {
  it('a lead opens it from the study home: a row per code and kind with agreement, κ and a plot', async () => {
    const { table } = await reportAsLead();
    expect(within(table).getByRole('columnheader', { name: 'Cohen κ' })).toBeTruthy();
    const w1 = within(row(table, 'W1'));
    expect(w1.getByText('100.0 %')).toBeTruthy();
    expect(w1.getByText('1.000')).toBeTruthy();
    expect(w1.getByRole('img').getAttribute('aria-label')).toMatch(/: agreement 100\.0 %, kappa 1\.000$/);
    // C2 in 1 of 5 segments by C01 only: agreement 4/5.
    expect(within(row(table, 'C2')).getByText('80.0 %')).toBeTruthy();
    expect(within(row(table, 'rupture')).getByText('Any rupture (withdrawal or confrontation)')).toBeTruthy();
    expect(within(table).getAllByRole('row').filter((r) => r.querySelector('td')).length).toBe(24 + 4);
    expect(screen.getByRole('table', { name: 'Rating agreement' })).toBeTruthy();
  });

  it('shows "not defined" where κ cannot be computed, with the reason on hover and as a footnote, never NaN', async () => {
    const { table } = await reportAsLead();
    const kappa = within(row(table, 'R1')).getByText('not defined');
    expect(kappa.getAttribute('title')).toMatch(/^not defined: no coder marked this code in any of the 5 segments/);
    const number = kappa.querySelector('sup')!.textContent!;
    const notes = screen.getByRole('list', { name: 'Notes on the segment agreement' });
    expect(within(notes).getAllByRole('listitem')[Number(number) - 1]!.textContent).toMatch(/^Not defined: no coder marked this code in any of the 5 segments/);
    // One recording: no ICC can be defined, and each says why.
    const ratings = screen.getByRole('table', { name: 'Rating agreement' });
    expect(within(ratings).getAllByText('not defined').length).toBeGreaterThan(0);
    expect(within(screen.getByRole('list', { name: 'Notes on the rating agreement' })).getAllByRole('listitem')[0]!.textContent).toMatch(/^Not defined: /);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('choosing coders asks the core again; with fewer than two it says to choose two', async () => {
    const { user } = await reportAsLead();
    await user.click(screen.getByRole('checkbox', { name: /C02/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/choose at least two/);
    expect(screen.queryByRole('table', { name: 'Segment agreement' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: /C02/ }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Segment agreement' })).toBeTruthy());
  });

  it('is not offered to a coder (coding is blind)', async () => {
    await review.renderAs('C01');
    await screen.findByRole('heading', { name: 'Recordings' });
    expect(screen.queryByRole('heading', { name: 'Review' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reliability report' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });
});
