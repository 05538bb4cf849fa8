// The core in a worker thread, so the main process only routes: no SQLite call, report or export ever runs on
// Electron's main thread. Each window gets handlers of the very ApiHandlers shape createApiHandlers makes (built
// from CHANNELS), so ipc.ts, window-study.ts and the browser harness keep their code; a call is a message
// {window, channel, input} to the worker and its answer a message back. The same arrangement runs in plain Node
// (the harness, the tests, the benchmarks), where the worker starts from its TypeScript source.

import { Worker } from 'node:worker_threads';
import { CHANNELS, type Channel } from '../core/api/channels.ts';
import type { ApiHandlerOptions, ApiHandlers } from '../core/api/handlers.ts';
import { AppError, type ErrorValue, type Result } from '../core/errors.ts';
import type { FromWorker, MediaAsk, MediaHead, MediaUrlBases, ToWorker } from '../worker/protocol.ts';
import type { MediaReply } from './media-protocol.ts';

/** A window's host services, as createApiHandlers takes them; media URLs as data (see MediaUrlBases). */
export interface CoreWindowOptions extends Omit<ApiHandlerOptions, 'mediaUrls'> {
  mediaUrls?: MediaUrlBases;
}

export interface CoreWindow {
  handlers: ApiHandlers;
  /** A media request answered from the window's open study; rejects with an AppError when there is nothing to play. */
  media(asked: MediaAsk, range: string | null): Promise<MediaReply>;
  /** The window is gone: closes its study (calls under way committed first) and forgets it in the worker. */
  release(): Promise<void>;
}

export interface CoreClient {
  open(options?: CoreWindowOptions): CoreWindow;
  /** Stops the worker; anything still waiting answers as after a crash. */
  terminate(): Promise<void>;
}

/** What every call answers once the worker is gone: nothing can be saved any more, so the only way on is a restart. */
export const CORE_STOPPED: ErrorValue = {
  code: 'INTERNAL',
  message:
    'The part of 3RS Station that holds the study stopped unexpectedly, so nothing more can be saved. Close and restart the app, then open the study again.',
};

/** Where the worker's code is: the built file beside the built main process, or the TypeScript source under plain Node (which strips types). */
export function coreWorkerEntry(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('../worker/core-worker.ts', import.meta.url) : new URL('./core-worker.js', import.meta.url);
}

/** Chunks (64 KiB from a file) the worker may send ahead of the player's reading: about a megabyte. */
const READ_AHEAD = 16;

/** How one media answer arrives: its head, then its chunks as the reader grants credit for them. */
interface MediaTransfer {
  head(head: MediaHead, body: boolean): void;
  chunk(bytes: ArrayBuffer): void;
  end(): void;
  fail(error: ErrorValue): void;
}

