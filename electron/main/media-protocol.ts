// media://recording/<code>: a recording of the window's open study (the original, or its decrypted proxy),
// answered range by range; media://thumbnail/<code>/<index>: one filmstrip picture. Not net.fetch('file://…'): it ignores Range (electron/electron#38749), so every
// seek would snap back to 0.

import { finished, Readable } from 'node:stream';
import type { Protocol } from 'electron';
import type { Session } from '../core/api/session.ts';
import { AppError, type ErrorCode } from '../core/errors.ts';
import { answerRange, type MediaResponse } from '../core/media/serve.ts';
import { mediaSourceFor } from '../core/media/sources.ts';
import { closeMediaStore, openMediaStore } from '../core/media/store.ts';
import { readThumbnail } from '../core/media/thumbnails.ts';
import { MEDIA_SCHEME, mediaRequestFor, type MediaRequest } from './policy.ts';

/** The window's session: its open study, and who to name if opening the media file first makes its key. */
export type MediaSession = Pick<Session, 'study' | 'actor'>;

// Failures that mean "nothing to play here", as opposed to a fault in the app.
const NOT_FOUND_CODES: readonly ErrorCode[] = ['NOT_FOUND', 'INVALID_INPUT', 'FILE_NOT_FOUND', 'NO_STUDY_OPEN', 'MEDIA_NOT_READY', 'NOT_MEDIA'];

const plain = (status: number, text: string): Response => new Response(text, { status, headers: { 'content-type': 'text/plain' } });

/**
 * The answer for one request. The media file is opened for the request and closed when its body is done
 * (read, cancelled by a seek, or failed), so no decrypting handle outlives the study being locked or closed.
 */
function answer(session: MediaSession, code: string, range: string | null): MediaResponse {
  const study = session.study();
  const media = openMediaStore(study, session.actor());
  try {
    const res = answerRange(mediaSourceFor({ study, media }, code), range);
    if (res.body) finished(res.body, () => closeMediaStore(media));
    else closeMediaStore(media);
    return res;
  } catch (err) {
    closeMediaStore(media);
    throw err;
  }
}

/** One filmstrip picture, read whole (a few kilobytes) from the media file. */
function picture(session: MediaSession, code: string, index: number): Response {
  const media = openMediaStore(session.study(), session.actor());
  try {
    const jpeg = readThumbnail(media, code, index);
    return new Response(new Uint8Array(jpeg), { status: 200, headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'no-store' } });
  } finally {
    closeMediaStore(media);
  }
}

function respond(session: MediaSession, asked: MediaRequest, range: string | null): Response {
  if (asked.kind === 'thumbnail') return picture(session, asked.code, asked.index);
  const res = answer(session, asked.code, range);
  // A web stream: the player reads it as it arrives, and cancelling it destroys the file or database read.
  const body = res.body ? (Readable.toWeb(res.body) as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: res.status, headers: res.headers });
}

export function serveMedia(protocol: Protocol, sessionFor: () => MediaSession): void {
  protocol.handle(MEDIA_SCHEME, (request) => {
    const asked = mediaRequestFor(request.url);
    if (asked === null || request.method !== 'GET') return plain(404, 'Not found');
    const code = asked.code;
    try {
      return respond(sessionFor(), asked, request.headers.get('range'));
    } catch (err) {
      if (err instanceof AppError && NOT_FOUND_CODES.includes(err.code)) return plain(404, 'Not found');
      // The page learns only that it failed; the reason goes to the main process's log, without a stack.
      console.error(`3RS Station: media for ${code} could not be served: ${err instanceof Error ? err.message : String(err)}`);
      return plain(500, 'Media error');
    }
  });
}
