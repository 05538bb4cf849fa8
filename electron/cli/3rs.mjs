#!/usr/bin/env node
// Launcher for the `3rs` command. The CLI is TypeScript run by Node's type stripping: built in from
// Node 23.6 / 22.18, behind --experimental-strip-types on older 22.x, so re-run Node with the flag there.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (process.features.typescript) {
  await import('./main.ts');
} else {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', main, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 2 : 0);
  });
}
