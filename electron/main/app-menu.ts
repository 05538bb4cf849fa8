// The application menu. Electron's default menu reloads the page (Ctrl+R, F5) and opens the developer tools
// (Ctrl+Shift+I) with no question asked: a reload drops the notes being typed, and the tools read the page's
// memory. A packaged app gets a menu without either; a development build keeps both, its reload going through
// the same save-then-close as a window closing.

import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  packaged: boolean;
  /** macOS wants the app's own menu first and an Edit menu for copy and paste in text fields. */
  mac: boolean;
  /** Saves the page's drafts, closes the study, then reloads (development builds only). */
  reload(): void;
}

export function appMenuTemplate({ packaged, mac, reload }: AppMenuOptions): MenuItemConstructorOptions[] {
  const development: MenuItemConstructorOptions = {
    label: 'Development',
    submenu: [{ label: 'Reload', accelerator: 'CmdOrCtrl+R', click: reload }, { role: 'toggleDevTools' }],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : [{ label: 'File', submenu: [{ role: 'quit' } as const] }]),
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    ...(packaged ? [] : [development]),
  ];
}
