import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia, runTool } from '../../electron/core/media/ffmpeg.ts';
import { ffmpegOutput } from '../../electron/core/media/ffmpeg-job.ts';
import { FragmentedMp4Index } from '../../electron/core/media/fmp4-index.ts';
import { proxyPlan } from '../../electron/core/media/proxy.ts';
import { keyframeTimes, makeClip } from '../helpers/video.ts';

const dir = mkdtempSync(join(tmpdir(), '3rs-fmp4-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = 256 * 1024;

interface Box {
  type: string;
  at: number;
  size: number;
}

function topLevelBoxes(file: Buffer): Box[] {
  const boxes: Box[] = [];
  for (let at = 0; at < file.length;) {
    const size = file.readUInt32BE(at);
    boxes.push({ type: file.toString('latin1', at + 4, at + 8), at, size });
    at += size;
  }
  return boxes;
}

/** The fields of a version-1 sidx: whose track, where its first fragment lies, and each fragment's size and duration. */
function readSidx(file: Buffer, box: Box) {
  const count = file.readUInt16BE(box.at + 38);
  const refs = Array.from({ length: count }, (_, i) => ({
    bytes: file.readUInt32BE(box.at + 40 + 12 * i),
    duration: file.readUInt32BE(box.at + 44 + 12 * i),
  }));
  return {
    track: file.readUInt32BE(box.at + 12),
    timescale: file.readUInt32BE(box.at + 16),
    firstOffset: Number(file.readBigUInt64BE(box.at + 28)),
    refs,
  };
}

const SECONDS = 30;

/** ffmpeg writes a recording's playable copy to a pipe; the index passes it on and will build its head. */
async function proxyThroughIndex(): Promise<{ index: FragmentedMp4Index; body: Buffer }> {
  const source = await makeClip(dir, { format: 'mpeg2-mpg', seconds: SECONDS });
  const plan = proxyPlan(new Set(['libx264']), { code: 'T', videoCodec: 'mpeg2video', audioCodec: 'mp2' });
  const index = new FragmentedMp4Index();
  const pieces: Buffer[] = [];
  for await (const piece of index.body(ffmpegOutput({ args: ['-i', source, ...plan.args, 'pipe:1'], task: 'testing' })))
    pieces.push(Buffer.from(piece));
  return { index, body: Buffer.concat(pieces) };
}

/** How many fragments ffprobe reads to tell what the file holds. */
async function fragmentsRead(path: string): Promise<number> {
  const { stderr } = await runTool('ffprobe', ['-v', 'trace', '-i', path]);
  return stderr.match(/type:'moof'/g)?.length ?? 0;
}

describe('a fragmented copy from a pipe gets its index at the head', () => {
  let index: FragmentedMp4Index;
  let file: Buffer;
  let body: Buffer;
  let path: string;
  beforeAll(async () => {
    ({ index, body } = await proxyThroughIndex());
    file = Buffer.concat([index.head(HEAD), body]);
    path = join(dir, 'indexed.mp4');
    writeFileSync(path, file);
  });

  it('the head fills the room kept for it: ftyp, moov, free, then one sidx per track; the fragments follow, without the closing mfra', () => {
    const boxes = topLevelBoxes(file);
    expect(boxes.slice(0, 6).map((b) => b.type)).toEqual(['ftyp', 'moov', 'free', 'sidx', 'sidx', 'moof']);
    expect(boxes[5]!.at).toBe(HEAD);
    expect(new Set(boxes.slice(5).map((b) => b.type))).toEqual(new Set(['moof', 'mdat']));
    expect(file.subarray(HEAD).equals(body)).toBe(true);
  });

  it('each sidx lists every fragment, 2 s each, whose sizes add up to the rest of the file', () => {
    const boxes = topLevelBoxes(file);
    const [video, audio] = boxes.filter((b) => b.type === 'sidx').map((b) => readSidx(file, b));
    expect(video!.firstOffset).toBe(boxes[4]!.size); // skips the audio track's sidx
    expect(audio!.firstOffset).toBe(0);
    for (const sidx of [video!, audio!]) {
      expect(sidx.refs.length).toBe(boxes.filter((b) => b.type === 'moof').length);
      expect(sidx.refs.reduce((sum, r) => sum + r.bytes, 0)).toBe(file.length - HEAD);
    }
    expect(video!.refs.slice(0, -1).every((r) => r.duration === 2 * video!.timescale)).toBe(true);
    expect(video!.refs.reduce((sum, r) => sum + r.duration, 0) / video!.timescale).toBeCloseTo(SECONDS, 1);
  });

  it('a player learns the duration and the seek points from the head and a fragment or two, and keyframes lie every 2 s from 0', async () => {
    expect(await fragmentsRead(path)).toBeLessThanOrEqual(2);
    expect((await probeMedia(path)).durationMs).toBeGreaterThan(SECONDS * 1000 - 100);
    expect(await keyframeTimes(path)).toEqual(Array.from({ length: SECONDS / 2 }, (_, i) => 2 * i));
  });

  it('passes the copy on as it comes, never holding it whole: every piece goes on before ffmpeg has finished', async () => {
    const source = await makeClip(dir, { format: 'mpeg2-mpg', seconds: SECONDS });
    const plan = proxyPlan(new Set(['libx264']), { code: 'T', videoCodec: 'mpeg2video', audioCodec: 'mp2' });
    let ffmpegDone = false;
    async function* watched() {
      const exit = yield* ffmpegOutput({ args: ['-i', source, ...plan.args, 'pipe:1'], task: 'testing' });
      ffmpegDone = true;
      return exit;
    }
    const doneAtEachPiece: boolean[] = [];
    for await (const piece of new FragmentedMp4Index().body(watched())) doneAtEachPiece.push(ffmpegDone && piece.length > 0);
    expect(doneAtEachPiece.length).toBeGreaterThan(SECONDS / 2);
    expect(doneAtEachPiece.every((done) => !done)).toBe(true);
  });

  it('without room for the index the head holds ftyp and moov alone: the copy still plays whole, but a player reads every fragment', async () => {
    const [ftyp, moov] = topLevelBoxes(file);
    const small = Buffer.concat([index.head(ftyp!.size + moov!.size + 64), body]);
    expect(
      topLevelBoxes(small)
        .slice(0, 4)
        .map((b) => b.type),
    ).toEqual(['ftyp', 'moov', 'free', 'moof']);
    const plain = join(dir, 'unindexed.mp4');
    writeFileSync(plain, small);
    expect((await probeMedia(plain)).durationMs).toBeGreaterThan(SECONDS * 1000 - 100);
    expect(await fragmentsRead(plain)).toBeGreaterThanOrEqual(SECONDS / 2);
  });
});
