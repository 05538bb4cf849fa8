// The app's HTML, read as text: ESLint (eslint.config.js) holds the same protections in every script of the app
// (no shell, no remote module, no protection turned off, ipcRenderer only in the preload, every window made with
// the secure web preferences), but it does not read HTML, where a policy or a tag could weaken the page too.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = /\.html$/;

/** What must never appear in the app's HTML (comments included: the words stay out of it entirely). */
const FORBIDDEN: { rule: string; pattern: RegExp }[] = [
  { rule: 'shell.openExternal (a link would leave the app)', pattern: /\bopenExternal\b/ },
  { rule: 'Electron’s shell module', pattern: /import\s*\{[^}]*\bshell\b[^}]*\}\s*from\s*['"]electron['"]|\bshell\.open/ },
  { rule: 'the remote module', pattern: /@electron\/remote|\bremote\.require\b|enableRemoteModule/ },
  { rule: 'Node integration turned on', pattern: /nodeIntegration\w*\s*:\s*true/ },
  { rule: 'context isolation turned off', pattern: /contextIsolation\s*:\s*false/ },
  { rule: 'the sandbox turned off', pattern: /sandbox\s*:\s*false|no-sandbox/ },
  { rule: 'web security turned off', pattern: /webSecurity\s*:\s*false|disable-web-security/ },
  { rule: 'insecure content allowed', pattern: /allowRunningInsecureContent\s*:\s*true|ignore-certificate-errors/ },
  {
    rule: 'experimental or Blink features',
    pattern: /experimentalFeatures\s*:\s*true|enableBlinkFeatures|enable-blink-features|enable-experimental-web-platform-features/,
  },
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
    expect(violations('const safe = { sandbox: true, contextIsolation: true };')).toEqual([]);
  });
});

describe('the app’s HTML', () => {
  it('is read in full: the renderer’s page', () => {
    expect(APP_SOURCES).toContain('src/index.html');
  });

  it.each(APP_SOURCES)('%s turns no protection off and opens nothing outside the app', (file) => {
    expect(violations(read(file))).toEqual([]);
  });
});
