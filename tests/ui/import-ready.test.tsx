// A recording can be coded as soon as it is registered: the list shows it, and the import says so, while its
// filmstrip and sound outline are still being made.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { JobStatus, Subscribe } from '../../electron/core/api/contract.ts';
import { App } from '../../src/App.tsx';
import { makeTestVideo } from '../helpers/video.ts';
import { openTestStudy, useTestStudies } from './support.ts';

const studies = useTestStudies(openTestStudy);

describe('adding a recording', () => {
  it('lists it, ready to code, while its filmstrip is still being made; the job then ends as usual', async () => {
    await studies.open();
    const clip = await makeTestVideo(studies.tempDir(), { seconds: 6, name: 'third-session.mp4' });
    // The real import, its end held back: the page hears that the job is making the filmstrip until the test lets it end.
    let held = true;
    const heldBack: (() => void)[] = [];
    const making = (done: JobStatus): JobStatus => ({
      jobId: done.jobId,
      kind: 'import',
      state: 'running',
      stage: 'thumbnails',
      percent: 60,
      etaSeconds: null,
    });
    const { on, 'jobs.status': status } = window.api;
    if (!on) throw new Error('the test page has no pushed events bound');
    const holding: Subscribe = (name, handler) =>
      on(name, (payload) => {
        const job = payload as JobStatus;
        if (name !== 'job.changed' || !held || job.state !== 'done') return handler(payload);
        heldBack.push(() => void handler(payload));
        return handler(making(job) as typeof payload);
      });
    window.api = {
      ...window.api,
      on: holding,
      'jobs.status': async (input) => {
        const answer = await status(input);
        return held && answer.ok && answer.value.state === 'done' ? { ok: true, value: making(answer.value) } : answer;
      },
    };
    render(<App />);
    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Add a recording' });
    await user.type(within(form).getByLabelText('Video or audio file'), clip);
    await user.type(within(form).getByLabelText('Recording code'), 'D03-S01');
    await user.click(within(form).getByRole('button', { name: 'Add recording' }));

    const recordings = screen.getByRole('region', { name: 'Recordings' });
    const row = await within(recordings).findByRole('row', { name: /D03-S01/ }, { timeout: 20_000 });
    expect(row.textContent).toContain('Ready');
    const card = screen.getByRole('region', { name: 'Add a recording' });
    expect((await within(card).findByRole('status')).textContent).toBe(
      'D03-S01 is ready to code; its filmstrip and sound outline are still being made.',
    );
    const job = screen.getByRole('group', { name: 'Adding D03-S01' });
    expect(within(job).getByRole('progressbar')).toBeTruthy();

    held = false;
    for (const release of heldBack) release();
    await within(job).findByText('Done');
    await waitFor(() => expect(screen.queryByText(/is ready to code/)).toBeNull());
  });
});
