// electron-builder's afterPack hook (package.json "build.afterPack"): flips the Electron binary's fuses in the
// packed app, before it is signed. Fuses are switches compiled into the binary: what they turn off cannot be
// turned back on by any argument or environment variable of the installed app.
// Run by electron-builder under Node's type stripping (Node 22.18 or later).

import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

/**
 * Set to 1 for a test build that Playwright can drive (it attaches with --inspect). Honoured only for an
 * unpacked build (`--dir`): an installer can never carry it.
 */
export const TEST_BUILD_ENV = 'THREERS_TEST_BUILD';

export interface FuseTarget {
  /** electron-builder's platform name: linux, win32, darwin or mas. */
  platform: string;
  testBuild: boolean;
}

export function fuseConfig({ platform, testBuild }: FuseTarget): FuseV1Config {
  return {
    version: FuseVersion.V1,
    // A fuse added by a later Electron fails the build until it is decided here.
    strictlyRequireAllFuses: true,
    // Flipping fuses breaks a macOS signature; an ad-hoc one keeps an unsigned build starting (real signing follows).
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    // The app binary cannot be started as a plain Node (ELECTRON_RUN_AS_NODE).
    [FuseV1Options.RunAsNode]: false,
    // Chromium's cookie store is encrypted with the OS keychain (the app sets no cookies; nothing can leak from it).
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS cannot inject code (--require) or flags into the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    // --inspect and friends cannot attach a debugger to the main process (and so read the study key).
    [FuseV1Options.EnableNodeCliInspectArguments]: testBuild,
    // The app archive is checked against the hash embedded at build time (macOS and Windows).
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // Only app.asar is loaded: a loose app folder placed beside it is ignored.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    // The app never uses file:// pages; they get no more rights than a web page.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // V8's default protection for WebAssembly memory access stays on.
    [FuseV1Options.WasmTrapHandlers]: true,
  };
}

/** Whether this pack is the test build: the variable is set and every target is the unpacked folder. */
export function isTestBuild(env: NodeJS.ProcessEnv, targets: readonly string[]): boolean {
  if (env[TEST_BUILD_ENV] !== '1') return false;
  const installers = targets.filter((name) => name !== 'dir');
  if (installers.length > 0) {
    throw new Error(`${TEST_BUILD_ENV}=1 is only for an unpacked test build (electron-builder --dir); unset it to build ${installers.join(', ')}.`);
  }
  return true;
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const testBuild = isTestBuild(
    process.env,
    context.targets.map((t) => t.name),
  );
  await context.packager.addElectronFuses(context, fuseConfig({ platform: context.electronPlatformName, testBuild }));
}
