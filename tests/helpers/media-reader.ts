// The media scheme's reader over a session in this process, for tests that look inside the read (the media file
// closed, a failing study): the app reads through the core's worker (startCore), which streams the same answer.

import { Readable } from 'node:stream';
import type { MediaReader } from '../../electron/main/media-protocol.ts';
import { readMedia, type MediaSession } from '../../electron/worker/media.ts';

export function mediaReaderOf(session: () => MediaSession): MediaReader {
  return async (asked, range) => {
    const { head, body } = readMedia(session(), asked, range);
    return { ...head, body: body ? (Readable.toWeb(body) as ReadableStream<Uint8Array>) : null };
  };
}
