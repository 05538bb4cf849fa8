// Files chosen rather than typed: the host's native dialog (Electron's, given by the main process) answers with
// the chosen path only. A host without dialogs (the browser harness, the CLI) says so and the page types paths.

import { AppError } from '../errors.ts';
import type { PathKind } from '../io/user-path.ts';
import type { Implementations } from './implementation.ts';

/** Shows the dialog for `kind` and resolves to the chosen path, or null when it was cancelled. */
export type FileChooser = (kind: PathKind) => Promise<string | null>;

export function fileHandlers(choose: FileChooser | undefined): Implementations<'files.canChoose' | 'files.choose'> {
  return {
    'files.canChoose': () => choose !== undefined,
    'files.choose': async ({ kind }) => {
      if (!choose) throw new AppError('INVALID_INPUT', 'Choosing a file needs the desktop app; here, type the full path instead.');
      return { path: await choose(kind) };
    },
  };
}