export function startCore(entry: URL = coreWorkerEntry()): CoreClient {
  // None of the starting process's flags: the worker needs plain Node, and some (--input-type, a test runner's) would stop it.
  const worker = new Worker(entry, { execArgv: [] });
  const windows = new Map<number, CoreWindowOptions>();
  const calls = new Map<number, (result: Result<unknown>) => void>();
  const transfers = new Map<number, MediaTransfer>();
  const releases = new Map<number, () => void>();
  let nextId = 1;
  let stopped = false;

  const post = (message: ToWorker): void => worker.postMessage(message);

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    for (const answer of calls.values()) answer({ ok: false, error: CORE_STOPPED });
    for (const transfer of transfers.values()) transfer.fail(CORE_STOPPED);
    for (const released of releases.values()) released();
    calls.clear();
    transfers.clear();
    releases.clear();
  };
  worker.on('error', (err: unknown) => console.error(`3RS Station: the core's worker failed: ${err instanceof Error ? err.message : String(err)}`));
  worker.on('exit', stop);

  const call = (window: number, channel: Channel, input: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      if (stopped) return resolve({ ok: false, error: CORE_STOPPED });
      const id = nextId++;
      try {
        post({ type: 'call', window, id, channel, input, blocked: windows.get(window)?.blockedRequests?.() ?? 0 });
      } catch {
        // Only plain data crosses to the worker (as it does Electron's IPC); anything else is a malformed request.
        return resolve({
          ok: false,
          error: {
            code: 'BAD_REQUEST',
            message: `The request "${channel}" was malformed (input: not plain data). This is a bug in the app: please report it.`,
          },
        });
      }
      calls.set(id, resolve);
    });

  const choose = (window: number, id: number, kind: Extract<FromWorker, { type: 'choose' }>['kind']): void => {
    const chooser = windows.get(window)?.chooseFile;
    if (!chooser) return post({ type: 'chosen', id, path: null, error: 'This window has no file dialog.' });
    chooser(kind).then(
      (path) => post({ type: 'chosen', id, path }),
      (err: unknown) => post({ type: 'chosen', id, path: null, error: err instanceof Error ? err.message : String(err) }),
    );
  };

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'answer': {
        const answer = calls.get(message.id);
        calls.delete(message.id);
        return answer?.(message.result);
      }
      case 'push':
        return windows.get(message.window)?.push?.(message.name, message.payload as never);
      case 'activity':
        return windows.get(message.window)?.onActivity?.(message.report);
      case 'choose':
        return choose(message.window, message.id, message.kind);
      case 'media.head':
        return transfers.get(message.id)?.head(message.head, message.body);
      case 'media.chunk':
        return transfers.get(message.id)?.chunk(message.chunk);
      case 'media.end':
        return transfers.get(message.id)?.end();
      case 'media.failed':
        return transfers.get(message.id)?.fail(message.error);
      case 'released': {
        const released = releases.get(message.id);
        releases.delete(message.id);
        return released?.();
      }
    }
  });

  const media = (window: number, asked: MediaAsk, range: string | null): Promise<MediaReply> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(new AppError(CORE_STOPPED.code, CORE_STOPPED.message));
      const id = nextId++;
      let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
      const done = (): void => void transfers.delete(id);
      transfers.set(id, {
        head(head, body) {
          if (!body) {
            done();
            return resolve({ ...head, body: null });
          }
          // The worker sends chunks as it is granted credit: READ_AHEAD at first, then one for each pull the player's
          // reading makes, so the bytes flow without a round trip per chunk and a long range is never all in memory.
          const stream = new ReadableStream<Uint8Array>(
            {
              start: (c) => {
                controller = c;
                post({ type: 'media.pull', id, chunks: READ_AHEAD });
              },
              pull: () => post({ type: 'media.pull', id, chunks: 1 }),
              cancel: () => {
                done();
                if (!stopped) post({ type: 'media.cancel', id });
              },
            },
            { highWaterMark: READ_AHEAD },
          );
          resolve({ ...head, body: stream });
        },
        chunk: (bytes) => controller?.enqueue(new Uint8Array(bytes)),
        end() {
          controller?.close();
          done();
        },
        fail(error) {
          const err = new AppError(error.code, error.message);
          if (controller) controller.error(err);
          else reject(err);
          done();
        },
      });
      post({ type: 'media', window, id, asked, range });
    });

  let nextWindow = 1;
  return {
    open(options = {}) {
      const window = nextWindow++;
      windows.set(window, options);
      const { mediaUrls, actor, chooseFile } = options;
      if (!stopped) post({ type: 'open', window, setup: { actor, mediaUrls, canChoose: chooseFile !== undefined } });
      const handlers = Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => call(window, channel, input)])) as ApiHandlers;
      return {
        handlers,
        media: (asked, range) => media(window, asked, range),
        release: () =>
          new Promise<void>((resolve) => {
            const finish = () => {
              windows.delete(window);
              resolve();
            };
            if (stopped) return finish();
            const id = nextId++;
            releases.set(id, finish);
            post({ type: 'release', window, id });
          }),
      };
    },
    async terminate() {
      await worker.terminate();
      stop();
    },
  };
}
