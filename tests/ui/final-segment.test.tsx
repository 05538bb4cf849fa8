import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App.tsx';
import { useStudy } from '../../src/state/study.ts';
import { useUi } from '../../src/state/ui.ts';
import { openTestStudy, renderCodingScreen, useTestStudies } from './support.ts';

const studies = useTestStudies(openTestStudy);

describe('a final part too short to code joins the previous segment', () => {
  it('the scoresheet of a 10:10 recording in 2-minute segments has five columns, the last one 8:00–10:10', async () => {
    await studies.open({ segmentSeconds: 120, durationMs: 610_000 });
    const sheet = await renderCodingScreen();
    const heads = within(sheet)
      .getAllByRole('columnheader')
      .filter((th) => th.classList.contains('seg-head'));
    expect(heads).toHaveLength(5);
    expect(heads[4]!.getAttribute('title')).toMatch(/^Segment 5: 8:00–10:10/);
  });

  it('Settings show the shortest final segment and change it until coding starts', async () => {
    await studies.open({ segmentSeconds: 120 });
    useUi.getState().openSettings();
    render(<App />);
    const input = (await screen.findByLabelText('Shortest final segment (seconds)')) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('24'));
    expect(screen.getByText(/A final part of a recording shorter than 24 s joins the segment before it/)).toBeTruthy();
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, '0');
    await user.click(within(screen.getByRole('form', { name: 'Shortest final segment' })).getByRole('button', { name: 'Save' }));
    await screen.findByText(/A final part of a recording is always a segment of its own/);
    expect(useStudy.getState().settings?.minFinalSeconds).toBe(0);
  });
});
