// Pictures out of a stream of JPEGs written end to end (ffmpeg's image2pipe), without a file per picture.
// A picture ends at its EOI marker; the marker bytes may also occur inside a header segment, so the
// segments are walked by their lengths, and the compressed data is scanned the way a decoder reads it.

import { AppError } from '../errors.ts';

export interface JpegPicture {
  bytes: Buffer;
  width: number;
  height: number;
}

/** A camera's full-size JPEG is a few MB; past this the stream is not JPEG pictures at all. */
const MAX_PICTURE_BYTES = 32 * 1024 * 1024;

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
/** Markers that stand alone, without a length: the restarts, and TEM. */
const standalone = (code: number): boolean => (code >= 0xd0 && code <= 0xd7) || code === 0x01;
/** Start-of-frame markers, which carry the picture's size (not DHT C4, JPG C8 or DAC CC). */
const startOfFrame = (code: number): boolean => code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;

const notJpeg = (why: string): AppError => new AppError('MEDIA_FAILED', `ffmpeg's pictures could not be read (${why}). Report this message.`);

interface Scan {
  end: number;
  width: number;
  height: number;
}

/** Where the picture at the start of `buf` ends, and its size; null while it is not complete. */
function scanJpeg(buf: Buffer): Scan | null {
  if (buf.length < 2) return null;
  if (buf[0] !== 0xff || buf[1] !== SOI) throw notJpeg('a picture does not start with a JPEG start marker');
  let width = 0;
  let height = 0;
  let p = 2;
  for (;;) {
    if (p >= buf.length) return null;
    if (buf[p] !== 0xff) throw notJpeg(`no marker where one must be, at byte ${p}`);
    while (p < buf.length && buf[p] === 0xff) p++; // fill bytes before a marker
    if (p >= buf.length) return null;
    const code = buf[p++]!;
    if (code === EOI) return { end: p, width, height };
    if (standalone(code)) continue;
    if (p + 2 > buf.length) return null;
    const length = buf.readUInt16BE(p);
    if (startOfFrame(code)) {
      if (p + 7 > buf.length) return null;
      height = buf.readUInt16BE(p + 3);
      width = buf.readUInt16BE(p + 5);
    }
    p += length;
    if (code === SOS) {
      // Compressed data: a 0xFF in it is followed by 0x00 (stuffing) or a restart marker; anything else is the next marker.
      for (;;) {
        p = buf.indexOf(0xff, p);
        if (p < 0 || p + 1 >= buf.length) return null;
        const next = buf[p + 1]!;
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        p += 2;
      }
    }
  }
}

/** Splits JPEGs written end to end into pictures; a stream that stops inside a picture is an error. */
export async function* splitJpegs(stream: AsyncIterable<Buffer>): AsyncGenerator<JpegPicture> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const piece of stream) {
    pending = pending.length ? Buffer.concat([pending, piece]) : piece;
    for (let scan = scanJpeg(pending); scan; scan = scanJpeg(pending)) {
      yield { bytes: Buffer.from(pending.subarray(0, scan.end)), width: scan.width, height: scan.height };
      pending = pending.subarray(scan.end);
    }
    if (pending.length > MAX_PICTURE_BYTES) throw notJpeg(`a picture is larger than ${MAX_PICTURE_BYTES / (1024 * 1024)} MB`);
  }
  if (pending.length > 0) throw notJpeg('the last picture is cut short');
}
