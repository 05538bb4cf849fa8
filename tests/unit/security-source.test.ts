// Checklist items that hold for the whole source tree, checked by reading it: nothing opens links in the
// system browser, nothing turns a protection off, only the preload talks to ipcRenderer, and every window is
// made with the secure web preferences.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|html)$/;

/** What must never appear in the app's source (comments included: the words stay out of the code entirely). */
const FORBIDDEN: { rule: string; pattern: RegExp }[] = [
  { rule: 'shell.openExternal (a link would leave the app)', pattern: /\bopenExternal\b/ },
  { rule: 'Electron’s shell module', pattern: /import\s*\{[^}]*\bshell\b[^}]*\}\s*from\s*['"]electron['"]|\bshell\.open/ },
  { rule: 'the remote module', pattern: /@electron\/remote|\bremote\.require\b|enableRemoteModule/ },
  { rule: 'Node integration turned on', pattern: /nodeIntegration\w*\s*:\s*true/ },
  { rule: 'context isolation turned off', pattern: /contextIsolation\s*:\s*false/ },
  { rule: 'the sandbox turned off', pattern: /sandbox\s*:\s*false|no-sandbox/ },
  { rule: 'web security turned off', pattern: /webSecurity\s*:\s*false|disable-web-security/ },
  { rule: 'insecure content allowed', pattern: /allowRunningInsecureContent\s*:\s*true|ignore-certificate-errors/ },
  { rule: 'experimental or Blink features', pattern: /experimentalFeatures\s*:\s*true|enableBlinkFeatures|enable-blink-features|enable-experimental-web-platform-features/ },
  { rule: 'the webview tag', pattern: /webviewTag\s*:\s*true|<webview/ },
  { rule: 'eval in the CSP', pattern: /unsafe-eval/ },
  { rule: 'a permission granted', pattern: /callback\(\s*true\s*\)/ },
];

function violations(text: string): string[] {
  return FORBIDDEN.filter(({ pattern }) => pattern.test(text)).map(({ rule }) => rule);
}

function sourceFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && SOURCE.test(e.name))
      .map((e) => relative(ROOT, join(e.parentPath, e.name))),
  );
}

const APP_SOURCES = sourceFiles('electron', 'src');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('the source scanner', () => {
  it('finds each forbidden thing in a file that has it', () => {
    const bad = [
      "import { shell } from 'electron';",
      "shell.openExternal('https://example.org');",
      "require('@electron/remote');",
      'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false,',
      '  allowRunningInsecureContent: true, experimentalFeatures: true, enableBlinkFeatures: "X", webviewTag: true } });',
      `const csp = "script-src 'self' 'unsafe-eval'";`,
      'session.setPermissionRequestHandler((_c, _p, callback) => callback(true));',
    ].join('\n');
    expect(violations(bad)).toEqual(FORBIDDEN.map((f) => f.rule));
    expect(violations("const safe = { sandbox: true, contextIsolation: true };")).toEqual([]);
  });
});

describe('the app’s source', () => {
  it('is read in full: the main process, preload, core, CLI and renderer', () => {
    for (const file of ['electron/main/index.ts', 'electron/preload/index.ts', 'electron/core/api/handlers.ts', 'src/App.tsx', 'src/index.html']) {
      expect(APP_SOURCES).toContain(file);
    }
  });

  it.each(APP_SOURCES)('%s turns no protection off and opens nothing outside the app', (file) => {
    expect(violations(read(file))).toEqual([]);
  });

  it('uses ipcRenderer and contextBridge only in the preload', () => {
    const users = APP_SOURCES.filter((file) => /\bipcRenderer\b|\bcontextBridge\b/.test(read(file)));
    expect(users).toEqual(['electron/preload/index.ts']);
  });

  it('makes every window with the secure web preferences', () => {
    const windows = APP_SOURCES.flatMap((file) =>
      [...read(file).matchAll(/new BrowserWindow\(\{([\s\S]*?)\n\s*\}\);/g)].map((m) => ({ file, options: m[1]! })),
    );
    expect(windows.length).toBeGreaterThan(0);
    for (const { file, options } of windows) expect(options, file).toMatch(/webPreferences: secureWebPreferences\(/);
    // Every `new BrowserWindow` was seen by the pattern above (none with options built elsewhere).
    const all = APP_SOURCES.reduce((n, file) => n + (read(file).match(/new BrowserWindow\b/g)?.length ?? 0), 0);
    expect(all).toBe(windows.length);
  });
});
