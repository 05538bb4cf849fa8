// The installers cannot be built here (electron-builder downloads Electron), so their configuration is checked:
// the fuses flipped in the packing step, what goes into the package (judged by electron-builder's own file
// matchers), what is unpacked from the asar, and the names, icon and targets.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { describe, expect, it, vi } from 'vitest';
import viteConfig from '../../electron.vite.config.ts';
import afterPack, { fuseConfig, isTestBuild, TEST_BUILD_ENV } from '../../electron/packaging/after-pack.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    { dev?: boolean; devOptional?: boolean; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
  >;
};
const build = pkg.build;

type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
interface Matcher {
  createFilter(): Filter;
}
// electron-builder's own matchers: the one for the app's files, and the one it applies to node_modules
// (which takes only the exclusions of `files`).
const { FileMatcher, getNodeModuleFileMatcher } = (await import('app-builder-lib/out/fileMatcher.js')) as unknown as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => Matcher;
  getNodeModuleFileMatcher: (appDir: string, to: string, expand: (s: string) => string, platformOptions: object, packager: object) => Matcher;
};

const same = (s: string) => s;
const FILE = { isDirectory: () => false };
const PLATFORMS = { linux: 'linux', win: 'win32', mac: 'darwin' } as const;
type Platform = keyof typeof PLATFORMS;

/** Whether a repository path goes into the app (for files outside node_modules). */
function packsAppFile(platform: Platform, path: string): boolean {
  const filter = new FileMatcher(ROOT, '/app', same, [...build.files, ...(build[platform].files ?? [])]).createFilter();
  return filter(join(ROOT, path), FILE);
}

/** Whether a file of node_modules goes into the app. */
function packsModuleFile(platform: Platform, path: string): boolean {
  const packager = { config: { files: build.files }, debugLogger: { isEnabled: false } };
  return getNodeModuleFileMatcher(ROOT, '/app', same, build[platform], packager).createFilter()(join(ROOT, path), FILE);
}

const unpacks = (path: string): boolean => new FileMatcher(ROOT, '/app', same, build.asarUnpack).createFilter()(join(ROOT, path), FILE);

