// files.choose in the desktop app: which native dialog each kind of path gets, and that only the chosen path
// (or null when cancelled) goes back, run against a stand-in for Electron's dialog module.

import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { PATH_KINDS } from '../../electron/core/io/user-path.ts';
import { chooseFile, dialogFor } from '../../electron/main/file-dialogs.ts';

const win = {} as BrowserWindow;

function dialog(answer: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  return {
    showOpenDialog: vi.fn(async () => ({ canceled: answer.canceled, filePaths: answer.filePaths ?? [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: answer.canceled, filePath: answer.filePath ?? '' })),
  };
}

describe('the native dialogs behind Browse…', () => {
  it('open a file for a study, a recording, a packet or an identity card, a folder for an export, and save for a new study or packet', () => {
    const shape = Object.fromEntries(
      PATH_KINDS.map((kind) => {
        const spec = dialogFor(kind);
        return [kind, spec.save ? 'save' : (spec.options.properties ?? []).includes('openDirectory') ? 'folder' : 'file'];
      }),
    );
    expect(shape).toEqual({
      study: 'file',
      'new-study': 'save',
      recording: 'file',
      folder: 'folder',
      packet: 'file',
      'new-packet': 'save',
      card: 'file',
    });
    expect(dialogFor('study').options.filters).toEqual([{ name: '3RS study', extensions: ['3rs'] }]);
  });

  it('answer only the chosen path, over the window that asked', async () => {
    const open = dialog({ canceled: false, filePaths: ['/data/d01.mp4'] });
    expect(await chooseFile(open, win, 'recording')).toBe('/data/d01.mp4');
    expect(open.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: ['openFile'] }));
    const save = dialog({ canceled: false, filePath: '/home/ana/new.3rs' });
    expect(await chooseFile(save, win, 'new-study')).toBe('/home/ana/new.3rs');
    expect(save.showSaveDialog).toHaveBeenCalledWith(win, expect.objectContaining({ title: 'Create a study' }));
  });

  it('answer null when the dialog was cancelled', async () => {
    expect(await chooseFile(dialog({ canceled: true, filePaths: ['/ignored'] }), win, 'study')).toBeNull();
    expect(await chooseFile(dialog({ canceled: true, filePath: '/ignored' }), win, 'new-packet')).toBeNull();
  });
});
