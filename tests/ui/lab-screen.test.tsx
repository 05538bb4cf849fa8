// The lead's Lab screen: coders with their fingerprints, assignments made from the app, and return packets
// inspected before anything changes, then imported — over the lab's own changes only when the lead confirms.

import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addMark } from '../../electron/core/coding/index.ts';
import { createIdentity, showIdentity } from '../../electron/core/lab/identity.ts';
import { openAssignment } from '../../electron/core/lab/open-assignment.ts';
import { makeReturn } from '../../electron/core/lab/return.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { App } from '../../src/App.tsx';
import { assignAndOpen, makeLab, type Lab } from '../helpers/lab.ts';
import { ACTOR, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy, unlockAs, type OpenStudy } from './support.ts';

const tempDir = useTempDir();
let open: OpenStudy | undefined;
let lab: Lab | undefined;

afterEach(async () => {
  cleanup();
  await closeTestStudy(open);
  open = undefined;
  for (const study of Object.values(lab?.work ?? {})) if (study.db.open) closeStudy(study);
  lab = undefined;
});

type User = ReturnType<typeof userEvent.setup>;

/** The lab of three studies; `before` runs on them first (packets exchanged, marks made), then the lead unlocks. */
async function leadOnLabScreen(before?: (lab: Lab) => Promise<void> | void): Promise<{ user: User; lab: Lab }> {
  lab = await makeLab(tempDir());
  await before?.(lab);
  open = await unlockAs(lab.lead, 'L01');
  const user = userEvent.setup();
  render(<App />);
  await user.click(await screen.findByRole('button', { name: 'Lab' }));
  await screen.findByRole('table');
  return { user, lab };
}

const coderRow = (code: string) => screen.getByRole('row', { name: new RegExp(`^${code}`) });
const cells = (code: string) =>
  within(coderRow(code))
    .getAllByRole('cell')
    .map((c) => c.textContent);

/** C01 codes two marks on their workstation and writes a return packet; the path of the packet. */
async function c01Returns(lab: Lab, out: string): Promise<string> {
  addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 5_000 }, 'C01');
  addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check-minus', timeMs: 20_000 }, 'C01');
  return (await makeReturn(lab.work.C01.db, { out }, 'C01')).path;
}

async function inspect(user: User, fields: { file?: string; folder?: string }) {
  const form = screen.getByRole('form', { name: 'Import return packets' });
  if (fields.file) await user.type(within(form).getByLabelText('Return packet'), fields.file);
  if (fields.folder) await user.type(within(form).getByLabelText('Or an inbox folder'), fields.folder);
  await user.click(within(form).getByRole('button', { name: 'Inspect' }));
  return screen.findByRole('region', { name: 'What the packets would change' });
}

