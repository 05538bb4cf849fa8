// The bytes behind media://recording/<code> (the original, or its decrypted proxy, range by range) and
// media://thumbnail/<code>/<index> (one filmstrip picture), read where the study's key is: in the worker.

import { finished, Readable } from 'node:stream';
import type { Session } from '../core/api/session.ts';
import { answerRange } from '../core/media/serve.ts';
import { mediaSourceFor } from '../core/media/sources.ts';
import { closeMediaStore, openMediaStore } from '../core/media/store.ts';
import { readThumbnail } from '../core/media/thumbnails.ts';
import type { MediaAsk, MediaHead } from './protocol.ts';

/** The window's session: its open study, and who to name if opening the media file first makes its key. */
export type MediaSession = Pick<Session, 'study' | 'actor'>;

export interface MediaAnswer {
  head: MediaHead;
  body: Readable | null;
}

/**
 * A range of a recording. The media file is opened for the request and closed when its body is done (read,
 * cancelled by a seek, or failed), so no decrypting handle outlives the study being locked or closed.
 */
function recording(session: MediaSession, code: string, range: string | null): MediaAnswer {
  const study = session.study();
  const media = openMediaStore(study, session.actor());
  try {
    const { status, headers, body } = answerRange(mediaSourceFor({ study, media }, code), range);
    if (body) finished(body, () => closeMediaStore(media));
    else closeMediaStore(media);
    return { head: { status, headers }, body };
  } catch (err) {
    closeMediaStore(media);
    throw err;
  }
}

/** One filmstrip picture, read whole (a few kilobytes) from the media file. */
function picture(session: MediaSession, code: string, index: number): MediaAnswer {
  const media = openMediaStore(session.study(), session.actor());
  try {
    const jpeg = readThumbnail(media, code, index);
    return { head: { status: 200, headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'no-store' } }, body: Readable.from([jpeg]) };
  } finally {
    closeMediaStore(media);
  }
}

/** The answer to one media request; throws an AppError when there is nothing to play (see the codes main answers 404 for). */
export function readMedia(session: MediaSession, asked: MediaAsk, range: string | null): MediaAnswer {
  return asked.kind === 'thumbnail' ? picture(session, asked.code, asked.index) : recording(session, asked.code, range);
}
