import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../electron/core/media/range.ts';
import { answerRange, type MediaSource } from '../../electron/core/media/serve.ts';

const bytes = Buffer.from('0123456789');
const source: MediaSource = {
  size: bytes.length,
  contentType: 'video/webm',
  open: (start, end) => Readable.from([bytes.subarray(start, end + 1)]),
};

describe('byte ranges', () => {
  it.each([
    ['bytes=0-3', { start: 0, end: 3 }],
    ['bytes=4-', { start: 4, end: 9 }],
    ['bytes=-3', { start: 7, end: 9 }],
    ['bytes=-50', { start: 0, end: 9 }],
    ['bytes=8-100', { start: 8, end: 9 }],
    ['BYTES = 2 - 2', { start: 2, end: 2 }],
  ])('%s is read as %o (end capped at size − 1)', (header, expected) => {
    expect(parseRange(header, 10)).toEqual(expected);
  });

  it.each([[undefined], [''], ['items=0-1'], ['bytes=0-1,4-5'], ['bytes=5-2'], ['bytes=-']])('%s means the whole resource', (header) => {
    expect(parseRange(header, 10)).toBeNull();
  });

  it('a range that starts past the end cannot be satisfied', () => {
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
  });
});

describe('answering a media request', () => {
  it('answers a range with 206, Content-Range and only those bytes', async () => {
    const res = answerRange(source, 'bytes=2-5');
    expect(res.status).toBe(206);
    expect(res.headers).toMatchObject({
      'Content-Range': 'bytes 2-5/10',
      'Content-Length': '4',
      'Accept-Ranges': 'bytes',
      'Content-Type': 'video/webm',
    });
    expect(await text(res.body!)).toBe('2345');
  });

  it('answers no range with 200 and the whole body, still advertising ranges', async () => {
    const res = answerRange(source, null);
    expect(res.status).toBe(200);
    expect(res.headers['Accept-Ranges']).toBe('bytes');
    expect(await text(res.body!)).toBe('0123456789');
  });

  it('answers a range past the end with 416 and the size', () => {
    const res = answerRange(source, 'bytes=99-');
    expect(res).toMatchObject({ status: 416, body: null, headers: { 'Content-Range': 'bytes */10' } });
  });
});
