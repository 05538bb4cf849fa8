// The production build as it goes into the package: `electron-vite build`, run once into a private folder.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { buildApp, type BuiltApp } from '../e2e/harness/app.ts';

let built: BuiltApp | undefined;
let out = '';

beforeAll(() => {
  built = buildApp();
  out = join(built.renderer, '..');
}, 120_000);

afterAll(() => built?.remove());

const files = (): string[] => readdirSync(out, { recursive: true, encoding: 'utf8' });
const read = (path: string): string => readFileSync(join(out, path), 'utf8');
const rendererScripts = (): string[] => files().filter((f) => /^renderer\/assets\/.*\.js$/.test(f));

describe('the production build', () => {
  it('minifies the renderer: its script is a few long lines, not the readable source', () => {
    const [script, ...more] = rendererScripts();
    expect(more).toEqual([]);
    const text = read(script!);
    expect(text.split('\n').length).toBeLessThan(50);
    // A function name of our own source that a minifier renames.
    expect(text).not.toContain('resetOtherSlices');
  });

  it('bundles React’s production build, without its development checks', () => {
    const text = read(rendererScripts()[0]!);
    expect(text).toContain('Minified React error #');
    expect(text).not.toMatch(/react-dom-client\.development|should have a unique "key" prop|process\.env\.NODE_ENV/);
  });

  it('ships no source maps in any part', () => {
    expect(files().filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const f of files().filter((name) => /\.(js|cjs|mjs)$/.test(name))) expect(read(f)).not.toContain('sourceMappingURL');
  });

  it('emits the core’s worker beside the main process, where the main process starts it from', () => {
    expect(files()).toContain(join('main', 'core-worker.js'));
    expect(read('main/index.js')).toContain('new URL("./core-worker.js", import.meta.url)');
    expect(read('main/core-worker.js')).toContain('parentPort');
  });

  it('carries the app version inside the main bundle, so an export made by the packaged app names it without reading package.json', () => {
    // The export runs in the core's worker: the version is in whichever of the main process's scripts holds it.
    const main = files()
      .filter((f) => /^main[\\/].*\.js$/.test(f))
      .map(read)
      .join('\n');
    expect(main).toMatch(new RegExp(`version:\\s*"${packageJson.version.replaceAll('.', '\\.')}"`));
    expect(main).not.toMatch(/package\.json['"`]\s*\)/);
  });
});
