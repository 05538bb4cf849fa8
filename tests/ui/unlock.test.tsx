import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHandlers, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { importMarks } from '../../electron/core/coding/index.ts';
import { startConsensus } from '../../electron/core/consensus/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { App } from '../../src/App.tsx';
import { useStudy } from '../../src/state/study.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { WEAK_PASSPHRASES } from '../helpers/weak-passphrases.ts';

const tempDir = useTempDir();
let handlers: ApiHandlers;

beforeEach(() => {
  // The real core behind the same contract the preload exposes; only the IPC hop is missing.
  handlers = createApiHandlers();
  window.api = handlers;
});

afterEach(async () => {
  cleanup();
  await useStudy.getState().lock();
  await handlers['study.close']({});
});

type User = ReturnType<typeof userEvent.setup>;

async function createThroughForm(user: User, path: string, passphrase = PASSPHRASE, confirm = passphrase, role?: 'Lead' | 'Coder') {
  await user.click(screen.getByRole('button', { name: 'Create a study' }));
  const form = screen.getByRole('form', { name: 'Create a study' });
  await user.type(within(form).getByLabelText('New study file'), path);
  await user.type(within(form).getByLabelText('Passphrase'), passphrase);
  await user.type(within(form).getByLabelText('Confirm passphrase'), confirm);
  const seconds = within(form).getByLabelText('Segment length (seconds)');
  await user.clear(seconds);
  await user.type(seconds, '120');
  await user.type(within(form).getByLabelText('Your coder code'), 'C01');
  await user.type(within(form).getByLabelText('Your name'), 'Ada Lovelace');
  if (role) await user.click(within(form).getByRole('radio', { name: new RegExp(`^${role}`) }));
  await user.click(within(form).getByRole('button', { name: 'Create study' }));
}

async function openThroughForm(user: User, path: string, passphrase: string) {
  const form = screen.getByRole('form', { name: 'Open a study' });
  const file = within(form).getByLabelText('Study file');
  await user.clear(file);
  await user.type(file, path);
  const secret = within(form).getByLabelText('Passphrase');
  await user.clear(secret);
  await user.type(secret, passphrase);
  await user.click(within(form).getByRole('button', { name: 'Unlock' }));
}

