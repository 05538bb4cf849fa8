import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../electron/core/media/ffmpeg.ts';
import { directContentType, isAudioOnly, playability, type PlaybackFacts } from '../../electron/core/media/playability.ts';
import { makeClip, type ClipFormat } from '../helpers/video.ts';

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';
const MKV = 'matroska,webm';
const facts = (container: string, videoCodec: string | null, audioCodec: string | null, pixFmt: string | null = 'yuv420p'): PlaybackFacts => ({
  container,
  videoCodec,
  audioCodec,
  pixFmt: videoCodec ? pixFmt : null,
});

describe('which recordings play as they are', () => {
  it.each([
    ['H.264 in MP4 with AAC', facts(MP4, 'h264', 'aac'), 'video/mp4'],
    ['H.264 in full-range 4:2:0, as many cameras write it', facts(MP4, 'h264', 'aac', 'yuvj420p'), 'video/mp4'],
    ['H.264 without sound', facts(MP4, 'h264', null), 'video/mp4'],
    ['VP9 with Opus in WebM', facts(MKV, 'vp9', 'opus'), 'video/webm'],
    ['VP8 with Vorbis in WebM', facts(MKV, 'vp8', 'vorbis'), 'video/webm'],
    ['AV1 in WebM', facts(MKV, 'av1', 'opus'), 'video/webm'],
    ['AAC audio in .m4a', facts(MP4, null, 'aac'), 'audio/mp4'],
    ['MP3 audio', facts('mp3', null, 'mp3'), 'audio/mpeg'],
    ['Opus in Ogg', facts('ogg', null, 'opus'), 'audio/ogg'],
    ['16-bit WAV', facts('wav', null, 'pcm_s16le'), 'audio/wav'],
    ['FLAC', facts('flac', null, 'flac'), 'audio/flac'],
  ])('%s: direct', (_label, f, contentType) => {
    expect(playability(f)).toBe('direct');
    expect(directContentType(f)).toBe(contentType);
  });

  it.each([
    ['MPEG-2 in MPEG-PS (.mpg)', facts('mpeg', 'mpeg2video', 'mp2')],
    ['MPEG-4 Part 2 in AVI', facts('avi', 'mpeg4', 'mp3')],
    ['WMV', facts('asf', 'wmv2', 'wmav2')],
    ['H.264 in Matroska (.mkv), a container Chromium does not promise', facts(MKV, 'h264', 'aac')],
    ['AAC in WebM, which WebM does not allow', facts(MKV, 'vp9', 'aac')],
    ['H.264 in MPEG-TS (.mts)', facts('mpegts', 'h264', 'ac3')],
    ['H.264 in MOV with uncompressed PCM sound', facts(MP4, 'h264', 'pcm_s16le')],
    ['10-bit H.264', facts(MP4, 'h264', 'aac', 'yuv420p10le')],
    ['4:2:2 H.264', facts(MP4, 'h264', 'aac', 'yuv422p')],
    ['H.264 whose pixel format was never recorded', facts(MP4, 'h264', 'aac', null)],
    ['WMA audio', facts('asf', null, 'wmav2')],
    ['AMR audio in 3GP', facts(MP4, null, 'amr_nb')],
  ])('%s: needs a proxy', (_label, f) => {
    expect(playability(f)).toBe('proxy');
    expect(directContentType(f)).toBeNull();
  });

  it('a file with no stream in a format ffmpeg knows cannot be played at all', () => {
    expect(playability(facts('avi', null, null))).toBe('none');
    expect(directContentType(facts('avi', null, null))).toBeNull();
  });

  it('audio only means no pictures to code nonverbal signs from', () => {
    expect(isAudioOnly(facts(MP4, null, 'aac'))).toBe(true);
    expect(isAudioOnly(facts(MP4, 'h264', 'aac'))).toBe(false);
    expect(isAudioOnly(facts(MP4, 'h264', null))).toBe(false);
  });
});

describe('playability of real files made by ffmpeg, as probed', () => {
  const dir = mkdtempSync(join(tmpdir(), '3rs-play-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[ClipFormat, 'direct' | 'proxy', string, string | null]>([
    ['h264-mp4', 'direct', 'h264', 'aac'],
    ['h264-mov', 'direct', 'h264', 'aac'],
    ['vp9-webm', 'direct', 'vp9', 'opus'],
    ['mp3-audio', 'direct', '', 'mp3'],
    ['wav-audio', 'direct', '', 'pcm_s16le'],
    ['mpeg2-mpg', 'proxy', 'mpeg2video', 'mp2'],
    ['mpeg4-avi', 'proxy', 'mpeg4', 'mp3'],
    ['wmv', 'proxy', 'wmv2', 'wmav2'],
    ['h264-mkv', 'proxy', 'h264', 'aac'],
    ['h264-mts', 'proxy', 'h264', 'ac3'],
    ['h264-pcm-mov', 'proxy', 'h264', 'pcm_s16le'],
    ['h264-10bit-mp4', 'proxy', 'h264', 'aac'],
    ['wma-audio', 'proxy', '', 'wmav2'],
  ])('%s plays %s', async (format, expected, videoCodec, audioCodec) => {
    const probed = await probeMedia(await makeClip(dir, { format, seconds: 2 }));
    expect(probed).toMatchObject({ videoCodec: videoCodec || null, audioCodec });
    if (videoCodec) expect(probed.pixFmt).toMatch(/^yuv/);
    expect(playability(probed)).toBe(expected);
  });
});
