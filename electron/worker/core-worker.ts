// The worker's entry: the core, answering the main process over the worker's port (see serve-core.ts).
// Built beside the main process as out/main/core-worker.js; under plain Node it runs from this source.

import { parentPort } from 'node:worker_threads';
import { serveCore } from './serve-core.ts';

if (!parentPort) throw new Error('core-worker.ts runs as a worker thread: start it with startCore() (electron/main/core-client.ts).');
serveCore(parentPort);
