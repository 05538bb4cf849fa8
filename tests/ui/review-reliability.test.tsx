import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryClient } from '../../src/state/queries.ts';
import { useStudy } from '../../src/state/study.ts';
import { useReviewStudy } from './review-support.ts';
import { spyOnChannel } from './support.ts';

/** C01 and C02 agree on W1 in segment 1 and disagree on C2 in segment 3; nobody marked R1. */
const MARKS = {
  C01: [
    { code: 'W1', clarity: 'check' as const, timeMs: 10_000 },
    { code: 'C2', clarity: 'check' as const, timeMs: 250_000 },
  ],
  C02: [{ code: 'W1', clarity: 'check' as const, timeMs: 20_000 }],
};

/** Both coders have signed their codings off: the report compares complete codings. */
const review = useReviewStudy(MARKS, ['C01', 'C02']);
const unfinished = useReviewStudy(MARKS, ['C01']);

/** The lead opens the report from the study home. */
async function reportAsLead() {
  const { user } = await review.renderAs('L01');
  await user.click(await screen.findByRole('button', { name: 'Reliability report' }));
  return { user, table: await screen.findByRole('table', { name: 'Segment agreement' }) };
}

const row = (table: HTMLElement, key: string) =>
  within(table)
    .getAllByRole('row')
    .find((r) => r.querySelector('th')?.textContent === key)!;

describe('the reliability report', () => {
  it('a lead opens it from the study home: a row per code and kind with agreement, κ and a plot', async () => {
    const { table } = await reportAsLead();
    expect(within(table).getByRole('columnheader', { name: 'Cohen κ' })).toBeTruthy();
    const w1 = within(row(table, 'W1'));
    expect(w1.getByText('100.0 %')).toBeTruthy();
    // κ first, then AC1 and α.
    expect(w1.getAllByText('1.000')[0]!.closest('td')!.cellIndex).toBe(4);
    expect(w1.getByRole('img').getAttribute('aria-label')).toMatch(/: agreement 100\.0 %, kappa 1\.000, AC1 1\.000$/);
    // C2 in 1 of 5 segments by C01 only: agreement 4/5.
    expect(within(row(table, 'C2')).getByText('80.0 %')).toBeTruthy();
    expect(within(row(table, 'rupture')).getByText('Any rupture (withdrawal or confrontation)')).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('row')
        .filter((r) => r.querySelector('td')).length,
    ).toBe(24 + 4);
    expect(screen.getByRole('table', { name: 'Rating agreement' })).toBeTruthy();
  });

  it('shows "not defined" where κ cannot be computed, with the reason on hover and as a footnote, never NaN', async () => {
    const { table } = await reportAsLead();
    const kappa = within(row(table, 'R1')).getAllByText('not defined')[0]!;
    expect(kappa.getAttribute('title')).toMatch(/^not defined: no coder marked this code in any of the 5 segments/);
    const number = kappa.querySelector('sup')!.textContent!;
    const notes = screen.getByRole('list', { name: 'Notes on the segment agreement' });
    expect(within(notes).getAllByRole('listitem')[Number(number) - 1]!.textContent).toMatch(
      /^Not defined: no coder marked this code in any of the 5 segments/,
    );
    // One recording: too few for any ICC, and each says why.
    const ratings = screen.getByRole('table', { name: 'Rating agreement' });
    expect(within(ratings).getAllByText('too few').length).toBeGreaterThan(0);
    expect(within(screen.getByRole('list', { name: 'Notes on the rating agreement' })).getAllByRole('listitem')[0]!.textContent).toMatch(
      /^Too few: /,
    );
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

  it("shows Gwet's AC1 and Krippendorff's alpha with their intervals beside kappa, where kappa is not defined too", async () => {
    const { table } = await reportAsLead();
    expect(within(table).getByRole('columnheader', { name: 'Gwet AC1' })).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: 'Krippendorff α' })).toBeTruthy();
    // Nobody marked R1: κ and α are not defined, AC1 is 1 with the interval [1, 1].
    const r1 = within(row(table, 'R1'));
    expect(r1.getAllByText('not defined')).toHaveLength(2);
    expect(r1.getByText('[1.000, 1.000]')).toBeTruthy();
    // Its plot draws AC1 (a diamond at 1) where there is no κ to draw.
    const plot = r1.getByRole('img');
    expect(plot.getAttribute('aria-label')).toMatch(/kappa not defined, AC1 1\.000$/);
    expect(plot.querySelector('.plot-diamond')).not.toBeNull();
    expect(plot.querySelector('.plot-point')).toBeNull();
    const ratings = screen.getByRole('table', { name: 'Rating agreement' });
    expect(within(ratings).getByRole('columnheader', { name: 'Gwet AC2' })).toBeTruthy();
  });

  it('shows the ICCs of the segments per session for each kind and code', async () => {
    await reportAsLead();
    const counts = screen.getByRole('table', { name: 'Segments per session' });
    expect(within(counts).getByRole('columnheader', { name: 'ICC(2,1)' })).toBeTruthy();
    // One recording: too few, as the ICCs need two, said once across the six columns.
    const withdrawal = within(counts)
      .getAllByRole('row')
      .find((r) => r.querySelector('th')?.textContent === 'withdrawal')!;
    expect(within(withdrawal).getByText('too few').getAttribute('title')).toMatch(/^too few: an ICC needs at least 2 recordings/);
  });

  it('compares complete codings only, lists an unfinished one, and compares it when the lead includes it', async () => {
    const { user } = await unfinished.renderAs('L01');
    await user.click(await screen.findByRole('button', { name: 'Reliability report' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/1 unfinished coding is left out until marked complete/);
    const include = screen.getByRole('checkbox', { name: 'Include unfinished codings' });
    expect((include as HTMLInputElement).checked).toBe(false);
    await user.click(include);
    const table = await screen.findByRole('table', { name: 'Segment agreement' });
    expect(within(row(table, 'W1')).getByText('100.0 %')).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Unfinished codings' }).textContent).toMatch(
      /^Compared as they stand, not yet marked complete: 1 coding\..*D01-S01 by C02 \(in-progress\)/,
    );
  });

  it('shows the report for the newest choices, even when the answer to an older choice comes after it', async () => {
    const { user, handlers } = await review.renderAs('L01');
    await user.click(await screen.findByRole('button', { name: 'Reliability report' }));
    await screen.findByRole('table', { name: 'Segment agreement' });
    const real = handlers['reliability.report'];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Check-minus counted absent is slow to compute; counted present again is quick.
    spyOnChannel(handlers, 'reliability.report').mockImplementation(async (input) => {
      if ((input as { checkMinus?: string }).checkMinus === 'absent') await gate;
      return real(input);
    });
    await user.click(screen.getByRole('radio', { name: 'counts as absent' }));
    await user.click(screen.getByRole('radio', { name: 'counts as present' }));
    await waitFor(() => expect(screen.queryByText('Computing…')).toBeNull());
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByText('check-minus counts as present')).toBeTruthy();
    expect(screen.queryByText('check-minus counts as absent')).toBeNull();
  });

  it('is forgotten when the study locks: nothing the core answered stays in the page', async () => {
    await reportAsLead();
    expect(queryClient.getQueryCache().findAll({ queryKey: ['reliability.report'] })).not.toHaveLength(0);
    await useStudy.getState().lock();
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });

  it('is not offered to a coder (coding is blind)', async () => {
    await review.renderAs('C01');
    await screen.findByRole('heading', { name: 'Recordings' });
    expect(screen.queryByRole('heading', { name: 'Review' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reliability report' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });
});
