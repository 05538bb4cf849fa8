import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../electron/core/api/contract.ts';
import { App } from '../../src/App.tsx';
import { makeClip, makeTestVideo } from '../helpers/video.ts';
import { goTo, openTestStudy, pushToPage, RECORDING, useTestStudies } from './support.ts';

const studies = useTestStudies(openTestStudy);

const row = (code: string) => within(screen.getByRole('region', { name: 'Recordings' })).getByRole('row', { name: new RegExp(code) });

async function fillImport(user: ReturnType<typeof userEvent.setup>, path: string, code: string) {
  const form = screen.getByRole('form', { name: 'Add a recording' });
  await user.type(within(form).getByLabelText('Video or audio file'), path);
  await user.type(within(form).getByLabelText('Recording code'), code);
  await user.click(within(form).getByRole('button', { name: 'Add recording' }));
}

describe('adding recordings and making them playable', () => {
  it('a recording added through the form follows its job to the end and appears in the table, ready to play', async () => {
    await studies.open();
    const clip = await makeTestVideo(studies.tempDir(), { seconds: 6, name: 'second-session.mp4' });
    render(<App />);
    const user = userEvent.setup();
    await fillImport(user, clip, 'D02-S01');
    const job = await screen.findByRole('group', { name: 'Adding D02-S01' });
    await within(job).findByText('Done', undefined, { timeout: 20_000 });
    await waitFor(() => expect(row('D02-S01').textContent).toContain('Ready'));
    expect(within(row('D02-S01')).getAllByRole('cell')[0]!.textContent).toBe('0:06');
  });

  it('while a job runs the bar shows the stage, share and time left the core pushes, without asking again; Cancel asks the core to stop it', async () => {
    await studies.open();
    const running = (percent: number): JobStatus => ({ jobId: 'j1', kind: 'import', state: 'running', stage: 'hashing', percent, etaSeconds: 12 });
    let asked = 0;
    window.api = {
      ...window.api,
      'recordings.import': async () => ({ ok: true, value: { jobId: 'j1' } }),
      'jobs.status': async () => (asked++, { ok: true, value: running(0) }),
      'jobs.cancel': async ({ jobId }) => {
        expect(jobId).toBe('j1');
        const cancelled: JobStatus = { ...running(40), state: 'cancelled', error: { code: 'CANCELLED', message: 'Cancelled.' } };
        setTimeout(() => pushToPage('job.changed', cancelled));
        return { ok: true, value: running(40) };
      },
    };
    render(<App />);
    const user = userEvent.setup();
    await fillImport(user, '/data/big-session.mov', 'D03-S01');
    const job = await screen.findByRole('group', { name: 'Adding D03-S01' });
    const bar = await within(job).findByRole('progressbar', { name: 'Adding D03-S01: Checking the file' });
    await waitFor(() => expect(asked).toBe(1));
    pushToPage('job.changed', running(20));
    pushToPage('job.changed', { ...running(40), jobId: 'another job' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('20'));
    pushToPage('job.changed', running(40));
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('40'));
    expect(within(job).getByText('Checking the file · 40% · about 12 s left')).toBeTruthy();
    expect(asked).toBe(1);
    expect(screen.getByRole('button', { name: 'Adding…' })).toHaveProperty('disabled', true);
    await user.click(within(job).getByRole('button', { name: 'Cancel' }));
    await within(job).findByText('Cancelled');
    expect(within(job).queryByRole('progressbar')).toBeNull();
  });

  it('a file that cannot be added says why next to the form', async () => {
    await studies.open();
    render(<App />);
    await fillImport(userEvent.setup(), '/no/such/file.mp4', 'D04-S01');
    expect((await screen.findByRole('alert')).textContent).toMatch(/No file at \/no\/such\/file\.mp4/);
  });

  it('a recording in a format the player cannot read offers a playable copy; once made, the video, filmstrip and waveform appear', async () => {
    const clip = await makeClip(studies.tempDir(), { format: 'mpeg2-mpg', seconds: 4 });
    await studies.open({ segmentSeconds: 60, file: clip });
    goTo('coding');
    render(<App />);
    await screen.findByText(/is in a format the player cannot read/);
    expect(screen.queryByLabelText('Session recording')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Make a playable copy' }));
    const video = (await screen.findByLabelText('Session recording', undefined, { timeout: 30_000 })) as HTMLVideoElement;
    expect(video.getAttribute('src')).toBe(`media://recording/${RECORDING}`);
    expect(await screen.findByRole('list', { name: 'Pictures from this segment' })).toBeTruthy();
    expect(screen.queryByText('Waveform not prepared yet')).toBeNull();
  });

  it('a recording whose original has moved says so and offers to relink it; a wrong file is refused with the reason', async () => {
    await studies.open();
    const other = await makeTestVideo(studies.tempDir(), { seconds: 3, name: 'not-the-same.mp4' });
    goTo('coding');
    render(<App />);
    await screen.findByText(/is not where it was added/);
    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: `Relink ${RECORDING}` });
    await user.type(within(form).getByLabelText('New place of the original'), other);
    await user.click(within(form).getByRole('button', { name: 'Relink' }));
    const job = await screen.findByRole('group', { name: `Relinking ${RECORDING}` });
    expect((await within(job).findByRole('alert', undefined, { timeout: 20_000 })).textContent).toMatch(
      new RegExp(`not-the-same\\.mp4 is a different recording, not ${RECORDING}: its size is \\d+ bytes`),
    );
  });
});