describe('unlocking and creating a study', () => {
  it('a study created through the form is encrypted on disk, locks, refuses a wrong passphrase and reopens for a chosen coder', async () => {
    const user = userEvent.setup();
    const path = join(tempDir(), 'alliance.3rs');
    render(<App />);

    await createThroughForm(user, path);
    // Its creator is its lead (the default for a new study).
    expect((await screen.findByText(/Coding as/)).closest('p')).toHaveProperty('textContent', 'Coding as C01 Ada Lovelacelead');
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('button', { name: 'Open a study' })).toBeTruthy();
    // Of the study, only its path stays (to unlock it again): no coder, recording or count.
    expect(screen.queryByText(/Ada Lovelace|C01/)).toBeNull();
    expect(within(screen.getByRole('form', { name: 'Open a study' })).getByLabelText('Study file')).toHaveProperty('value', path);
    expect(useStudy.getState()).toMatchObject({ status: 'locked', info: null, coders: [], recordings: [], coder: null, scheme: null });

    // Add a recording behind the app's back, as the import would, to see real rows on the home screen.
    const study = openStudy(path, PASSPHRASE);
    addFakeRecording(study, 'D014-S05', 12 * 60_000 + 30_000);
    closeStudy(study);

    await openThroughForm(user, path, 'not the passphrase');
    expect((await screen.findByRole('alert')).textContent).toMatch(/a wrong passphrase or a damaged first page/);

    await openThroughForm(user, path, PASSPHRASE);
    await user.click(await screen.findByRole('button', { name: /C01 Ada Lovelace/ }));

    const summary = await screen.findByRole('region', { name: 'Study' });
    expect(within(summary).getByText('120 s (2 min)')).toBeTruthy();
    expect(within(summary).getByText(/3rs-2015/)).toBeTruthy();
    const recordings = screen.getByRole('region', { name: 'Recordings' });
    const row = within(recordings).getByRole('row', { name: /D014-S05/ });
    // A lead also sees the other coders' codings (none yet).
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['12:30', '7', 'File missing', 'Not started', '0/7', '—', 'Open']);
    const coders = screen.getByRole('region', { name: 'Coders' });
    expect(within(coders).getByRole('row', { name: /C01/ }).textContent).toContain('Ada Lovelace');
  });

  it('whoever creates a study is its lead unless they choose otherwise, and a lead adds coders and further leads', async () => {
    const user = userEvent.setup();
    render(<App />);
    await createThroughForm(user, join(tempDir(), 'team.3rs'));
    const coders = await screen.findByRole('region', { name: 'Coders' });
    expect(within(coders).getByRole('row', { name: /C01/ }).textContent).toContain('lead');
    const form = screen.getByRole('form', { name: 'Add a coder' });
    await user.type(within(form).getByLabelText('Code'), 'C02');
    await user.type(within(form).getByLabelText('Name'), 'Bea');
    await user.click(within(form).getByRole('button', { name: 'Add coder' }));
    expect((await within(coders).findByRole('row', { name: /C02/ })).textContent).toContain('coder');
    const facts = within(screen.getByRole('region', { name: 'Study' }));
    expect(facts.getByText('Coders').nextElementSibling?.textContent).toBe('2');
    // A lead may make another lead.
    await user.type(within(form).getByLabelText('Code'), 'L02');
    await user.type(within(form).getByLabelText('Name'), 'Cleo');
    await user.selectOptions(within(form).getByLabelText('Role'), 'lead');
    await user.click(within(form).getByRole('button', { name: 'Add coder' }));
    expect((await within(coders).findByRole('row', { name: /L02/ })).textContent).toContain('lead');
  });

  it('a coder who creates their own workstation study chooses the role coder, and the study has no lead yet', async () => {
    const user = userEvent.setup();
    render(<App />);
    await createThroughForm(user, join(tempDir(), 'workstation.3rs'), PASSPHRASE, PASSPHRASE, 'Coder');
    expect((await screen.findByText(/Coding as/)).closest('p')).toHaveProperty('textContent', 'Coding as C01 Ada Lovelace');
    expect(useStudy.getState().coder?.role).toBe('coder');
    expect(useStudy.getState().coders.some((c) => c.role === 'lead')).toBe(false);
  });

  it('a too-short passphrase is refused with the minimum length, and no file is made', async () => {
    const user = userEvent.setup();
    const path = join(tempDir(), 'short.3rs');
    render(<App />);
    await createThroughForm(user, path, 'short');
    expect((await screen.findByRole('alert')).textContent).toMatch(/at least 10 characters/);
    expect(existsSync(path)).toBe(false);
  });

  it('a passphrase that is long enough but easy to guess is refused with the reason and a suggestion, and no file is made', async () => {
    const user = userEvent.setup();
    const path = join(tempDir(), 'guessable.3rs');
    render(<App />);
    await createThroughForm(user, path, WEAK_PASSPHRASES[1]);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /too easy to guess: it is a commonly used password\. A short sentence of four or more words/,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('two different passphrases are caught before anything is created', async () => {
    const user = userEvent.setup();
    const path = join(tempDir(), 'typo.3rs');
    render(<App />);
    await createThroughForm(user, path, PASSPHRASE, `${PASSPHRASE}!`);
    expect((await screen.findByRole('alert')).textContent).toMatch(/passphrases are different/);
    expect(existsSync(path)).toBe(false);
  });

  it('the unlock button shows progress and cannot be pressed twice while the key is derived', async () => {
    const user = userEvent.setup();
    const path = join(tempDir(), 'slow.3rs');
    await handlers['study.create']({ path, passphrase: PASSPHRASE, coder: { code: 'C01', name: 'Ada' } });
    await handlers['study.close']({});
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    window.api = { ...handlers, 'study.open': async (input) => (await gate, handlers['study.open'](input)) };
    render(<App />);
    await openThroughForm(user, path, PASSPHRASE);
    const button = screen.getByRole('button', { name: /Unlocking/ });
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    release();
    expect(await screen.findByRole('heading', { name: 'Who is coding?' })).toBeTruthy();
  });

  it('a consensus coder cannot be chosen at unlock: the picker lists only the people who code', async () => {
    const user = userEvent.setup();
    const study = makeStudy(tempDir());
    addFakeRecording(study, 'D01-S01', 600_000);
    addTestCoder(study, 'C01');
    addTestCoder(study, 'L01', 'lead');
    importMarks(study.db, 'D01-S01', 'C01', [{ code: 'W1', clarity: 'check', timeMs: 10_000 }], 'C01');
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    closeStudy(study);
    render(<App />);
    await openThroughForm(user, study.path, PASSPHRASE);
    await screen.findByRole('heading', { name: 'Who is coding?' });
    const choices = within(screen.getByRole('list'))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(choices).toEqual(['C01 Coder C01', 'L01 Coder L01lead']);
    expect(screen.queryByRole('button', { name: /CONSENSUS/ })).toBeNull();
  });

  it.each(['Open a study', 'Create a study'])('in "%s", passphrase fields hide what is typed and every input has a label', async (mode) => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('button', { name: mode }));
    const passphrases = screen.getAllByLabelText(/passphrase/i) as HTMLInputElement[];
    expect(passphrases.length).toBe(mode === 'Open a study' ? 1 : 2);
    for (const field of passphrases) expect(field.type).toBe('password');
    const inputs = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
    expect(inputs.length).toBeGreaterThan(1);
    for (const input of inputs) expect(input.labels?.length, input.outerHTML).toBe(1);
  });
});
