import { useEffect, useState, type DragEvent } from 'react';
import type { PathKind } from '../../electron/core/api/contract.ts';
import { api, call } from '../api.ts';

// Whether the host has native file dialogs does not change while the page lives: asked once.
let known: Promise<boolean> | undefined;

/** Forgets the host's answer (a test binds another window.api). */
export function forgetFileDialogs(): void {
  known = undefined;
}

/** Whether a Browse… button can open the host's file dialog (Electron: yes; the browser harness: no). */
export function useFileDialogs(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let current = true;
    known ??= call('files.canChoose', {}).then((answer) => answer.ok && answer.value);
    void known.then((value) => {
      if (current) setAvailable(value);
    });
    return () => {
      current = false;
    };
  }, []);
  return available;
}

/** Shows the host's dialog for `kind`: the chosen path, null when cancelled, or the error's sentence. */
export async function chooseFile(kind: PathKind): Promise<{ path: string | null; error: string | null }> {
  const answer = await call('files.choose', { kind });
  return answer.ok ? { path: answer.value.path, error: null } : { path: null, error: answer.error.message };
}

/** The path of a file dropped on the page, where the host can tell it (Electron), else null. */
function droppedPath(files: FileList | null | undefined): string | null {
  const file = files?.[0];
  const pathOf = api().pathForFile;
  if (!file || !pathOf) return null;
  try {
    return pathOf(file) || null;
  } catch {
    return null;
  }
}

/**
 * Props that let an element take a dropped file's path (a video dragged from the file manager onto the form):
 * only where the host can tell paths; elsewhere the page refuses the drop as it would anyway.
 */
export function fileDrop(onPath: (path: string) => void): { onDragOver(e: DragEvent): void; onDrop(e: DragEvent): void } {
  return {
    onDragOver(e) {
      if (api().pathForFile && e.dataTransfer?.types.includes('Files')) e.preventDefault();
    },
    onDrop(e) {
      const path = droppedPath(e.dataTransfer?.files);
      if (path === null) return;
      e.preventDefault();
      onPath(path);
    },
  };
}
