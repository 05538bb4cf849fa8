// media://recording/<code>: a recording of the window's open study (the original, or its decrypted proxy),
// answered range by range; media://thumbnail/<code>/<index>: one filmstrip picture. Not net.fetch('file://…'): it ignores Range (electron/electron#38749), so every
// seek would snap back to 0. The bytes are read where the study's key is, in the core's worker (electron/worker/media.ts);
// this side only parses the URL and carries the answer.

import type { Protocol } from 'electron';
import { AppError, type ErrorCode } from '../core/errors.ts';
import { MEDIA_SCHEME, mediaRequestFor, type MediaRequest } from './policy.ts';

/** A media answer as it reaches the main process: its status and headers, its bytes as a stream the player reads as they arrive. */
export interface MediaReply {
  status: number;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
}

/** Reads one media request from the window's study; rejects with an AppError when there is nothing to play. */
export type MediaReader = (asked: MediaRequest, range: string | null) => Promise<MediaReply>;

// Failures that mean "nothing to play here", as opposed to a fault in the app.
const NOT_FOUND_CODES: readonly ErrorCode[] = ['NOT_FOUND', 'INVALID_INPUT', 'FILE_NOT_FOUND', 'NO_STUDY_OPEN', 'MEDIA_NOT_READY', 'NOT_MEDIA'];

const plain = (status: number, text: string): Response => new Response(text, { status, headers: { 'content-type': 'text/plain' } });

export function serveMedia(protocol: Protocol, read: MediaReader): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const asked = mediaRequestFor(request.url);
    if (asked === null || request.method !== 'GET') return plain(404, 'Not found');
    try {
      // Cancelling the body (a seek) stops the read in the worker and closes its media file.
      const { status, headers, body } = await read(asked, request.headers.get('range'));
      return new Response(body, { status, headers });
    } catch (err) {
      if (err instanceof AppError && NOT_FOUND_CODES.includes(err.code)) return plain(404, 'Not found');
      // The page learns only that it failed; the reason goes to the main process's log, without a stack.
      console.error(`3RS Station: media for ${asked.code} could not be served: ${err instanceof Error ? err.message : String(err)}`);
      return plain(500, 'Media error');
    }
  });
}
