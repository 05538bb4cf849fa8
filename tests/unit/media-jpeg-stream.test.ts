import { describe, expect, it } from 'vitest';
import { splitJpegs, type JpegPicture } from '../../electron/core/media/jpeg-stream.ts';

/**
 * A small baseline JPEG, byte by byte: its comment holds an end marker's bytes, and its compressed data a
 * stuffed 0xFF and a restart marker, none of which may end the picture.
 */
function jpeg(width: number, height: number): Buffer {
  const segment = (code: number, body: number[]) => [0xff, code, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xfe, [0x41, 0xff, 0xd9, 0xff, 0xd8, 0x42]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xda, [1, 1, 0, 0, 63, 0]),
    0x12,
    0x34,
    0xff,
    0x00,
    0x56,
    0xff,
    0xd3,
    0x78,
    0x9a,
    0xff,
    0xd9,
  ]);
}

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function split(bytes: Buffer, size: number): Promise<JpegPicture[]> {
  const pictures: JpegPicture[] = [];
  for await (const picture of splitJpegs(inPieces(bytes, size))) pictures.push(picture);
  return pictures;
}

describe("splitting ffmpeg's pictures from one pipe", () => {
  const first = jpeg(160, 120);
  const second = jpeg(160, 90);
  const both = Buffer.concat([first, second]);

  it.each([1, 3, 7, both.length])('finds each picture whole and its size, however the pipe cuts the bytes (%i at a time)', async (size) => {
    const pictures = await split(both, size);
    expect(pictures.map((p) => [p.bytes.equals(first) || p.bytes.equals(second), p.width, p.height])).toEqual([
      [true, 160, 120],
      [true, 160, 90],
    ]);
    expect(Buffer.concat(pictures.map((p) => p.bytes)).equals(both)).toBe(true);
  });

  it('a stream that stops inside a picture, or that is not JPEG, is an error', async () => {
    await expect(split(both.subarray(0, both.length - 3), 64)).rejects.toMatchObject({
      code: 'MEDIA_FAILED',
      message: expect.stringMatching(/cut short/),
    });
    await expect(split(Buffer.from('not a picture'), 64)).rejects.toMatchObject({ code: 'MEDIA_FAILED' });
  });
});
