// Native file dialogs for the files.choose channel: which dialog each kind of path gets, as data, and the one
// call that shows it. Only the chosen path goes back to the page (never a file's content or a folder listing).

import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { PathKind } from '../core/io/user-path.ts';

/** What Chromium plays and what ffmpeg makes playable: the usual recorders' files. "All files" stays offered. */
const RECORDING_EXTENSIONS = [
  'mp4',
  'm4v',
  'mov',
  'webm',
  'mkv',
  'avi',
  'mpg',
  'mpeg',
  'mts',
  'm2ts',
  'ts',
  'wmv',
  'flv',
  '3gp',
  'mp3',
  'm4a',
  'wav',
  'ogg',
  'opus',
  'flac',
  'aac',
];
const ALL_FILES = { name: 'All files', extensions: ['*'] };

export type DialogSpec = { save: false; options: OpenDialogOptions } | { save: true; options: SaveDialogOptions };

export function dialogFor(kind: PathKind): DialogSpec {
  const study = [{ name: '3RS study', extensions: ['3rs'] }];
  switch (kind) {
    case 'study':
      return { save: false, options: { title: 'Open a study', properties: ['openFile'], filters: study } };
    case 'new-study':
      return {
        save: true,
        options: { title: 'Create a study', buttonLabel: 'Create', filters: study, properties: ['createDirectory', 'showOverwriteConfirmation'] },
      };
    case 'recording':
      return {
        save: false,
        options: {
          title: 'Choose the recording',
          properties: ['openFile'],
          filters: [{ name: 'Video and audio', extensions: RECORDING_EXTENSIONS }, ALL_FILES],
        },
      };
    case 'folder':
      return { save: false, options: { title: 'Choose a folder', properties: ['openDirectory', 'createDirectory'] } };
    case 'packet':
      return {
        save: false,
        options: { title: 'Choose the packet', properties: ['openFile'], filters: [{ name: '3RS packet', extensions: ['age'] }, ALL_FILES] },
      };
    case 'card':
      return {
        save: false,
        options: {
          title: "Choose the coder's identity card",
          properties: ['openFile'],
          filters: [{ name: 'Identity card', extensions: ['txt'] }, ALL_FILES],
        },
      };
    case 'new-packet':
      return {
        save: true,
        options: {
          title: 'Save the packet',
          filters: [{ name: '3RS packet', extensions: ['age'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      };
  }
}

/** Shows the dialog for `kind` over `win`; the chosen path, or null when the user cancelled. */
export async function chooseFile(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  win: BrowserWindow,
  kind: PathKind,
): Promise<string | null> {
  const spec = dialogFor(kind);
  if (spec.save) {
    const saved = await dialog.showSaveDialog(win, spec.options);
    return saved.canceled || !saved.filePath ? null : saved.filePath;
  }
  const opened = await dialog.showOpenDialog(win, spec.options);
  return opened.canceled ? null : (opened.filePaths[0] ?? null);
}