describe('the Lab screen of a lead', () => {
  it('lists each coder with the fingerprint of their card, and nothing assigned or exchanged yet', async () => {
    const { lab } = await leadOnLabScreen();
    expect(screen.queryByRole('row', { name: /^L01/ })).toBeNull();
    for (const code of ['C01', 'C02'] as const) {
      const card = showIdentity(lab.work[code].db);
      expect(cells(code)).toEqual([card.fingerprint, 'none', 'none yet', 'none yet']);
    }
  });

  it('makes an assignment from the screen: written where the lead said, shown as sent, and the coder can open it', async () => {
    const { user, lab } = await leadOnLabScreen();
    const form = screen.getByRole('form', { name: 'Make an assignment' });
    await user.selectOptions(within(form).getByLabelText('Coder'), 'C02');
    await user.click(within(form).getByRole('checkbox', { name: 'D01-S02' }));
    const out = join(lab.dir, 'to-c02.age');
    await user.type(within(form).getByLabelText('Save the packet as'), out);
    await user.click(within(form).getByRole('button', { name: 'Make assignment' }));
    expect((await within(form).findByRole('status')).textContent).toBe(`Wrote assignment 1 for C02 (D01-S02) to ${out}. Only C02 can open it.`);
    expect(await screen.findByText('#1')).toBeTruthy();
    expect(cells('C02').slice(1, 3)).toEqual(['D01-S02 Not started', expect.stringMatching(/^#1 /)]);
    const opened = await openAssignment(lab.work.C02.db, readFileSync(out), 'C02');
    expect(opened.recordings.map((r) => r.code)).toEqual(['D01-S02']);
  });

  it('refuses an assignment to a path that already exists, and writes nothing', async () => {
    const { user, lab } = await leadOnLabScreen();
    const out = join(lab.dir, 'taken.age');
    writeFileSync(out, 'an earlier packet');
    const form = screen.getByRole('form', { name: 'Make an assignment' });
    await user.click(within(form).getByRole('checkbox', { name: 'D01-S01' }));
    await user.type(within(form).getByLabelText('Save the packet as'), out);
    await user.click(within(form).getByRole('button', { name: 'Make assignment' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/already exists/);
    expect(readFileSync(out, 'utf8')).toBe('an earlier packet');
    expect(cells('C01')[2]).toBe('none yet');
  });

  it('shows what a return packet would change before anything is applied, then imports it', async () => {
    let packet = '';
    const { user } = await leadOnLabScreen(async (lab) => {
      await assignAndOpen(lab, 'C01', ['D01-S01']);
      packet = await c01Returns(lab, lab.dir);
    });
    const preview = await inspect(user, { file: packet });
    expect(preview.textContent).toContain('return packet 1 from C01');
    expect(
      within(preview)
        .getByText(/2 marks added/)
        .closest('li')!.textContent,
    ).toBe('D01-S01: 2 marks added, 0 changed, 0 deleted; status not started → in progress');
    // Inspecting changed nothing.
    expect(cells('C01')[3]).toBe('none yet');
    await user.click(within(preview).getByRole('button', { name: 'Import' }));
    const imported = await screen.findByRole('region', { name: 'Imported' });
    expect(imported.textContent).toContain('Imported.');
    // The overview is read again once the import is done: the packet is #1 there too.
    await waitFor(() => expect(screen.getAllByText('#1')).toHaveLength(2));
    expect(cells('C01')[1]).toBe('D01-S01 In progress');
  });

  it('gives a bad packet in an inbox folder its one refusal line, and still offers the good one', async () => {
    let inbox = '';
    const { user } = await leadOnLabScreen(async (lab) => {
      await assignAndOpen(lab, 'C01', ['D01-S01']);
      inbox = join(lab.dir, 'inbox');
      mkdirSync(inbox);
      await c01Returns(lab, inbox);
      writeFileSync(join(inbox, 'a-broken.age'), 'not a packet at all');
    });
    const preview = await inspect(user, { folder: inbox });
    const refusal = within(preview).getByRole('alert');
    expect(refusal.closest('li')!.textContent).toMatch(/^a-broken\.age: /);
    expect(refusal.textContent).toMatch(/Nothing was changed|not a packet|refused/i);
    expect(preview.textContent).toContain('return packet 1 from C01');
    expect(within(preview).getByRole('button', { name: 'Import' })).toBeTruthy();
  });

  it('asks before a packet replaces a coding the lab changed since the last exchange, and applies it only when confirmed', async () => {
    let packet = '';
    const { user } = await leadOnLabScreen(async (lab) => {
      await assignAndOpen(lab, 'C01', ['D01-S01']);
      packet = await c01Returns(lab, lab.dir);
      // The lab changes C01's coding after the assignment went out.
      addMark(lab.lead.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 40_000 }, ACTOR);
    });
    const preview = await inspect(user, { file: packet });
    expect(within(preview).getByText(/the lab changed this coding since the last exchange/)).toBeTruthy();
    expect(within(preview).queryByRole('button', { name: 'Import' })).toBeNull();
    const warning = within(preview).getByRole('group', { name: 'The lab changed a coding' });
    expect(warning.textContent).toContain("The lab changed C01's D01-S01 since the last exchange");
    await user.click(within(warning).getByRole('button', { name: /Import, taking the coder's coding/ }));
    await user.click(within(warning).getByRole('button', { name: 'Cancel' }));
    expect(cells('C01')[3]).toBe('none yet');
    await user.click(within(warning).getByRole('button', { name: /Import, taking the coder's coding/ }));
    await user.click(within(warning).getByRole('button', { name: "Yes, replace the lab's changes" }));
    expect((await screen.findByRole('region', { name: 'Imported' })).textContent).toContain('Imported.');
    // The overview is read again once the import is done.
    await waitFor(() => expect(cells('C01')[3]).toMatch(/^#1 /));
  });

  it('registers a coder by their pasted card and shows the fingerprint to compare', async () => {
    const { user, lab } = await leadOnLabScreen();
    const work = makeStudy(lab.dir, 300, 'C03.3rs');
    const id = await createIdentity(work.db, { code: 'C03', name: 'Cyra Coderson', role: 'coder' }, 'C03');
    closeStudy(work);
    const form = screen.getByRole('form', { name: 'Register a coder by their card' });
    await user.type(within(form).getByLabelText('Coder code'), 'C03');
    await user.click(within(form).getByLabelText('Identity card'));
    await user.paste(id.card);
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('status')).textContent).toContain(`Registered C03 (Cyra Coderson). Fingerprint: ${id.fingerprint}.`);
    expect(await screen.findByRole('row', { name: /^C03 Cyra Coderson/ })).toBeTruthy();
    expect(cells('C03')[0]).toBe(id.fingerprint);
  });

  it('registers a card from its file, and refuses a second card for a coder unless replacing is chosen', async () => {
    const { user, lab } = await leadOnLabScreen();
    const work = makeStudy(lab.dir, 300, 'C01-new.3rs');
    const fresh = await createIdentity(work.db, { code: 'C01', name: 'Annika Coderson', role: 'coder' }, 'C01');
    closeStudy(work);
    const file = join(lab.dir, 'c01-card.txt');
    writeFileSync(file, `${fresh.card}\n`);
    const form = screen.getByRole('form', { name: 'Register a coder by their card' });
    await user.type(within(form).getByLabelText('Coder code'), 'C01');
    await user.type(within(form).getByLabelText("Or the card's file"), file);
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/already a coder of this study.*Replace their card/);
    expect(cells('C01')[0]).not.toBe(fresh.fingerprint);
    await user.click(within(form).getByRole('checkbox', { name: /Replace their card/ }));
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('status')).textContent).toContain(
      `Replaced the card of C01 (Annika Coderson). Fingerprint: ${fresh.fingerprint}.`,
    );
    expect(await screen.findByText(fresh.fingerprint, { selector: 'td' })).toBeTruthy();
    expect(existsSync(file)).toBe(true);
  });
});

describe('the Lab is a lead’s', () => {
  it('is not offered to a coder, and its channel refuses one', async () => {
    lab = await makeLab(tempDir());
    addTestCoder(lab.lead, 'C09');
    open = await unlockAs(lab.lead, 'C09');
    render(<App />);
    await screen.findByRole('region', { name: 'Recordings' });
    expect(screen.queryByRole('button', { name: 'Lab' })).toBeNull();
    const answer = await window.api['lab.overview']({});
    expect(answer.ok ? 'answered' : answer.error.code).toBe('FORBIDDEN');
  });
});
