import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ffmpegEncoders, ffmpegInfo, lastMeaningfulLine, probeMedia, resolveTool, runTool } from '../../electron/core/media/ffmpeg.ts';
import { parseOutTime, runFfmpeg } from '../../electron/core/media/ffmpeg-job.ts';
import { proxyPlan } from '../../electron/core/media/proxy.ts';
import { PeakAccumulator } from '../../electron/core/media/waveform.ts';
import { keyframeTimes, makeClip } from '../helpers/video.ts';

const dir = mkdtempSync(join(tmpdir(), '3rs-ffmpeg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('which ffmpeg runs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env['FFMPEG_PATH'] = saved['FFMPEG_PATH'];
    if (saved['FFMPEG_PATH'] === undefined) delete process.env['FFMPEG_PATH'];
  });

  it('FFMPEG_PATH wins, then the static build shipped in the npm package', () => {
    process.env['FFMPEG_PATH'] = '/opt/lab/ffmpeg';
    expect(resolveTool('ffmpeg')).toEqual({ path: '/opt/lab/ffmpeg', source: 'env' });
    delete process.env['FFMPEG_PATH'];
    const bundled = resolveTool('ffmpeg');
    expect(bundled.source).toBe('bundled');
    expect(bundled.path).toContain(`${sep}@ffmpeg-installer${sep}`);
  });

  it('a missing program is named, with what to do', async () => {
    process.env['FFMPEG_PATH'] = join(dir, 'no-ffmpeg-here');
    await expect(runTool('ffmpeg', ['-version'])).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/Cannot run ffmpeg .*set FFMPEG_PATH/),
    });
  });

  it('tells its paths and versions, and has the encoders proxies are made with', async () => {
    const info = await ffmpegInfo();
    expect(info.ffmpeg).toMatchObject({ source: 'bundled', version: expect.stringMatching(/\S/) });
    expect(info.ffprobe).toMatchObject({ source: 'bundled', version: expect.stringMatching(/\S/) });
    const encoders = await ffmpegEncoders();
    for (const name of ['libx264', 'libvpx-vp9', 'libopus', 'aac']) expect(encoders.has(name), name).toBe(true);
  });

  it('the bundled ffprobe reads MPEG-TS (.mts) files, which crash it when it loads the system iconv', async () => {
    expect(await probeMedia(await makeClip(dir, { format: 'h264-mts', seconds: 2 }))).toMatchObject({ container: 'mpegts', videoCodec: 'h264' });
  });
});

describe('ffmpeg jobs', () => {
  it('reads progress times and the last line worth showing', () => {
    expect(parseOutTime('00:01:02.500000')).toBe(62_500);
    expect(parseOutTime('N/A')).toBeNull();
    expect(lastMeaningfulLine('[mpeg4 @ 0x1] Error at MB: 4\n    Last message repeated 9 times\nprogress=end\n')).toBe('Error at MB: 4');
  });

  it('without libx264 the proxy is VP9 with AAC in fragmented MP4, keyframes every 2 s, the picture starting at 0 s', async () => {
    const source = await makeClip(dir, { format: 'mpeg2-mpg', seconds: 5 });
    const plan = proxyPlan(new Set(['libvpx-vp9', 'libopus']), { code: 'X', videoCodec: 'mpeg2video', audioCodec: 'mp2' });
    expect(plan).toMatchObject({ contentType: 'video/mp4', videoCodec: 'vp9', audioCodec: 'aac' });
    const out = join(dir, 'proxy.mp4');
    await runFfmpeg({ args: ['-i', source, ...plan.args, out], task: 'testing' });
    expect(await probeMedia(out)).toMatchObject({ videoCodec: 'vp9', audioCodec: 'aac', width: 160, height: 120 });
    expect(await keyframeTimes(out)).toEqual([0, 2, 4]);
  });

  it('an ffmpeg that can make neither H.264 nor VP9 is refused with advice', () => {
    expect(() => proxyPlan(new Set(['aac']), { code: 'D01-S01', videoCodec: 'wmv2', audioCodec: 'wmav2' })).toThrow(
      expect.objectContaining({ code: 'MEDIA_FAILED', message: expect.stringMatching(/set FFMPEG_PATH/) }),
    );
    // Sound alone needs only the AAC encoder every ffmpeg has.
    expect(proxyPlan(new Set(['aac']), { code: 'D01-S01', videoCodec: null, audioCodec: 'wmav2' })).toMatchObject({
      contentType: 'audio/mp4',
      videoCodec: null,
      audioCodec: 'aac',
    });
  });
});

describe('waveform peaks', () => {
  it('folds 16-bit samples into min/max pairs of 400 samples, even when a chunk splits a sample', () => {
    const samples = Int16Array.from({ length: 900 }, (_, i) => (i < 400 ? (i % 2 ? 100 : -100) : i < 800 ? 5 : -7));
    const bytes = Buffer.from(samples.buffer);
    const peaks = new PeakAccumulator();
    peaks.add(bytes.subarray(0, 401)); // ends inside sample 200
    peaks.add(bytes.subarray(401, 1001));
    peaks.add(bytes.subarray(1001));
    expect(Array.from(peaks.finish())).toEqual([-100, 100, 5, 5, -7, -7]);
  });
});
