// The Security panel shows the identity of the person who uses the study, for comparing in person.

import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { createIdentity } from '../../electron/core/lab/identity.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { App } from '../../src/App.tsx';
import { useStudy } from '../../src/state/study.ts';
import { ACTOR, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy } from './support.ts';

const tempDir = useTempDir();
let handlers: ApiHandlers | undefined;

afterEach(async () => {
  cleanup();
  await closeTestStudy(undefined);
  await handlers?.['study.close']({});
  handlers = undefined;
});

async function unlockedWith(identity: boolean) {
  const study = makeStudy(tempDir());
  const id = identity
    ? await createIdentity(study.db, { code: 'C01', name: 'Annika Coderson', role: 'coder' }, ACTOR)
    : (addTestCoder(study, 'C01'), null);
  closeStudy(study);
  handlers = createApiHandlers();
  window.api = handlers;
  expect(await useStudy.getState().openStudy({ path: study.path, passphrase: PASSPHRASE })).toBe(true);
  expect(await useStudy.getState().selectCoder('C01')).toBe(true);
  const user = userEvent.setup();
  render(<App />);
  await user.click(screen.getByRole('button', { name: 'Security' }));
  const heading = await screen.findByRole('heading', { name: 'Your identity for lab packets' });
  return { id, section: heading.closest('section')! };
}

describe('the identity card on the Security panel', () => {
  it('shows the code, name, fingerprint, the card line and a QR code drawn without an image URL', async () => {
    const { id, section } = await unlockedWith(true);
    const card = within(section);
    expect(await card.findByText(id!.fingerprint)).toBeTruthy();
    expect(card.getByText('C01 (Annika Coderson)')).toBeTruthy();
    expect(card.getByText(id!.card)).toBeTruthy();
    const qr = card.getByRole('img', { name: 'QR code of the identity card of C01' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(1000);
    expect(section.querySelector('img')).toBeNull();
  });

  it('says how to make one when the study has none', async () => {
    const { section } = await unlockedWith(false);
    expect(await within(section).findByText(/has no identity/)).toBeTruthy();
  });
});
