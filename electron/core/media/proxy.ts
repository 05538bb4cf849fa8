// The playable copy of a recording Chromium cannot decode: small, quick to make, quick to seek.

import type { Recording } from '../recordings/registry.ts';
import { AppError } from '../errors.ts';
import { findAsset } from './assets.ts';
import type { MediaStore } from './store.ts';

export interface ProxyPlan {
  contentType: string;
  /** The codecs of the copy, as ffprobe names them. */
  videoCodec: string | null;
  audioCodec: string | null;
  /** ffmpeg arguments from the stream choices to the muxer, without input and output. */
  args: string[];
}

/** Fit inside 640x360 in display pixels (anamorphic sources are squared up), never upscale, even sizes. */
const FIT = 'min(1,min(640/(iw*sar),360/ih))';
const SCALE = `scale=w='trunc(${FIT}*iw*sar/2)*2':h='trunc(${FIT}*ih/2)*2',setsar=1`;

/** A keyframe at least every 2 s, whatever the frame rate, so any seek decodes at most 2 s of video. */
const KEYFRAMES = ['-force_key_frames', 'expr:gte(t,n_forced*2)'];

/** No titles, comments or chapters from the original (they may name people) in the copy. */
const STRIP = ['-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1'];

/**
 * Fragmented MP4, so the copy can be written to a pipe and stored encrypted as it is made: an index without
 * samples first, then self-contained fragments, each starting at a keyframe (every 2 s of sound for audio
 * only), and at the end a fragment index (mfra) from which players take the duration and the seek points.
 * delay_moov writes that first index once the first fragment is known, with the edit lists that start
 * the picture at 0 s (B-frames would otherwise shift it by two frames) and hide AAC's priming samples.
 */
const MOVFLAGS = 'empty_moov+delay_moov+default_base_moof';
const FRAGMENTED = (hasVideo: boolean): string[] =>
  hasVideo ? ['-movflags', `frag_keyframe+${MOVFLAGS}`] : ['-movflags', MOVFLAGS, '-frag_duration', '2000000'];

/**
 * Bytes to keep ahead of the fragments for the copy's head (see fmp4-index.ts): ftyp and moov take a few
 * kilobytes; the sidx 12 bytes a fragment, with room for twice the fragments the 2-s keyframes make
 * (encoders add some at scene cuts).
 */
export const proxyHeadRoom = (durationMs: number): number => 64 * 1024 + 12 * 2 * (Math.ceil(durationMs / 2000) + 1);

/**
 * H.264 when this ffmpeg has libx264 (Electron and Chromium play it, and x264's fast presets keep an hour
 * of video within minutes on two cores), else VP9; the sound in AAC, which every ffmpeg can encode.
 */
export function proxyPlan(encoders: ReadonlySet<string>, rec: Pick<Recording, 'code' | 'videoCodec' | 'audioCodec'>): ProxyPlan {
  const hasVideo = rec.videoCodec !== null;
  const hasAudio = rec.audioCodec !== null;
  const streams = [...(hasVideo ? ['-map', '0:v:0'] : ['-vn']), ...(hasAudio ? ['-map', '0:a:0'] : ['-an']), ...STRIP];
  const audio = hasAudio ? ['-c:a', 'aac', '-b:a', '96k'] : [];
  const container = [...FRAGMENTED(hasVideo), '-f', 'mp4'];
  const audioCodec = hasAudio ? 'aac' : null;
  if (!hasVideo) return { contentType: 'audio/mp4', videoCodec: null, audioCodec, args: [...streams, ...audio, ...container] };
  if (encoders.has('libx264')) {
    const video = [
      '-vf',
      SCALE,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '26',
      '-maxrate',
      '1200k',
      '-bufsize',
      '2400k',
      '-profile:v',
      'main',
      '-pix_fmt',
      'yuv420p',
      ...KEYFRAMES,
    ];
    return { contentType: 'video/mp4', videoCodec: 'h264', audioCodec, args: [...streams, ...video, ...audio, ...container] };
  }
  if (!encoders.has('libvpx-vp9')) {
    throw new AppError(
      'MEDIA_FAILED',
      `This ffmpeg can encode neither H.264 (libx264) nor VP9 (libvpx-vp9), so it cannot make a playable copy of ${rec.code}. Use the ffmpeg bundled with 3RS Station, or set FFMPEG_PATH to a full build.`,
    );
  }
  const video = [
    '-vf',
    SCALE,
    '-c:v',
    'libvpx-vp9',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-row-mt',
    '1',
    '-crf',
    '36',
    '-b:v',
    '1000k',
    '-pix_fmt',
    'yuv420p',
    ...KEYFRAMES,
  ];
  return { contentType: 'video/mp4', videoCodec: 'vp9', audioCodec, args: [...streams, ...video, ...audio, ...container] };
}

export type ProxyStatus = 'missing' | 'ready' | 'failed';

/** Whether the playable copy of a recording exists in the media file (it may not be needed at all). */
export function proxyStatus(media: MediaStore, recording: Pick<Recording, 'sha256'>): ProxyStatus {
  return findAsset(media, recording.sha256, 'proxy')?.status ?? 'missing';
}

/** Every recording's playable copy that exists, by the recording's SHA-256: one query for a whole list. */
export function proxyStatuses(media: MediaStore): Map<string, ProxyStatus> {
  const rows = media.db.prepare(`SELECT recording_sha256 AS sha256, status FROM assets WHERE kind = 'proxy' AND status <> 'writing'`).all() as {
    sha256: string;
    status: ProxyStatus;
  }[];
  return new Map(rows.map((r) => [r.sha256, r.status]));
}
