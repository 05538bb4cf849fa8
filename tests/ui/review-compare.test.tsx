import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCoding } from '../../src/state/coding.ts';
import { value } from '../helpers/api.ts';
import { RECORDING, useReviewStudy } from './review-support.ts';

/** C01 and C02 both mark W1 in segment 1 (C02 unsure); only C01 marks C2, in segment 3; only C02 marks R3, unsure, in segment 4. */
const MARKS = {
  C01: [
    { code: 'W1', clarity: 'check' as const, timeMs: 10_000 },
    { code: 'C2', clarity: 'check' as const, timeMs: 250_000 },
  ],
  C02: [
    { code: 'W1', clarity: 'check-minus' as const, timeMs: 20_000 },
    { code: 'R3', clarity: 'check-minus' as const, timeMs: 400_000 },
  ],
};

const review = useReviewStudy(MARKS);

async function compareAsLead() {
  const { user, handlers } = await review.renderAs('L01');
  await user.click(await screen.findByRole('button', { name: 'Open' }));
  await user.click(await screen.findByRole('button', { name: 'Compare codings' }));
  const a = await screen.findByRole('table', { name: `C01’s coding of ${RECORDING}` });
  const b = screen.getByRole('table', { name: `C02’s coding of ${RECORDING}` });
  return { user, a, b, handlers };
}

const cellOf = (table: HTMLElement, code: string, segment: number) =>
  within(table).getByRole('cell', { name: new RegExp(`^${code} in segment ${segment}:`) });

describe('comparing two codings', () => {
  it('shows both grids side by side with a disagreement outlined and a clarity difference told apart', async () => {
    const { a, b } = await compareAsLead();
    const disagreement = cellOf(a, 'C2', 3);
    expect(disagreement.className).toContain('diff-presence');
    expect(disagreement.getAttribute('aria-label')).toBe('C2 in segment 3: check; disagreement (C02: not marked)');
    expect(cellOf(b, 'C2', 3).getAttribute('aria-label')).toBe('C2 in segment 3: not marked; disagreement (C01: check)');
    expect(cellOf(a, 'W1', 1).className).toContain('diff-clarity');
    expect(cellOf(a, 'W1', 2).className).not.toContain('diff');
    const list = screen.getByRole('table', { name: 'Differences' });
    expect(within(list).getAllByRole('row')).toHaveLength(4);
    const ratings = screen.getByRole('table', { name: 'Rating differences' });
    expect(within(ratings).getByRole('row', { name: /Overall resolution/ }).textContent).toBe('Overall resolution34');
  });

  it('with check-minus counted absent, a check-minus against nothing is named as not counted in the cells, the list, its count and the legend', async () => {
    const { user, a, b } = await compareAsLead();
    await user.click(screen.getByRole('radio', { name: /counts as absent/ }));
    await waitFor(() => expect(cellOf(a, 'W1', 1).className).toContain('diff-presence'));
    expect(cellOf(b, 'R3', 4).getAttribute('aria-label')).toBe('R3 in segment 4: check-minus; check-minus, not counted (C01: not marked)');
    expect(cellOf(a, 'R3', 4).getAttribute('aria-label')).toBe('R3 in segment 4: not marked; check-minus, not counted (C02: check-minus)');
    const list = screen.getByRole('table', { name: 'Differences' });
    expect(within(list).getByRole('row', { name: /R3/ }).textContent).toContain('check-minus, not counted');
    expect(list.previousElementSibling?.textContent).toMatch(
      /^2 disagreements \(.*\) and 1 check-minus mark not counted \(one has only a check-minus mark, the other nothing\)\./,
    );
    const legend = screen.getByText(/^check-minus, not counted:/).parentElement!;
    expect(legend.textContent).not.toContain('clarity');
    expect(legend.textContent).toContain('a check-minus counts as absent');
  });

  it('a row of the list outlines its cell in both grids', async () => {
    const { user, a, b } = await compareAsLead();
    await user.click(within(screen.getByRole('table', { name: 'Differences' })).getByRole('row', { name: /C2/ }));
    expect(cellOf(a, 'C2', 3).className).toContain('picked');
    expect(cellOf(b, 'C2', 3).className).toContain('picked');
  });

  it('starting the consensus from C01 opens its copy for editing; a key marks in it, not in the lead’s or C01’s coding', async () => {
    const { user, handlers } = await compareAsLead();
    await user.click(screen.getByRole('button', { name: 'Start consensus from C01' }));
    expect((await screen.findByText(/Editing the consensus coding/)).textContent).toContain('CONSENSUS');
    await screen.findByRole('table', { name: `Scoresheet of ${RECORDING}` });
    await user.keyboard('[Digit3]');
    await waitFor(() => expect(useCoding.getState().view?.marks.map((m) => m.code)).toEqual(['W3', 'W1', 'C2']));
    const marks = async (coder: string) => {
      const view = await handlers['coding.view']({ recording: RECORDING, coder });
      return view.ok ? view.value.marks.map((m) => m.code) : view.error.message;
    };
    expect(await marks('CONSENSUS')).toEqual(['W3', 'W1', 'C2']);
    expect(await marks('C01')).toEqual(['W1', 'C2']);
    expect(await marks('L01')).toEqual([]);
  });

  it('warns that a coding not marked complete is copied as it stands, and takes another code when a person has CONSENSUS', async () => {
    const { user, handlers } = await compareAsLead();
    expect(screen.getByText(/^C01 and C02 have not marked these codings complete: a consensus copies a coding as it stands now/)).toBeTruthy();
    value(await handlers['coders.add']({ code: 'CONSENSUS', name: 'Con Sensus' }));
    await user.click(screen.getByRole('button', { name: 'Start consensus from C01' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/CONSENSUS is a coder of this study, not a consensus coder/);
    const code = screen.getByLabelText('As coder');
    await user.clear(code);
    await user.type(code, 'agreed');
    await user.click(screen.getByRole('button', { name: 'Start consensus from C01' }));
    expect((await screen.findByText(/Editing the consensus coding/)).textContent).toContain('AGREED');
  });

  it('once a consensus exists, the comparison offers to go on editing it instead of starting another', async () => {
    const { user } = await compareAsLead();
    await user.click(screen.getByRole('button', { name: 'Start consensus from C02' }));
    await screen.findByText(/Editing the consensus coding/);
    await user.click(screen.getByRole('button', { name: RECORDING }));
    await user.click(await screen.findByRole('button', { name: 'Compare codings' }));
    expect(await screen.findByRole('button', { name: 'Edit the consensus coding' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Start consensus/ })).toBeNull();
  });
});