describe('fuses, flipped in the packing step by electron/packaging/after-pack.ts', () => {
  const shipped = fuseConfig({ platform: 'linux', testBuild: false });

  it('is the hook electron-builder runs after packing, and the only place fuses are set', async () => {
    expect(build.afterPack).toBe('./electron/packaging/after-pack.ts');
    expect(existsSync(join(ROOT, build.afterPack))).toBe(true);
    expect(build.electronFuses).toBeUndefined();
    const addElectronFuses = vi.fn(async () => undefined);
    const context = { targets: [{ name: 'AppImage' }, { name: 'deb' }], electronPlatformName: 'linux', packager: { addElectronFuses } };
    await afterPack(context as unknown as AfterPackContext);
    expect(addElectronFuses).toHaveBeenCalledWith(context, shipped);
  });

  it.each([
    ['RunAsNode', FuseV1Options.RunAsNode, false],
    ['EnableNodeOptionsEnvironmentVariable', FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
    ['EnableNodeCliInspectArguments', FuseV1Options.EnableNodeCliInspectArguments, false],
    ['EnableCookieEncryption', FuseV1Options.EnableCookieEncryption, true],
    ['OnlyLoadAppFromAsar', FuseV1Options.OnlyLoadAppFromAsar, true],
    ['EnableEmbeddedAsarIntegrityValidation', FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
    ['GrantFileProtocolExtraPrivileges', FuseV1Options.GrantFileProtocolExtraPrivileges, false],
  ] as const)('%s is %s in every shipped build', (_name, fuse, value) => {
    for (const platform of ['linux', 'win32', 'darwin']) expect(fuseConfig({ platform, testBuild: false })[fuse], platform).toBe(value);
  });

  it('decides every fuse this @electron/fuses knows, and fails a build whose Electron has one more', () => {
    const fuses = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    expect(fuses.length).toBeGreaterThanOrEqual(9);
    for (const fuse of fuses) expect(typeof shipped[fuse], FuseV1Options[fuse]).toBe('boolean');
    expect(shipped.strictlyRequireAllFuses).toBe(true);
    expect(shipped.version).toBe(FuseVersion.V1);
  });

  it('re-signs ad hoc only on macOS, where flipping fuses breaks the signature', () => {
    expect(fuseConfig({ platform: 'darwin', testBuild: false }).resetAdHocDarwinSignature).toBe(true);
    expect(shipped.resetAdHocDarwinSignature).toBe(false);
  });

  it(`lets ${TEST_BUILD_ENV}=1 turn on only --inspect (for Playwright), and only for an unpacked build`, () => {
    const test = fuseConfig({ platform: 'linux', testBuild: true });
    expect(test).toEqual({ ...shipped, [FuseV1Options.EnableNodeCliInspectArguments]: true });
    expect(isTestBuild({ [TEST_BUILD_ENV]: '1' }, ['dir'])).toBe(true);
    expect(isTestBuild({}, ['dir'])).toBe(false);
    expect(isTestBuild({ [TEST_BUILD_ENV]: 'yes' }, ['dir'])).toBe(false);
    for (const installer of ['AppImage', 'deb', 'nsis', 'dmg']) {
      expect(() => isTestBuild({ [TEST_BUILD_ENV]: '1' }, ['dir', installer])).toThrow(/only for an unpacked test build/);
    }
  });
});

describe('the package’s name, icon and targets', () => {
  it('is 3RS Station, with its own id and the version of package.json', () => {
    expect(build.productName).toBe('3RS Station');
    expect(build.appId).toBe('org.threers.station');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(build.extraMetadata?.version).toBeUndefined();
    expect(build.artifactName).toBe('3rs-station-${version}-${arch}.${ext}');
  });

  it('has a 512x512 PNG icon', () => {
    expect(build.icon).toBe('resources/icon.png');
    const png = readFileSync(join(ROOT, build.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('builds an AppImage and a .deb for Linux, an NSIS installer for Windows and a dmg for macOS', () => {
    expect(build.linux.target).toEqual(['AppImage', 'deb']);
    expect(build.win.target).toEqual(['nsis']);
    expect(build.mac.target).toEqual(['dmg']);
  });

  it('packs into an asar, publishes nowhere and rebuilds no native module (the prebuilt one is Node-API)', () => {
    expect(build.asar).toBe(true);
    expect(build.publish).toBeNull();
    expect(build.npmRebuild).toBe(false);
  });

  it('has a dist script per platform', () => {
    for (const name of ['dist:linux', 'dist:win', 'dist:mac', 'dist:dir'])
      expect(pkg.scripts[name], name).toMatch(/^electron-vite build && electron-builder /);
  });
});

describe('what goes into the package', () => {
  it.each(['linux', 'win', 'mac'] as const)('(%s) the built app and package.json, no sources, tests, source maps or stray builds', (platform) => {
    for (const path of [
      'package.json',
      'out/main/index.js',
      'out/main/core-worker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
    ]) {
      expect(packsAppFile(platform, path), path).toBe(true);
    }
    for (const path of [
      'src/App.tsx',
      'electron/main/index.ts',
      'electron/worker/core-worker.ts',
      'electron/core/api/handlers.ts',
      'tests/unit/main-app.test.ts',
      'bench/run.ts',
      'README.md',
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      'out/harness-x1/main/index.js',
      'resources/icon.svg',
      'electron.vite.config.ts',
    ]) {
      expect(packsAppFile(platform, path), path).toBe(false);
    }
  });

  it('builds no source maps in any part of the app', () => {
    const config = viteConfig as unknown as Record<'main' | 'preload' | 'renderer', { build: { sourcemap?: unknown } }>;
    for (const part of ['main', 'preload', 'renderer'] as const) expect(config[part].build.sourcemap, part).toBe(false);
  });

  // The main process bundles every plain-JS dependency; what it leaves external is loaded from node_modules.
  const externals = (viteConfig as unknown as { main: { build: { rolldownOptions: { external: string[] } } } }).main.build.rolldownOptions.external;
  // C++ headers for compiling the native addon; the prebuilt binary needs nothing of it.
  const BUILD_ONLY = ['node-addon-api'];
  const production = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([path]) => path.slice('node_modules/'.length))
    .filter((name) => !name.includes('/node_modules/'));

  /** The externals and every package they load (their platform binaries included), transitively. */
  function neededAtRunTime(): Set<string> {
    const needed = new Set<string>();
    const visit = (name: string) => {
      if (needed.has(name) || BUILD_ONLY.includes(name)) return;
      needed.add(name);
      const entry = lock.packages[`node_modules/${name}`];
      for (const dep of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies })) visit(dep);
    };
    externals.forEach(visit);
    return needed;
  }

  const platformOf = (name: string): string | null => /(?:^|\/)(darwin|win32|linux|linuxmusl)-/.exec(name)?.[1] ?? null;

  it('leaves external exactly the modules that need their own files: the native SQLite and the ffmpeg installers', () => {
    expect([...externals].sort()).toEqual(['@ffmpeg-installer/ffmpeg', '@ffprobe-installer/ffprobe', 'better-sqlite3-multiple-ciphers']);
  });

  it.each(['linux', 'win', 'mac'] as const)('(%s) keeps every module the app loads at run time and drops every one bundled into it', (platform) => {
    const needed = neededAtRunTime();
    expect(production.length).toBeGreaterThan(20);
    for (const name of production) {
      const own = platformOf(name);
      const expected = needed.has(name) && (own === null || own === PLATFORMS[platform]);
      expect(packsModuleFile(platform, `node_modules/${name}/package.json`), name).toBe(expected);
    }
  });

  it.each([
    ['linux', 'node_modules/@ffmpeg-installer/linux-x64/ffmpeg', 'node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node'],
    ['win', 'node_modules/@ffmpeg-installer/win32-x64/ffmpeg.exe', 'node_modules/better-sqlite3-multiple-ciphers/prebuilds/win32-x64.node'],
    ['mac', 'node_modules/@ffmpeg-installer/darwin-arm64/ffmpeg', 'node_modules/better-sqlite3-multiple-ciphers/prebuilds/darwin-arm64.node'],
  ] as const)('(%s) carries its own ffmpeg and SQLite binaries, and no other platform’s', (platform, ffmpeg, sqlite) => {
    expect(packsModuleFile(platform, ffmpeg)).toBe(true);
    expect(packsModuleFile(platform, ffmpeg.replace('ffmpeg-installer', 'ffprobe-installer').replace(/ffmpeg(\.exe)?$/, 'ffprobe$1'))).toBe(true);
    expect(packsModuleFile(platform, sqlite)).toBe(true);
    const others = Object.entries(PLATFORMS).filter(([p]) => p !== platform);
    for (const [, os] of others) {
      expect(packsModuleFile(platform, `node_modules/@ffmpeg-installer/${os}-x64/ffmpeg`), os).toBe(false);
      expect(packsModuleFile(platform, `node_modules/better-sqlite3-multiple-ciphers/prebuilds/${os}-x64.node`), os).toBe(false);
    }
    // SQLite's C sources are for compiling, which the package never does.
    expect(packsModuleFile(platform, 'node_modules/better-sqlite3-multiple-ciphers/deps/sqlite3/sqlite3.c')).toBe(false);
    expect(packsModuleFile(platform, 'node_modules/better-sqlite3-multiple-ciphers/lib/index.js')).toBe(true);
  });

  it('unpacks the ffmpeg and ffprobe programs and the SQLite binary from the asar, where they can be started and loaded', () => {
    for (const path of [
      'node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
      'node_modules/@ffprobe-installer/linux-x64/ffprobe',
      'node_modules/@ffmpeg-installer/win32-x64/ffmpeg.exe',
      'node_modules/@ffprobe-installer/darwin-arm64/ffprobe',
      'node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node',
      'node_modules/better-sqlite3-multiple-ciphers/prebuilds/win32-x64.node',
    ]) {
      expect(unpacks(path), path).toBe(true);
    }
    expect(unpacks('out/main/index.js')).toBe(false);
    expect(unpacks('node_modules/better-sqlite3-multiple-ciphers/lib/index.js')).toBe(false);
  });
});
