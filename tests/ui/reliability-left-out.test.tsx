import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { importMarks } from '../../electron/core/coding/index.ts';
import { App } from '../../src/App.tsx';
import { exampleList, leftOutSummary } from '../../src/left-out.ts';
import { addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { unlockAs, useTestStudies } from './support.ts';

/** Five recordings coded by C01 and C02; C03 coded only the first. Every coding is signed off. */
const studies = useTestStudies(async (dir: string) => {
  const study = makeStudy(dir, 120);
  for (const code of ['C01', 'C02', 'C03']) addTestCoder(study, code);
  addTestCoder(study, 'L01', 'lead');
  for (let s = 1; s <= 5; s++) {
    const recording = `D01-S0${s}`;
    addFakeRecording(study, recording, 10 * 60_000);
    for (const coder of s === 1 ? ['C01', 'C02', 'C03'] : ['C01', 'C02'])
      importMarks(study.db, recording, coder, [{ code: 'W1', clarity: 'check', timeMs: 10_000 * s }], coder);
  }
  // A fixture written into the status table: the report compares complete codings.
  study.db.prepare("UPDATE coding_status SET state = 'complete'").run();
  return unlockAs(study, 'L01');
});

describe('recordings left out of the segment agreement', () => {
  it('are summed up per coder, with examples, what to untick, and the whole list on demand', async () => {
    await studies.open();
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Reliability report' }));
    // By default C01 and C02, who share all five recordings: nothing is left out until C03 is ticked too.
    await screen.findByRole('table', { name: 'Segment agreement' });
    expect(screen.queryByText(/^Left out of the segment agreement/)).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: /C03/ }));
    const notice = await screen.findByText(/^Left out of the segment agreement/);
    const box = notice.closest('[role="status"]') as HTMLElement;
    expect(notice.textContent).toMatch(/^Left out of the segment agreement: 4 of the 5 chosen recordings, which not every chosen coder has coded/);
    expect(within(box).getByRole('listitem').textContent).toBe('C03 has not coded 4 of them: D01-S02, D01-S03, D01-S04 and 1 more.');
    expect(within(box).getByText('Untick C03 to compare the other coders over all 5 recordings.')).toBeTruthy();
    expect(within(box).getByText('All 4 recordings left out').closest('details')!.textContent).toContain('D01-S05 (no coding by C03)');

    await user.click(screen.getByRole('checkbox', { name: /C03/ }));
    await waitFor(() => expect(screen.queryByText(/^Left out of the segment agreement/)).toBeNull());
  });

  it('the recordings can be chosen all at once, none, or only those every chosen coder coded', async () => {
    await studies.open();
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Reliability report' }));
    await screen.findByRole('table', { name: 'Segment agreement' });
    await user.click(screen.getByRole('checkbox', { name: /C03/ }));
    await screen.findByText(/^Left out of the segment agreement/);
    const recordings = screen.getByRole('group', { name: 'Recordings' });
    const ticked = () =>
      within(recordings)
        .getAllByRole('checkbox')
        .filter((b) => (b as HTMLInputElement).checked)
        .map((b) => b.closest('label')!.textContent);

    await user.click(within(recordings).getByRole('button', { name: 'Only those every chosen coder coded' }));
    await waitFor(() => expect(screen.queryByText(/^Left out of the segment agreement/)).toBeNull());
    expect(ticked()).toEqual(['D01-S01']);
    expect(screen.getByText('1 recording')).toBeTruthy();

    await user.click(within(recordings).getByRole('button', { name: 'None' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Choose at least one recording/);
    expect(ticked()).toEqual([]);

    await user.click(within(recordings).getByRole('button', { name: 'All' }));
    await waitFor(() => expect(ticked()).toEqual(['D01-S01', 'D01-S02', 'D01-S03', 'D01-S04', 'D01-S05']));
    await screen.findByText(/^Left out of the segment agreement/);
  });

  it('name no single coder to untick when different coders miss different recordings', () => {
    const left = leftOutSummary({
      coders: ['C01', 'C02', 'C03'],
      notCoded: [
        { recording: 'D01-S01', coders: ['C02'] },
        { recording: 'D01-S02', coders: ['C03'] },
        { recording: 'D01-S03', coders: ['C02', 'C03'] },
      ],
      missingCodings: [
        { coder: 'C02', recordings: ['D01-S01', 'D01-S03'] },
        { coder: 'C03', recordings: ['D01-S02', 'D01-S03'] },
      ],
    });
    expect(left).toEqual({
      recordings: 3,
      byCoder: [
        { coder: 'C02', count: 2, examples: ['D01-S01', 'D01-S03'] },
        { coder: 'C03', count: 2, examples: ['D01-S02', 'D01-S03'] },
      ],
      untick: null,
    });
    expect(exampleList(left.byCoder[0]!)).toBe('D01-S01 and D01-S03');
    expect(exampleList({ coder: 'C09', count: 1, examples: ['D02-S01'] })).toBe('D02-S01');
  });

  it('never advise unticking one of only two coders: that would leave nobody to compare with', () => {
    const missing = { notCoded: [{ recording: 'D01-S02', coders: ['C02'] }], missingCodings: [{ coder: 'C02', recordings: ['D01-S02'] }] };
    expect(leftOutSummary({ ...missing, coders: ['C01', 'C02'] }).untick).toBeNull();
    expect(leftOutSummary({ ...missing, coders: ['C01', 'C02', 'C03'] }).untick).toBe('C02');
  });
});
