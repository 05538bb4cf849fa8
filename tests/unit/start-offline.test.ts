// `npm start` on a machine that cannot download Electron says so in one sentence and points to the browser build.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const script = 'electron/packaging/install-electron.ts';
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> };
// Installed, the installer has nothing to download and the failure cannot be shown.
const installed = existsSync(`${ROOT}node_modules/electron/path.txt`);
const tempDir = useTempDir();

describe('npm start and npm run dev', () => {
  it('fetch Electron through our own script', () => {
    expect(pkg.scripts['start']).toBe(`node ${script} && electron-vite preview`);
    expect(pkg.scripts['dev']).toBe(`node ${script} && electron-vite dev`);
  });

  it.skipIf(installed)('where the binary cannot be downloaded, print one sentence pointing to npm run app:browser, and fail', () => {
    // A mirror nobody answers on, and an empty cache: the download fails here whatever the network.
    const run = spawnSync(process.execPath, [script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: tempDir() },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^3RS Station cannot start in Electron: its binary could not be downloaded \(.+\); run `npm run app:browser` to use the app in Chromium instead/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
