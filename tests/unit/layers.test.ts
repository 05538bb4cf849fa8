import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

/** Every module a source text loads or names: static, side-effect, re-export, dynamic and require. */
function importsOf(text: string): ImportRef[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const refs: ImportRef[] = [];
  for (const m of code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s+(type\s+)?(?:[\w$*{}\s,]*?\s*from\s*)?['"]([^'"\n]+)['"]/g)) {
    refs.push({ specifier: m[2]!, typeOnly: m[1] !== undefined });
  }
  for (const m of code.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g)) {
    refs.push({ specifier: m[1]!, typeOnly: false });
  }
  return refs;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

interface Edge extends ImportRef {
  file: string;
  /** A file of this repository (a relative import), not a package. */
  local: boolean;
  /** Repo-relative path for a local import; the bare specifier otherwise. */
  target: string;
}

function edgesOf(dir: string): Edge[] {
  return filesUnder(dir).flatMap((file) =>
    importsOf(readFileSync(join(ROOT, file), 'utf8')).map((ref) => ({
      ...ref,
      file,
      local: ref.specifier.startsWith('.'),
      target: ref.specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), ref.specifier)) : ref.specifier,
    })),
  );
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);
const inside = (e: Edge, ...dirs: string[]) => e.local && dirs.some((d) => under(e.target, d));
const isPackage = (e: Edge, ...names: string[]) => !e.local && names.some((n) => under(e.target, n));
const isNodeBuiltin = (e: Edge) => !e.local && (e.target.startsWith('node:') || builtinModules.includes(e.target.split('/')[0]!));
const show = (e: Edge) => `${e.file} imports ${e.typeOnly ? 'type ' : ''}'${e.specifier}'`;

describe('the import scanner', () => {
  it('sees static, multi-line, type-only, side-effect, re-export, dynamic and require imports, but not comments', () => {
    const text = [
      "import a from './a.ts';",
      'import {',
      '  b,',
      '  type C,',
      "} from '../b.ts';",
      "import type { D } from 'd';",
      "import './side.css';",
      "export * from './e.ts';",
      "export type { F } from './f.ts';",
      "const g = await import('g');",
      "const h = require('h');",
      "// import x from 'commented';",
      "/* import y from 'blocked'; */",
      "const url = 'http://not-an-import';",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      { specifier: './a.ts', typeOnly: false },
      { specifier: '../b.ts', typeOnly: false },
      { specifier: 'd', typeOnly: true },
      { specifier: './side.css', typeOnly: false },
      { specifier: './e.ts', typeOnly: false },
      { specifier: './f.ts', typeOnly: true },
      { specifier: 'g', typeOnly: false },
      { specifier: 'h', typeOnly: false },
    ]);
  });
});

describe('layers import downward only', () => {
  it('electron/core knows nothing of Electron, React, the main process, the preload, the CLI or the renderer', () => {
    const edges = edgesOf('electron/core');
    expect(edges.length).toBeGreaterThan(10);
    const bad = edges.filter(
      (e) => isPackage(e, 'electron', 'react', 'react-dom') || inside(e, 'electron/main', 'electron/preload', 'electron/cli', 'src'),
    );
    expect(bad.map(show)).toEqual([]);
  });

  it('the renderer reaches the core only through type imports of the api contract, its channel names and the scheme types', () => {
    const allowed = ['electron/core/api/contract.ts', 'electron/core/api/channels.ts', 'electron/core/scheme/types.ts'];
    const edges = edgesOf('src');
    expect(edges.some((e) => e.target === 'electron/core/api/contract.ts')).toBe(true);
    const bad = edges.filter(
      (e) =>
        (inside(e, 'electron') && !(e.typeOnly && allowed.includes(e.target))) || isPackage(e, 'electron') || isNodeBuiltin(e),
    );
    expect(bad.map(show)).toEqual([]);
  });

  it('the preload loads only electron and the channel names', () => {
    const edges = edgesOf('electron/preload');
    expect(edges.length).toBeGreaterThan(0);
    const bad = edges.filter((e) => !(e.local ? e.target === 'electron/core/api/channels.ts' : e.target === 'electron'));
    expect(bad.map(show)).toEqual([]);
  });

  it('the main process does not reach into the renderer or the preload', () => {
    const bad = edgesOf('electron/main').filter((e) => inside(e, 'src', 'electron/preload'));
    expect(bad.map(show)).toEqual([]);
  });

  it('the main process’s policy module does not import electron, so it stays testable in Node', () => {
    const bad = edgesOf('electron/main').filter((e) => e.file === 'electron/main/policy.ts' && isPackage(e, 'electron'));
    expect(bad.map(show)).toEqual([]);
  });
});
