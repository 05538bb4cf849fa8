import type { MediaFacts } from '../recordings/registry.ts';

/**
 * How a recording reaches the player: 'direct' when Chromium/Electron decodes the original as it is,
 * 'proxy' when ffmpeg must first make a playable copy, 'none' when no stream is in a format ffmpeg knows.
 */
export type Playability = 'direct' | 'proxy' | 'none';

export type PlaybackFacts = Pick<MediaFacts, 'container' | 'videoCodec' | 'audioCodec'> & { pixFmt?: string | null };

interface DirectRule {
  /** One of the names in ffprobe's format_name list, e.g. "mp4" in "mov,mp4,m4a,3gp,3g2,mj2". */
  format: string;
  video: readonly string[];
  audio: readonly string[];
  videoType: string;
  audioType: string;
}

/**
 * What every Chromium build (Electron's and Debian's) plays, container by container. Matroska and WebM
 * share a format name; the codec lists keep to WebM's, so H.264 in .mkv falls through to a proxy.
 * MOV shares MP4's demuxer and is judged by its codecs the same way.
 */
const DIRECT: readonly DirectRule[] = [
  { format: 'mp4', video: ['h264'], audio: ['aac', 'mp3', 'opus', 'flac'], videoType: 'video/mp4', audioType: 'audio/mp4' },
  { format: 'webm', video: ['vp8', 'vp9', 'av1'], audio: ['opus', 'vorbis'], videoType: 'video/webm', audioType: 'audio/webm' },
  { format: 'mp3', video: [], audio: ['mp3'], videoType: '', audioType: 'audio/mpeg' },
  { format: 'ogg', video: [], audio: ['opus', 'vorbis', 'flac'], videoType: '', audioType: 'audio/ogg' },
  { format: 'wav', video: [], audio: ['pcm_u8', 'pcm_s16le', 'pcm_s24le', 'pcm_s32le', 'pcm_f32le'], videoType: '', audioType: 'audio/wav' },
  { format: 'flac', video: [], audio: ['flac'], videoType: '', audioType: 'audio/flac' },
  { format: 'aac', video: [], audio: ['aac'], videoType: '', audioType: 'audio/aac' },
];

/**
 * Browsers decode 8-bit 4:2:0 video everywhere; 10-bit, 4:2:2 and 4:4:4 only on some builds or not at all.
 * "yuvj420p" is the same layout in full range, as many cameras write it. An unknown format (a recording
 * added before it was recorded) is not trusted.
 */
const PLAYABLE_PIXELS = new Set(['yuv420p', 'yuvj420p']);

const formats = (container: string | null): string[] => (container ?? '').split(',');

function directRule(facts: PlaybackFacts): DirectRule | null {
  const names = formats(facts.container);
  for (const rule of DIRECT) {
    if (!names.includes(rule.format)) continue;
    const videoOk = facts.videoCodec === null || (rule.video.includes(facts.videoCodec) && PLAYABLE_PIXELS.has(facts.pixFmt ?? ''));
    const audioOk = facts.audioCodec === null || rule.audio.includes(facts.audioCodec);
    if (videoOk && audioOk) return rule;
  }
  return null;
}

export function playability(facts: PlaybackFacts): Playability {
  if (facts.videoCodec === null && facts.audioCodec === null) return 'none';
  return directRule(facts) ? 'direct' : 'proxy';
}

/** The Content-Type to serve an original that plays directly with; null when it needs a proxy. */
export function directContentType(facts: PlaybackFacts): string | null {
  const rule = directRule(facts);
  if (!rule || (facts.videoCodec === null && facts.audioCodec === null)) return null;
  return facts.videoCodec === null ? rule.audioType : rule.videoType;
}

/** Coding from sound alone: the nonverbal side of ruptures (gaze, posture, facial expression) cannot be seen. */
export const isAudioOnly = (facts: Pick<MediaFacts, 'videoCodec' | 'audioCodec'>): boolean => facts.videoCodec === null && facts.audioCodec !== null;
