import type { Readable } from 'node:stream';
import { parseRange } from './range.ts';

/** Anything that can hand out a byte range of itself as a stream: an original file or a decrypted proxy. */
export interface MediaSource {
  size: number;
  contentType: string;
  /** A stream of bytes start..end, both inclusive. */
  open(start: number, end: number): Readable;
}

export interface MediaResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: Readable | null;
}

/**
 * The one answer to a media request, shared by Electron's protocol handler and the browser test harness,
 * so seeking behaves the same in both. Always advertises ranges: without it Chromium will not seek.
 */
export function answerRange(source: MediaSource, rangeHeader: string | null | undefined): MediaResponse {
  const { size, contentType } = source;
  const base = { 'Accept-Ranges': 'bytes', 'Content-Type': contentType, 'Cache-Control': 'no-store' };
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' }, body: null };
  }
  if (range === null) {
    return { status: 200, headers: { ...base, 'Content-Length': String(size) }, body: size > 0 ? source.open(0, size - 1) : null };
  }
  return {
    status: 206,
    headers: { ...base, 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(range.end - range.start + 1) },
    body: source.open(range.start, range.end),
  };
}
