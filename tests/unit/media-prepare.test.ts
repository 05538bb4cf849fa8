import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { probeMedia } from '../../electron/core/media/ffmpeg.ts';
import { prepareMedia, type PrepareProgress } from '../../electron/core/media/prepare.ts';
import { proxyStatus } from '../../electron/core/media/proxy.ts';
import { answerRange } from '../../electron/core/media/serve.ts';
import { mediaSourceFor, type MediaContext } from '../../electron/core/media/sources.ts';
import { closeMediaStore, openMediaStore } from '../../electron/core/media/store.ts';
import { readThumbnail, readThumbnails } from '../../electron/core/media/thumbnails.ts';
import { readWaveform } from '../../electron/core/media/waveform.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { getRecording } from '../../electron/core/recordings/registry.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { ACTOR, makeStudy } from '../helpers/study.ts';
import { keyframeTimes, makeClip, type ClipOptions } from '../helpers/video.ts';

// One study for the file: each test adds its own recordings under its own codes.
const root = mkdtempSync(join(tmpdir(), '3rs-prepare-'));
const videos = join(root, 'vidéos de séance');
let ctx: MediaContext;

/** TMPDIR during each test: a job must write nothing there, and a test can see that it did not. */
const jobTemp = join(root, 'job temp');
const savedTmpdir = process.env['TMPDIR'];

beforeAll(() => {
  mkdirSync(videos);
  mkdirSync(jobTemp);
  const study = makeStudy(root, 60);
  ctx = { study, media: openMediaStore(study, ACTOR) };
});
afterAll(() => {
  closeMediaStore(ctx.media);
  closeStudy(ctx.study);
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  process.env['TMPDIR'] = jobTemp;
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmpdir;
});

async function addClip(code: string, clip: ClipOptions) {
  const path = await makeClip(videos, clip);
  return addRecording(ctx.study.db, { videoPath: path, code }, ACTOR);
}

async function decryptedWhole(code: string): Promise<Buffer> {
  const source = mediaSourceFor(ctx, code);
  return buffer(source.open(0, source.size - 1));
}

