import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { value } from '../helpers/api.ts';
import { useStudy } from '../../src/state/study.ts';
import { useReviewStudy } from './review-support.ts';

const review = useReviewStudy(
  {
    C01: [{ code: 'W1', clarity: 'check', timeMs: 10_000 }],
    C02: [{ code: 'W2', clarity: 'check', timeMs: 20_000 }],
  },
  // Signed off, so that the reliability report has complete codings to compare.
  ['C01', 'C02'],
);

describe('blind coding', () => {
  it('a lead turns it off in the settings after confirming what it does to later reports, and the study remembers', async () => {
    const { user, handlers } = await review.renderAs('L01');
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const box = await screen.findByRole('checkbox', { name: 'Blind coding' });
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    // Nothing changes before the lead confirms.
    const dialog = await screen.findByRole('alertdialog', { name: 'Turn blind coding off?' });
    expect(dialog.textContent).toMatch(
      /Every later reliability report and export will say that codings in this study may not be independent — even after blind coding is turned back on/,
    );
    expect(value(await handlers['settings.get']({})).blindCoding).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Turn blind coding off' }));
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'Blind coding' }) as HTMLInputElement).checked).toBe(false));
    expect(screen.getByText(/^Off: coders may open and compare each other’s codings/)).toBeTruthy();
    expect(value(await handlers['settings.get']({})).blindCoding).toBe(false);
    // The reliability report says what that means for its figures.
    await user.click(screen.getByRole('button', { name: '← Back' }));
    await user.click(await screen.findByRole('button', { name: 'Reliability report' }));
    expect((await screen.findByText(/^Blind coding is off in this study/)).textContent).toMatch(/not independent/);
  });

  it('"Keep it on" leaves blind coding on and the study unchanged', async () => {
    const { user, handlers } = await review.renderAs('L01');
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Blind coding' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Keep it on' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((screen.getByRole('checkbox', { name: 'Blind coding' }) as HTMLInputElement).checked).toBe(true);
    expect(value(await handlers['settings.get']({})).blindCoding).toBe(true);
  });

  it('a coder sees only their own coding while it is on, and may look at and compare the others’ once a lead turns it off', async () => {
    const { user, handlers } = await review.renderAs('C02');
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const box = (await screen.findByRole('checkbox', { name: 'Blind coding' })) as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(screen.getByText(/Only a lead can change it\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '← Back' }));
    const recordings = await screen.findByRole('region', { name: 'Recordings' });
    expect(within(recordings).queryByRole('columnheader', { name: 'Other coders' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Study' })).getByText('Your marks').nextElementSibling?.textContent).toBe('1');

    // A lead, at another window, turns blind coding off.
    value(await handlers['session.selectCoder']({ code: 'L01' }));
    value(await handlers['settings.update']({ blindCoding: false }));
    value(await handlers['session.selectCoder']({ code: 'C02' }));
    await useStudy.getState().refresh();

    expect(await within(recordings).findByRole('columnheader', { name: 'Other coders' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Study' })).getByText('Marks').nextElementSibling?.textContent).toBe('2');
    await user.click(within(recordings).getByRole('button', { name: 'Open' }));
    await user.click(await screen.findByRole('button', { name: 'Compare codings' }));
    expect(await screen.findByRole('table', { name: /C01’s coding of/ })).toBeTruthy();
    // Building the consensus stays a lead's.
    expect(screen.queryByRole('heading', { name: 'Consensus coding' })).toBeNull();
  });
});
