// A coder's workstation in the app: open the assignment the lead sent, locate the videos by content from a
// folder (with progress), and send the codings back, told where the file went.

import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAssignment } from '../../electron/core/lab/assign.ts';
import { showIdentity } from '../../electron/core/lab/identity.ts';
import { inspectReturn } from '../../electron/core/lab/import-return.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { App } from '../../src/App.tsx';
import { makeLab, type Lab } from '../helpers/lab.ts';
import { ACTOR, addTestCoder } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { makeTestVideo } from '../helpers/video.ts';
import { closeTestStudy, unlockAs, type OpenStudy } from './support.ts';

const tempDir = useTempDir();
let open: OpenStudy | undefined;
let lab: Lab | undefined;

afterEach(async () => {
  cleanup();
  await closeTestStudy(open);
  open = undefined;
  for (const study of [lab?.lead, ...Object.values(lab?.work ?? {})]) if (study?.db.open) closeStudy(study);
  lab = undefined;
});

const workCard = () => screen.findByRole('region', { name: 'Your lab work' });

describe("a coder's lab work on their workstation", () => {
  it('opens the assignment, links the video found by content in a folder, and sends the codings back', async () => {
    lab = await makeLab(tempDir());
    // A real video at the lead's, and the same content under another name on the coder's drive.
    const leadVideos = join(lab.dir, 'lead-videos');
    const coderVideos = join(lab.dir, 'coder-drive', 'sessions');
    mkdirSync(leadVideos);
    mkdirSync(coderVideos, { recursive: true });
    await addRecording(lab.lead.db, { videoPath: await makeTestVideo(leadVideos, { seconds: 2 }), code: 'D02-S01' }, ACTOR);
    await makeTestVideo(coderVideos, { seconds: 2, name: 'tuesday-session.mp4' });
    const assignment = await makeAssignment(lab.lead.db, { coder: 'C01', recordings: ['D01-S01', 'D02-S01'], out: lab.dir }, ACTOR);
    const leadFingerprint = showIdentity(lab.lead.db).fingerprint;

    open = await unlockAs(lab.work.C01, 'C01');
    const user = userEvent.setup();
    render(<App />);
    const card = await workCard();

    const opening = within(card).getByRole('form', { name: 'Open assignment' });
    await user.type(within(opening).getByLabelText('Assignment packet'), assignment.path);
    await user.click(within(opening).getByRole('button', { name: 'Open assignment' }));
    const opened = await within(opening).findByRole('status');
    expect(opened.textContent).toContain('Opened assignment 1 from L01.');
    expect(opened.textContent).toContain(`Your lead's fingerprint: ${leadFingerprint}.`);
    expect(opened.textContent).toContain('D02-S01: video not linked yet; not coded yet');
    // The assigned recordings are the workstation's now.
    expect(await screen.findByRole('rowheader', { name: 'D02-S01' })).toBeTruthy();

    const locating = within(card).getByRole('form', { name: 'Locate videos' });
    await user.type(within(locating).getByLabelText('Folder with the videos'), join(lab.dir, 'coder-drive'));
    await user.click(within(locating).getByRole('button', { name: 'Locate videos…' }));
    expect(within(locating).getByRole('group', { name: 'Looking for the videos' })).toBeTruthy();
    const located = await within(locating).findByRole('status', {}, { timeout: 15_000 });
    expect(located.textContent).toBe('Linked 1 (D02-S01). Not found in that folder: D01-S01.');

    const sending = within(card).getByRole('form', { name: 'Send codings back' });
    const outbox = join(lab.dir, 'outbox');
    mkdirSync(outbox);
    await user.type(within(sending).getByLabelText('Save the return packet as'), outbox);
    await user.click(within(sending).getByRole('button', { name: 'Send codings back' }));
    const sent = await within(sending).findByRole('status');
    const path = join(outbox, 'C01-return-1.age');
    expect(sent.textContent).toBe(`Wrote return packet 1 (D01-S01, D02-S01) to ${path}. Only your lead can open it: send them this file.`);
    const review = await inspectReturn(lab.lead.db, readFileSync(path));
    expect([review.coder, review.sequence, review.recordings.map((r) => r.recording)]).toEqual(['C01', 1, ['D01-S01', 'D02-S01']]);
  });

  it('says why an assignment is refused and changes nothing', async () => {
    lab = await makeLab(tempDir());
    // An assignment for C02, carried to C01's workstation by mistake.
    const forC02 = await makeAssignment(lab.lead.db, { coder: 'C02', recordings: ['D01-S01'], out: lab.dir }, ACTOR);
    open = await unlockAs(lab.work.C01, 'C01');
    const user = userEvent.setup();
    render(<App />);
    const opening = within(await workCard()).getByRole('form', { name: 'Open assignment' });
    await user.type(within(opening).getByLabelText('Assignment packet'), forC02.path);
    await user.click(within(opening).getByRole('button', { name: 'Open assignment' }));
    expect((await within(opening).findByRole('alert')).textContent).toMatch(/not addressed to|another|refused|cannot be opened/i);
    expect(screen.queryByRole('rowheader', { name: 'D01-S01' })).toBeNull();
  });

  it('is not shown to a coder in a study that holds someone else’s identity (the lab study, the lead’s)', async () => {
    lab = await makeLab(tempDir());
    addTestCoder(lab.lead, 'C05');
    open = await unlockAs(lab.lead, 'C05');
    render(<App />);
    await screen.findByRole('region', { name: 'Recordings' });
    // The identity call answers before the card would show; give it that moment.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('region', { name: 'Your lab work' })).toBeNull();
  });
});
