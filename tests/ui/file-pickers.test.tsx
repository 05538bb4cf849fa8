// Files chosen, not typed: a Browse… button beside each path field where the host has file dialogs (the desktop
// app gives the core a chooser; the browser harness and bare handlers do not), a video dropped on the add-recording
// form, and the recent studies on the unlock screen.

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PathKind } from '../../electron/core/api/contract.ts';
import { createApiHandlers, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { App } from '../../src/App.tsx';
import { forgetFileDialogs } from '../../src/hooks/useFileDialogs.ts';
import { useLock } from '../../src/state/lock.ts';
import { useStudy } from '../../src/state/study.ts';
import { useUi } from '../../src/state/ui.ts';
import { addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
let handlers: ApiHandlers | undefined;

afterEach(async () => {
  cleanup();
  await useStudy.getState().lock();
  await handlers?.['study.close']({});
  handlers = undefined;
  forgetFileDialogs();
  useLock.setState({ reason: null, place: null, recent: [] });
  localStorage.clear();
});

/** The host's dialog as the main process gives it to the core: answers `chosen` (null: cancelled) and notes the kinds asked. */
function desktopHost(chosen: (kind: PathKind) => string | null) {
  const asked: PathKind[] = [];
  handlers = createApiHandlers({ chooseFile: async (kind) => (asked.push(kind), chosen(kind)) });
  window.api = handlers;
  return asked;
}

/** A study with lead L01, unlocked through the store. */
async function unlockedAsLead(): Promise<string> {
  const study = makeStudy(tempDir(), 120);
  addTestCoder(study, 'L01', 'lead');
  closeStudy(study);
  expect(await useStudy.getState().openStudy({ path: study.path, passphrase: PASSPHRASE })).toBe(true);
  expect(await useStudy.getState().selectCoder('L01')).toBe(true);
  return study.path;
}

describe('Browse… buttons', () => {
  it('are not offered where the host has no file dialogs (the browser): paths are typed', async () => {
    handlers = createApiHandlers();
    window.api = handlers;
    render(<App />);
    expect(await screen.findByLabelText('Study file')).toBeTruthy();
    // Give the one question about dialogs its answer, then look.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('button', { name: 'Browse…' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create a study' }));
    expect(screen.queryByRole('button', { name: 'Browse…' })).toBeNull();
  });

  it('fill the study file from the dialog, opening an existing study or naming a new one', async () => {
    const asked = desktopHost((kind) => (kind === 'study' ? '/home/ana/studies/alliance.3rs' : '/home/ana/studies/new.3rs'));
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Browse…', description: 'Study file' }));
    expect(await screen.findByDisplayValue('/home/ana/studies/alliance.3rs')).toBe(screen.getByLabelText('Study file'));
    await user.click(screen.getByRole('button', { name: 'Create a study' }));
    await user.click(await screen.findByRole('button', { name: 'Browse…', description: 'New study file' }));
    expect(await screen.findByDisplayValue('/home/ana/studies/new.3rs')).toBe(screen.getByLabelText('New study file'));
    expect(asked).toEqual(['study', 'new-study']);
  });

  it('leave the field as it was when the dialog is cancelled', async () => {
    desktopHost(() => null);
    const user = userEvent.setup();
    render(<App />);
    const field = await screen.findByLabelText('Study file');
    await user.type(field, '~/typed.3rs');
    await user.click(await screen.findByRole('button', { name: 'Browse…', description: 'Study file' }));
    expect(field).toHaveProperty('value', '~/typed.3rs');
  });

  it('choose the recording to add, and the export folders, each with its own kind of dialog', async () => {
    const asked = desktopHost((kind) => (kind === 'recording' ? '/data/sessions/d01-s01.mp4' : '/home/ana/exports'));
    await unlockedAsLead();
    const user = userEvent.setup();
    render(<App />);
    const form = await screen.findByRole('form', { name: 'Add a recording' });
    await user.click(await within(form).findByRole('button', { name: 'Browse…', description: 'Video or audio file' }));
    expect(await within(form).findByDisplayValue('/data/sessions/d01-s01.mp4')).toBe(within(form).getByLabelText('Video or audio file'));

    useUi.getState().show('export');
    const exportForm = await screen.findByRole('form', { name: 'Export the study' });
    await user.click(await within(exportForm).findByRole('button', { name: 'Browse…', description: 'Folder' }));
    expect(within(exportForm).getByLabelText('Folder')).toHaveProperty('value', '/home/ana/exports');
    // Finding a field by its label finds the field alone, never its button.
    expect(within(exportForm).getAllByLabelText('Folder', { exact: false })).toHaveLength(1);
    expect(asked).toEqual(['recording', 'folder']);
  });
});

describe('a video dropped on the add-recording form', () => {
  it('fills the file field with its path, as the desktop app tells it', async () => {
    handlers = createApiHandlers();
    window.api = { ...handlers, pathForFile: (file: File) => `/data/sessions/${file.name}` };
    await unlockedAsLead();
    render(<App />);
    const form = await screen.findByRole('form', { name: 'Add a recording' });
    const file = new File(['x'], 'd02-s03.mp4', { type: 'video/mp4' });
    fireEvent.drop(form, { dataTransfer: { files: [file], types: ['Files'] } });
    expect(within(form).getByLabelText('Video or audio file')).toHaveProperty('value', '/data/sessions/d02-s03.mp4');
  });
});

describe('recent studies on the unlock screen', () => {
  it('lists the studies unlocked here, the last first, and one click fills the study file', async () => {
    handlers = createApiHandlers();
    window.api = handlers;
    const first = await unlockedAsLead();
    await useStudy.getState().lock();
    const second = await unlockedAsLead();
    await useStudy.getState().lock();
    const user = userEvent.setup();
    render(<App />);
    const recent = screen.getByRole('navigation', { name: 'Recent studies' });
    expect(
      within(recent)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([second, first]);
    expect(screen.getByLabelText('Study file')).toHaveProperty('value', second);
    await user.click(within(recent).getByRole('button', { name: first }));
    expect(screen.getByLabelText('Study file')).toHaveProperty('value', first);
    expect(document.activeElement).toBe(screen.getByLabelText('Passphrase'));
  });
});
