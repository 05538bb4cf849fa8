import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from '@playwright/test';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/core/api/channels.ts';
import { APP_TITLE } from '../../electron/main/policy.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * The Electron binary, if installed. `require('electron')` itself tries to download a missing binary,
 * so look first for the file its index.js would return and only then ask it.
 */
function installedElectron(): string | null {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(join(pkg, 'dist', readFileSync(pathFile, 'utf8')))) return null;
  const binary = require('electron') as string;
  return existsSync(binary) ? binary : null;
}

const binary = installedElectron();
const SKIP_REASON = 'Electron binary not installed (it downloads on first run; this machine has no internet)';

describe.skipIf(binary === null)(`the built app in Electron${binary === null ? ` — skipped: ${SKIP_REASON}` : ''}`, () => {
  beforeAll(() => {
    const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  }, 120_000);

  it('opens one window titled 3RS Station whose window.api has exactly the contract’s channels', async () => {
    const env = { ...process.env };
    delete env['ELECTRON_RENDERER_URL'];
    const app = await electron.launch({ executablePath: binary!, args: [join(ROOT, 'out/main/index.js')], cwd: ROOT, env: env as Record<string, string> });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.title()).toBe(APP_TITLE);
      expect(page.url()).toBe('app://station/index.html');
      const exposed = await page.evaluate(() => {
        const api = (window as unknown as { api: Record<string, unknown> }).api;
        return Object.keys(api).map((k) => [k, typeof api[k]]);
      });
      expect(exposed.sort()).toEqual([...CHANNELS].sort().map((c) => [c, 'function']));
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
