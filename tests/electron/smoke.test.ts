// The packaged shape of the app in the real Electron: the built main process, preload and renderer, driven by
// Playwright. Unlock, import, mark, quit, start again: the mark is there; and the window's web preferences are
// read back from the live app. Runs where the Electron binary is installed; here (offline) it skips, saying why.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/core/api/channels.ts';
import { APP_ENTRY_URL, APP_TITLE } from '../../electron/main/policy.ts';
import { makeTestVideo } from '../helpers/video.ts';

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
const PASSPHRASE = 'rupture and repair, in Electron';
const RECORDING = 'D01-S01';

// Vitest's summary lists a skipped file without its reason: say it once, on one line.
if (binary === null) process.stderr.write(`Electron smoke test skipped: ${SKIP_REASON}.\n`);

describe.skipIf(binary === null)(`the built app in Electron${binary === null ? ` — skipped: ${SKIP_REASON}` : ''}`, () => {
  let built: string;
  let work: string;

  beforeAll(() => {
    // A private build: other people's builds empty out/ while they run.
    mkdirSync(join(ROOT, 'out'), { recursive: true });
    built = mkdtempSync(join(ROOT, 'out', 'electron-smoke-'));
    work = mkdtempSync(join(tmpdir(), '3rs-electron-'));
    const cli = join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
    execFileSync(process.execPath, [cli, 'build', '--outDir', built, '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }, 180_000);

  afterAll(() => {
    rmSync(built, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
    const env = { ...process.env };
    delete env['ELECTRON_RENDERER_URL'];
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(built, 'main/index.js'), `--user-data-dir=${join(work, 'user-data')}`],
      cwd: ROOT,
      env: env as Record<string, string>,
    });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return { app, page };
  }

  const cell = (page: Page, state: string) => page.getByRole('cell', { name: `W1 in segment 1: ${state}`, exact: true });

  it('unlock, import, mark, quit, start again: the mark is there; the window is sandboxed and isolated', async () => {
    const video = await makeTestVideo(work, { seconds: 20 });
    const studyPath = join(work, 'smoke.3rs');

    const first = await launch();
    try {
      const { app, page } = first;
      expect(await page.title()).toBe(APP_TITLE);
      expect(page.url()).toBe(APP_ENTRY_URL);
      expect(app.windows()).toHaveLength(1);

      // What the page can reach: exactly the contract's functions, `on` for its pushed events and `pathForFile`, no Node.
      const exposed = await page.evaluate(() => {
        const api = (window as unknown as { api: Record<string, unknown> }).api;
        return Object.keys(api).map((k) => [k, typeof api[k]]);
      });
      expect(exposed.sort()).toEqual([...CHANNELS, 'on', 'pathForFile'].sort().map((c) => [c, 'function']));
      expect(
        await page.evaluate(() => [
          typeof (window as unknown as { require?: unknown }).require,
          typeof (globalThis as { process?: unknown }).process,
        ]),
      ).toEqual(['undefined', 'undefined']);

      // The web preferences the live window runs with.
      // getLastWebPreferences is Electron's runtime method for this; its typings leave it out.
      type WithPrefs = { getLastWebPreferences(): Record<string, unknown> | null };
      const prefs = await app.evaluate(({ BrowserWindow }) =>
        (BrowserWindow.getAllWindows()[0]!.webContents as unknown as WithPrefs).getLastWebPreferences(),
      );
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
      });
      expect(prefs?.['enableBlinkFeatures'] ?? '').toBe('');

      // Create the study as its first coder.
      await page.getByRole('button', { name: 'Create a study', exact: true }).click();
      await page.getByLabel('New study file').fill(studyPath);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
      await page.getByLabel('Your coder code').fill('C01');
      await page.getByLabel('Your name').fill('Ana Coder');
      // A study's creator is its lead unless they choose otherwise; here the first coder codes.
      await page.getByRole('radio', { name: /^Coder/ }).check();
      await page.getByRole('button', { name: 'Create study' }).click();
      await page.getByRole('heading', { name: 'Recordings' }).waitFor();

      // Import the recording (hashing and probing with the bundled ffmpeg).
      const form = page.getByRole('form', { name: 'Add a recording' });
      await form.getByLabel('Video or audio file').fill(video);
      await form.getByLabel('Recording code').fill(RECORDING);
      await form.getByRole('button', { name: 'Add recording' }).click();
      await page
        .getByRole('group', { name: `Adding ${RECORDING}` })
        .getByText('Done')
        .waitFor({ timeout: 60_000 });

      // Mark one marker from the keyboard.
      await page
        .getByRole('row', { name: new RegExp(RECORDING) })
        .getByRole('button', { name: 'Open' })
        .click();
      await page.getByRole('button', { name: /Start coding|Code this session/ }).click();
      await page.getByRole('table', { name: `Scoresheet of ${RECORDING}` }).waitFor();
      await page.keyboard.press('Digit1');
      await cell(page, 'check').waitFor();
    } finally {
      await first.app.close();
    }

    const second = await launch();
    try {
      const { page } = second;
      await page.getByLabel('Study file').fill(studyPath);
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('button', { name: /^C01 / }).click();
      await page
        .getByRole('row', { name: new RegExp(RECORDING) })
        .getByRole('button', { name: 'Open' })
        .click();
      await page.getByRole('button', { name: /Start coding|Code this session/ }).click();
      await cell(page, 'check').waitFor();
      expect(await cell(page, 'check').count()).toBe(1);
    } finally {
      await second.app.close();
    }
  }, 240_000);
});
