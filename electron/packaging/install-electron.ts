// `npm start` and `npm run dev` first fetch Electron's binary, which Electron downloads on first use rather than at
// `npm install`. On a machine that cannot download it (the lab's offline machines), its installer ends in a bare
// "fetch failed" and a stack; this says in one sentence what happened and what to run instead.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const installer = createRequire(import.meta.url).resolve('electron/install.js');
const run = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
if (run.status === 0) process.exit(0);

// The installer's own first line (e.g. "TypeError: fetch failed"), without its stack.
const reason =
  (run.stderr ?? '')
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim() ?? `exit status ${run.status ?? run.signal}`;
console.error(
  `3RS Station cannot start in Electron: its binary could not be downloaded (${reason}); run \`npm run app:browser\` to use the app in Chromium instead, or run \`npm start\` again on a machine with internet once.`,
);
process.exit(1);
