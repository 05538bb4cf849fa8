// The playable copy of a recording Chromium cannot decode: small, quick to make, quick to seek.

import type { Recording } from '../recordings/registry.ts';
import { AppError } from '../errors.ts';
import { findAsset } from './assets.ts';
import type { MediaStore } from './store.ts';

export interface ProxyPlan {
  /** File name extension of the temporary output, which also tells ffmpeg the container. */
  extension: 'mp4' | 'webm';
  contentType: string;
  /** ffmpeg arguments from the stream choices to the muxer, without input and output. */
  args: string[];
}

/** Fit inside 640x360 in display pixels (anamorphic sources are squared up), never upscale, even sizes. */
const FIT = "min(1,min(640/(iw*sar),360/ih))";
const SCALE = `scale=w='trunc(${FIT}*iw*sar/2)*2':h='trunc(${FIT}*ih/2)*2',setsar=1`;

/** A keyframe at least every 2 s, whatever the frame rate, so any seek decodes at most 2 s of video. */
const KEYFRAMES = ['-force_key_frames', 'expr:gte(t,n_forced*2)'];

/** No titles, comments or chapters from the original (they may name people) in the copy. */
const STRIP = ['-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1'];

/**
 * H.264/AAC in MP4 when this ffmpeg has libx264 (Electron and Chromium play it, and x264's fast presets
 * keep an hour of video within minutes on two cores), else VP9/Opus (or Vorbis) in WebM.
 */
export function proxyPlan(encoders: ReadonlySet<string>, rec: Pick<Recording, 'code' | 'videoCodec' | 'audioCodec'>): ProxyPlan {
  const hasVideo = rec.videoCodec !== null;
  const hasAudio = rec.audioCodec !== null;
  const streams = [...(hasVideo ? ['-map', '0:v:0'] : ['-vn']), ...(hasAudio ? ['-map', '0:a:0'] : ['-an']), ...STRIP];
  if (encoders.has('libx264') || !hasVideo) {
    const video = hasVideo
      ? ['-vf', SCALE, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-maxrate', '1200k', '-bufsize', '2400k', '-profile:v', 'main', '-pix_fmt', 'yuv420p', ...KEYFRAMES]
      : [];
    const audio = hasAudio ? ['-c:a', 'aac', '-b:a', '96k'] : [];
    // +faststart puts the index first, so playback and seeking start before the whole copy is read.
    return { extension: 'mp4', contentType: hasVideo ? 'video/mp4' : 'audio/mp4', args: [...streams, ...video, ...audio, '-movflags', '+faststart', '-f', 'mp4'] };
  }
  if (!encoders.has('libvpx-vp9')) {
    throw new AppError('MEDIA_FAILED', `This ffmpeg can encode neither H.264 (libx264) nor VP9 (libvpx-vp9), so it cannot make a playable copy of ${rec.code}. Use the ffmpeg bundled with 3RS Station, or set FFMPEG_PATH to a full build.`);
  }
  const opus = encoders.has('libopus');
  if (hasAudio && !opus && !encoders.has('libvorbis')) {
    throw new AppError('MEDIA_FAILED', `This ffmpeg has no Opus or Vorbis encoder for the sound of ${rec.code}. Use the ffmpeg bundled with 3RS Station, or set FFMPEG_PATH to a full build.`);
  }
  const video = ['-vf', SCALE, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-crf', '36', '-b:v', '1000k', '-pix_fmt', 'yuv420p', ...KEYFRAMES];
  const audio = hasAudio ? (opus ? ['-c:a', 'libopus', '-b:a', '64k'] : ['-c:a', 'libvorbis', '-q:a', '3']) : [];
  return { extension: 'webm', contentType: 'video/webm', args: [...streams, ...video, ...audio, '-f', 'webm'] };
}

export type ProxyStatus = 'missing' | 'ready' | 'failed';

/** Whether the playable copy of a recording exists in the media file (it may not be needed at all). */
export function proxyStatus(media: MediaStore, recording: Pick<Recording, 'sha256'>): ProxyStatus {
  return findAsset(media, recording.sha256, 'proxy')?.status ?? 'missing';
}