describe('preparing a recording that Chromium cannot play', () => {
  it.each([
    ['MPEG-2 in an .mpg', 'D01-S01', { format: 'mpeg2-mpg', seconds: 25 }, 10],
    ['MPEG-4 Part 2 in an .avi', 'D01-S02', { format: 'mpeg4-avi', seconds: 23 }, 4],
  ] as const)('%s gets an encrypted H.264 proxy that seeks, a filmstrip and a waveform', async (_label, code, clip, every) => {
    const rec = await addClip(code, { ...clip, name: `${code} séance.${clip.format.split('-')[1]}` });
    const progress: PrepareProgress[] = [];
    const result = await prepareMedia(ctx, code, { thumbnailEverySeconds: every, onProgress: (p) => progress.push(p), actor: ACTOR });

    expect(proxyStatus(ctx.media, rec)).toBe('ready');
    const whole = await decryptedWhole(code);
    expect(result.proxy).toEqual({ contentType: 'video/mp4', bytes: whole.length });
    const plain = join(root, `${code}-decrypted.mp4`);
    writeFileSync(plain, whole);
    try {
      const made = await probeMedia(plain);
      expect(made.videoCodec).toBe('h264');
      expect(made.audioCodec).toBe('aac');
      expect(Math.abs(made.durationMs - rec.durationMs)).toBeLessThanOrEqual(500);
      const keys = await keyframeTimes(plain);
      const gaps = [...keys.slice(1), made.durationMs / 1000].map((t, i) => t - keys[i]!);
      expect(keys[0]).toBeLessThan(0.1);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(2.05);
    } finally {
      rmSync(plain);
    }

    const strip = readThumbnails(ctx.media, code);
    expect(strip).toEqual({ everySeconds: every, count: Math.ceil(rec.durationMs / 1000 / every), width: 160, height: 120 });
    for (const i of [0, strip.count - 1]) expect(readThumbnail(ctx.media, code, i).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(() => readThumbnail(ctx.media, code, strip.count)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));

    const wave = readWaveform(ctx.media, code);
    expect(wave.bucketsPerSecond).toBe(20);
    expect(Math.abs(wave.peaks.length / 2 - (rec.durationMs / 1000) * 20)).toBeLessThanOrEqual(2);
    // A 440 Hz tone: every bucket swings well below and above zero.
    expect(wave.peaks[20]).toBeLessThan(-1000);
    expect(wave.peaks[21]).toBeGreaterThan(1000);

    expect(new Set(progress.map((p) => p.stage))).toEqual(new Set(['proxy', 'thumbnails', 'waveform']));
    expect(progress.filter((p) => p.stage === 'proxy').at(-1)?.percent).toBe(100);
    expect(readdirSync(jobTemp)).toEqual([]);
    expect(listAudit(ctx.study.db, { entity: 'recording' })[0]).toMatchObject({ action: 'media.prepare', entityId: code });
  });

  it('serves byte ranges of the encrypted proxy equal to the same slices of the whole, and 416 past the end', async () => {
    const whole = await decryptedWhole('D01-S01');
    const source = mediaSourceFor(ctx, 'D01-S01');
    expect(whole.length).toBeGreaterThan(256 * 1024 + 10); // so ranges cross a chunk boundary
    for (const [start, end] of [
      [0, 1],
      [262_140, 262_150],
      [100_000, 500_000],
      [whole.length - 5, whole.length - 1],
    ] as const) {
      const res = answerRange(source, `bytes=${start}-${end}`);
      expect(res.status).toBe(206);
      expect(res.headers['Content-Type']).toBe('video/mp4');
      expect((await buffer(res.body!)).equals(whole.subarray(start, end + 1))).toBe(true);
    }
    const tail = answerRange(source, `bytes=${whole.length - 100}-${whole.length + 100}`);
    expect(tail.headers['Content-Range']).toBe(`bytes ${whole.length - 100}-${whole.length - 1}/${whole.length}`);
    expect(answerRange(source, `bytes=${whole.length}-`).status).toBe(416);
  });

  it('making it again replaces every part in one step', async () => {
    const before = ctx.media.db.prepare(`SELECT id FROM assets WHERE status = 'ready'`).all();
    await prepareMedia(ctx, 'D01-S01', { actor: ACTOR });
    const rows = ctx.media.db
      .prepare(
        `SELECT a.kind, count(c.idx) AS chunks FROM assets a LEFT JOIN chunks c ON c.asset_id = a.id WHERE a.recording_sha256 = ? GROUP BY a.id`,
      )
      .all(getRecording(ctx.study.db, 'D01-S01').sha256) as { kind: string; chunks: number }[];
    expect(rows.map((r) => r.kind).sort()).toEqual(['proxy', 'thumbs', 'waveform']);
    expect(ctx.media.db.prepare(`SELECT id FROM assets WHERE status = 'ready'`).all()).not.toEqual(before);
  });

  it('a cancel during the proxy stops ffmpeg, keeps nothing and leaves no temporary file', async () => {
    const rec = await addClip('D02-S01', { format: 'mpeg2-mpg', seconds: 60, size: '320x240', fps: 25 });
    const controller = new AbortController();
    const job = prepareMedia(ctx, rec.code, {
      signal: controller.signal,
      actor: ACTOR,
      onProgress: (p) => {
        if (p.stage === 'proxy' && p.percent > 0) controller.abort();
      },
    });
    await expect(job).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/cancelled; nothing was kept/) });
    expect(controller.signal.aborted).toBe(true);
    expect(proxyStatus(ctx.media, rec)).toBe('missing');
    expect(ctx.media.db.prepare('SELECT count(*) AS n FROM assets WHERE recording_sha256 = ?').get(rec.sha256)).toEqual({ n: 0 });
    expect(readdirSync(jobTemp)).toEqual([]);
    expect(listAudit(ctx.study.db, { entity: 'recording' })[0]).toMatchObject({ action: 'media.prepare.failed', entityId: rec.code });
  });

  it('a recording damaged halfway fails with ffmpeg named, records the failure and leaves no temporary file', async () => {
    const good = await makeClip(videos, { format: 'mpeg4-avi', seconds: 20, name: 'abîmé.avi' });
    // Zeros over the middle: the header still promises 20 s, but ffmpeg can decode only the start.
    const size = statSync(good).size;
    const fd = openSync(good, 'r+');
    writeSync(fd, Buffer.alloc(Math.floor(size / 2)), 0, Math.floor(size / 2), Math.floor(size / 3));
    closeSync(fd);
    const rec = await addRecording(ctx.study.db, { videoPath: good, code: 'D03-S01' }, ACTOR);
    const failure = prepareMedia(ctx, rec.code, { actor: ACTOR });
    await expect(failure).rejects.toMatchObject({
      code: 'MEDIA_FAILED',
      message: expect.stringMatching(/playable copy of D03-S01 failed: ffmpeg could read only .* damaged/),
    });
    expect(proxyStatus(ctx.media, rec)).toBe('failed');
    expect(readdirSync(jobTemp)).toEqual([]);
    expect(() => mediaSourceFor(ctx, rec.code)).toThrow(
      expect.objectContaining({ code: 'MEDIA_NOT_READY', message: expect.stringMatching(/failed last time.*Prepare the media of D03-S01/) }),
    );
  });
});

describe('recordings that play as they are', () => {
  it('are served from the original file; only the filmstrip and waveform are made', async () => {
    const rec = await addClip('D04-S01', { format: 'vp9-webm', seconds: 12 });
    const source = mediaSourceFor(ctx, rec.code);
    expect(source).toMatchObject({ size: rec.sizeBytes, contentType: 'video/webm' });
    expect((await buffer(source.open(0, source.size - 1))).equals(readFileSync(rec.path))).toBe(true);
    const result = await prepareMedia(ctx, rec.code, { actor: ACTOR });
    expect(result).toMatchObject({ proxy: null, thumbnails: { count: 2, everySeconds: 10 }, waveform: { buckets: expect.any(Number) } });
    expect(proxyStatus(ctx.media, rec)).toBe('missing');
  });

  it('an audio-only recording gets a waveform and no filmstrip', async () => {
    const rec = await addClip('D04-S02', { format: 'mp3-audio', seconds: 5 });
    expect(mediaSourceFor(ctx, rec.code).contentType).toBe('audio/mpeg');
    expect(await prepareMedia(ctx, rec.code, { actor: ACTOR })).toMatchObject({
      proxy: null,
      thumbnails: null,
      waveform: { buckets: expect.any(Number) },
    });
    expect(() => readThumbnails(ctx.media, rec.code)).toThrow(
      expect.objectContaining({ code: 'NOT_MEDIA', message: expect.stringMatching(/audio only/) }),
    );
  });

  it('a proxy that was never made is asked for by name', async () => {
    await addClip('D05-S01', { format: 'wmv', seconds: 2 });
    expect(() => mediaSourceFor(ctx, 'D05-S01')).toThrow(
      expect.objectContaining({ code: 'MEDIA_NOT_READY', message: expect.stringMatching(/not been made yet.*media prepare/) }),
    );
  });
});
