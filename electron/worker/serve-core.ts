// The core's side of the worker: one createApiHandlers per window, answering the main process's messages.
// The host services a window's handlers need (pushing to its page, its idle deadline, the native file dialog)
// are messages back to the main process; media bytes go back chunk by chunk, as many as the reader granted.

import type { Readable } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';
import { createApiHandlers, sessionOf, type ApiHandlers } from '../core/api/handlers.ts';
import type { MediaUrls } from '../core/api/media-handlers.ts';
import { AppError, toErrorValue, type Result } from '../core/errors.ts';
import type { PathKind } from '../core/io/user-path.ts';
import { readMedia } from './media.ts';
import type { FromWorker, MediaUrlBases, ToWorker, WindowSetup } from './protocol.ts';

interface Window {
  handlers: ApiHandlers;
  /** The host's count of stopped requests, as of the window's last call. */
  blocked: number;
}

const urlsAt = (bases: MediaUrlBases): MediaUrls => ({
  recording: (code) => bases.recording + encodeURIComponent(code),
  thumbnail: (code, index) => `${bases.thumbnail}${encodeURIComponent(code)}/${index}`,
});

/**
 * A chunk as an ArrayBuffer the main process can take over without a copy: the chunk's own buffer when it spans
 * all of it, else one copy (a view into a larger buffer must not hand over the rest).
 */
function transferable(chunk: Uint8Array): ArrayBuffer {
  const own = chunk.buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
  return own ? chunk.buffer : new Uint8Array(chunk).buffer;
}

export function serveCore(port: Pick<MessagePort, 'on' | 'postMessage'>): void {
  const windows = new Map<number, Window>();
  const choices = new Map<number, { resolve: (path: string | null) => void; reject: (err: Error) => void }>();
  /** Media bodies being sent: `credit` is how many more chunks the reader granted; one pump at a time sends them. */
  const bodies = new Map<number, { stream: Readable; chunks: AsyncIterator<unknown, unknown>; credit: number; pumping: boolean }>();
  let nextChoice = 1;

  const send = (message: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

  const answer = (id: number, result: Result<unknown>): void => {
    try {
      send({ type: 'answer', id, result });
    } catch (err) {
      // An answer that cannot be cloned is a bug in the core, not the page's: say so rather than never answer.
      send({ type: 'answer', id, result: { ok: false, error: toErrorValue(err) } });
    }
  };

  const open = (window: number, setup: WindowSetup): void => {
    const state: Window = {
      blocked: 0,
      handlers: createApiHandlers({
        actor: setup.actor,
        mediaUrls: setup.mediaUrls ? urlsAt(setup.mediaUrls) : undefined,
        blockedRequests: () => state.blocked,
        onActivity: (report) => send({ type: 'activity', window, report }),
        chooseFile: setup.canChoose ? (kind: PathKind) => choose(window, kind) : undefined,
        push: (name, payload) => send({ type: 'push', window, name, payload }),
      }),
    };
    windows.set(window, state);
  };

  // The native dialog lives in the main process: ask it and wait for the chosen path.
  const choose = (window: number, kind: PathKind): Promise<string | null> =>
    new Promise((resolve, reject) => {
      const id = nextChoice++;
      choices.set(id, { resolve, reject });
      send({ type: 'choose', window, id, kind });
    });

  const noWindow = (): AppError => new AppError('NO_STUDY_OPEN', 'This window has no study open. Open or create a study first.');

  const startMedia = (message: Extract<ToWorker, { type: 'media' }>): void => {
    const handlers = windows.get(message.window)?.handlers;
    const session = handlers && sessionOf(handlers);
    try {
      if (!session) throw noWindow();
      const { head, body } = readMedia(session, message.asked, message.range);
      if (body) bodies.set(message.id, { stream: body, chunks: body[Symbol.asyncIterator](), credit: 0, pumping: false });
      send({ type: 'media.head', id: message.id, head, body: body !== null });
    } catch (err) {
      send({ type: 'media.failed', id: message.id, error: toErrorValue(err) });
    }
  };

  const pullMedia = async (id: number, chunks: number): Promise<void> => {
    const body = bodies.get(id);
    if (!body) return;
    body.credit += chunks;
    if (body.pumping) return;
    body.pumping = true;
    try {
      while (body.credit > 0 && bodies.get(id) === body) {
        const { done, value } = await body.chunks.next();
        if (done) {
          bodies.delete(id);
          return send({ type: 'media.end', id });
        }
        body.credit--;
        const chunk = transferable(value as Uint8Array);
        send({ type: 'media.chunk', id, chunk }, [chunk]);
      }
    } catch (err) {
      bodies.delete(id);
      send({ type: 'media.failed', id, error: toErrorValue(err) });
    } finally {
      body.pumping = false;
    }
  };

  const release = async (window: number, id: number): Promise<void> => {
    await windows.get(window)?.handlers['study.close']({});
    windows.delete(window);
    send({ type: 'released', id });
  };

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'open':
        return open(message.window, message.setup);
      case 'call': {
        const window = windows.get(message.window);
        if (!window) return answer(message.id, { ok: false, error: toErrorValue(noWindow()) });
        window.blocked = message.blocked;
        void window.handlers[message.channel](message.input).then((result) => answer(message.id, result));
        return;
      }
      case 'chosen': {
        const waiting = choices.get(message.id);
        choices.delete(message.id);
        if (message.error !== undefined) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.path);
        return;
      }
      case 'media':
        return startMedia(message);
      case 'media.pull':
        void pullMedia(message.id, message.chunks);
        return;
      case 'media.cancel':
        bodies.get(message.id)?.stream.destroy();
        bodies.delete(message.id);
        return;
      case 'release':
        void release(message.window, message.id);
        return;
    }
  });
}
