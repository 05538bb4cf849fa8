// The Security panel: what protects the study, as the real core reports it for the open study.

import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers, sessionOf, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { App } from '../../src/App.tsx';
import { usePrefs } from '../../src/state/prefs.ts';
import { useStudy } from '../../src/state/study.ts';
import { useUi } from '../../src/state/ui.ts';
import { addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy } from './support.ts';

const tempDir = useTempDir();
let handlers: ApiHandlers | undefined;

afterEach(async () => {
  cleanup();
  await closeTestStudy(undefined);
  await handlers?.['study.close']({});
  handlers = undefined;
  usePrefs.setState({ idleMinutes: 15 });
});

/** A study unlocked as C01 through real handlers whose host reports `blocked` stopped requests. */
async function unlocked(blocked = 0): Promise<ApiHandlers> {
  const study = makeStudy(tempDir());
  addTestCoder(study, 'C01');
  closeStudy(study);
  handlers = createApiHandlers({ blockedRequests: () => blocked });
  window.api = handlers;
  expect(await useStudy.getState().openStudy({ path: study.path, passphrase: PASSPHRASE })).toBe(true);
  expect(await useStudy.getState().selectCoder('C01')).toBe(true);
  return handlers;
}

async function openPanel() {
  const user = userEvent.setup();
  render(<App />);
  await user.click(screen.getByRole('button', { name: 'Security' }));
  await screen.findByRole('heading', { name: 'Encryption' });
  return user;
}

const section = (name: string) => screen.getByRole('heading', { name }).closest('section')!;

describe('the Security panel', () => {
  it('names the study’s cipher and key derivation and the media file’s cipher, read from the open study', async () => {
    await unlocked();
    await openPanel();
    const encryption = section('Encryption');
    expect(within(encryption).getByText('SQLCipher 4: AES-256-CBC, every page checked with HMAC-SHA512')).toBeTruthy();
    expect(within(encryption).getByText('PBKDF2-HMAC-SHA512, 256,000 iterations')).toBeTruthy();
    expect(within(encryption).getByText(/^AEGIS-256, random 256-bit key kept inside the encrypted study/)).toBeTruthy();
  });

  it('says no request left the computer, or how many were stopped', async () => {
    await unlocked(0);
    await openPanel();
    expect(within(section('Network')).getByRole('status').textContent).toMatch(/^No request to leave this computer/);
    cleanup();
    await closeTestStudy(undefined);
    await handlers!['study.close']({});
    await unlocked(2);
    await openPanel();
    expect(within(section('Network')).getByRole('status').textContent).toMatch(/^2 requests to leave this computer were stopped/);
  });

  it('says the audit trail is intact, and where it breaks once someone edits the file outside the app', async () => {
    const core = await unlocked();
    const user = await openPanel();
    expect(within(section('Audit trail')).getByRole('status').textContent).toMatch(/^Intact: all \d+ entries/);
    sessionOf(core)!.study().db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 1");
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect((await within(section('Audit trail')).findByRole('alert')).textContent).toMatch(/^Broken at entry 1: entry 1 was altered/);
  });

  it('shows the idle minutes chosen in settings and that the computer’s own lock locks the study', async () => {
    usePrefs.setState({ idleMinutes: 7 });
    await unlocked();
    await openPanel();
    const locking = section('Locking');
    expect(within(locking).getByText('7 minutes (change it in Settings)')).toBeTruthy();
    expect(within(locking).getByText('locks its screen or goes to sleep')).toBeTruthy();
  });

  it('goes back to the screen it was opened from', async () => {
    await unlocked();
    useUi.getState().openSettings();
    const user = await openPanel();
    expect(useUi.getState().screen).toBe('security');
    await user.click(screen.getByRole('button', { name: '← Back' }));
    expect(useUi.getState().screen).toBe('settings');
  });
});
