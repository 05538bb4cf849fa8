// The player: where the playhead is, whether it moves and how fast, and which segment it is in.
// The <video> element is the clock while one is attached; the slice mirrors it and drives it.
// Without playable media the playhead still moves by seeking, so a coder can mark against a
// recording whose video is being prepared.

import { create } from 'zustand';
import { clamp, segmentAt, type SegmentRange } from '../timeline.ts';
import { useCoding } from './coding.ts';
import { PlayedSpans } from './played-spans.ts';
import { usePrefs } from './prefs.ts';
import { onStudyReset } from './study.ts';

/** Frame rate for frame steps when the recording's own is unknown. */
export const FALLBACK_FPS = 25;
export const SEEK_STEP_MS = 5000;
/** The speeds a coder can choose (the "speed" control and the -/= keys). */
export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
/** L from still starts at the first; each further L moves up one. */
const FORWARD_SHUTTLE = [1, 1.5, 2] as const;
/** Chromium cannot play backwards, so J rewinds by stepping the playhead at these multiples of real time. */
const REVERSE_SHUTTLE = [1, 2, 4] as const;
const REVERSE_TICK_MS = 100;
/** `[` within this much of a segment's start goes to the previous segment, otherwise to this one's start. */
const RESTART_GRACE_MS = 1000;
/** A forward step longer than this between two reports of the clock is a jump, not playing through. */
const MAX_PLAY_STEP_MS = 3000;
/** Played faster than this, a stretch does not count as seen. */
const MAX_COUNTED_RATE = 2;
/** How often the spans played are sent to the core while playing (and at every pause and segment change). */
const PLAYED_REPORT_MS = 5000;

interface PlayerData {
  /** The recording the playhead belongs to; opening another one starts at 0. */
  recording: string | null;
  currentMs: number;
  durationMs: number;
  playing: boolean;
  /** The coder's chosen speed; space and L at 1× play at it. */
  rate: number;
  /** Speed the media actually moves at: negative while J rewinds, 0 when still. */
  speed: number;
  segments: SegmentRange[];
  segment: number;
  hasMedia: boolean;
  fps: number;
  /** Why the media would not play, in words for the coder. */
  error: string | null;
}

export interface PlayerState extends PlayerData {
  /** Called by the video component with its element (null on unmount). */
  attach(media: HTMLMediaElement | null): void;
  setTimeline(recording: string, segments: SegmentRange[], durationMs: number): void;
  /** The recording's frame rate, for frame steps. */
  setFps(fps: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  seek(ms: number): void;
  seekBy(deltaMs: number): void;
  stepFrames(frames: number): void;
  shuttleForward(): void;
  shuttleBack(): void;
  stop(): void;
  setRate(rate: number): void;
  nudgeRate(direction: 1 | -1): void;
  nextSegment(): void;
  previousSegment(): void;
  dismissError(): void;
  reset(): void;
}

const STILL: PlayerData = {
  recording: null,
  currentMs: 0,
  durationMs: 0,
  playing: false,
  rate: 1,
  speed: 0,
  segments: [],
  segment: 0,
  hasMedia: false,
  fps: FALLBACK_FPS,
  error: null,
};

export const usePlayer = create<PlayerState>()((set, get) => {
  let media: HTMLMediaElement | null = null;
  let detach: (() => void) | null = null;
  let reverseTimer: ReturnType<typeof setInterval> | null = null;
  let frame: number | null = null;
  const played = new PlayedSpans();
  let reportTimer: ReturnType<typeof setInterval> | null = null;
  /** The segment end playback stopped at (pause at the end of each segment): playing on from there crosses it. */
  let heldAt: number | null = null;

  /** Sends what was played forward since the last report to the core, which counts the share of each segment seen. */
  const reportPlayed = () => {
    const { recording } = get();
    const spans = played.take();
    if (recording !== null && spans.length > 0) void useCoding.getState().reportPlayed(recording, spans);
  };

  const stopReporting = () => {
    if (reportTimer !== null) clearInterval(reportTimer);
    reportTimer = null;
  };

  const stopReverse = () => {
    if (reverseTimer !== null) clearInterval(reverseTimer);
    reverseTimer = null;
  };

  /**
   * Only the stretches played forward at up to 2× count as seen (the core turns them into each segment's
   * share played, and a segment into watched at 90 %): seeking, skipping, rewinding and stepping frames do
   * not. With "pause at the end of each segment" on, playing across a segment's end stops on that segment's
   * last millisecond, so a mark made then still lands in the segment just watched.
   */
  const moveTo = (ms: number, playedThrough: boolean) => {
    const { currentMs, segment, segments, durationMs } = get();
    const next = clamp(ms, 0, durationMs > 0 ? durationMs : Number.POSITIVE_INFINITY);
    const nextSegment = segmentAt(segments, next);
    const rate = media?.playbackRate ?? 0;
    const forward = playedThrough && next >= currentMs && next - currentMs <= MAX_PLAY_STEP_MS && rate > 0 && rate <= MAX_COUNTED_RATE;
    if (forward) played.extend(currentMs, next);
    else played.close();
    const end = segments[segment]?.endMs;
    if (forward && nextSegment > segment && end !== undefined && usePrefs.getState().pauseAtSegmentEnd && heldAt !== end) {
      heldAt = end;
      pauseMedia();
      seekTo(end - 1);
      return;
    }
    if (nextSegment !== segment) reportPlayed();
    set({ currentMs: next, segment: nextSegment });
  };

  /** Mirrors the element's clock every frame while playing, so the playhead and clock move smoothly. */
  const follow = () => {
    frame = null;
    if (!media || media.paused) return;
    moveTo(media.currentTime * 1000, true);
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(follow);
  };

  const speedOf = (m: HTMLMediaElement) => (m.paused ? 0 : m.playbackRate);

  const startPlaying = (playbackRate: number) => {
    stopReverse();
    if (!media) {
      set({ error: 'No playable video is loaded for this recording yet; you can still move with the keys and mark.' });
      return;
    }
    media.playbackRate = playbackRate;
    set({ error: null });
    media.play().catch((err: unknown) => {
      set({ playing: false, speed: 0, error: `The video would not play (${err instanceof Error ? err.message : String(err)}).` });
    });
  };

  const pauseMedia = () => {
    stopReverse();
    if (media && !media.paused) media.pause();
    set({ playing: false, speed: 0 });
  };

  const seekTo = (ms: number) => {
    const target = clamp(ms, 0, get().durationMs);
    if (media) media.currentTime = target / 1000;
    moveTo(target, false);
  };

  /** A seek the coder asked for: a stop at a segment's end is then forgotten. */
  const seek = (ms: number) => {
    heldAt = null;
    seekTo(ms);
  };

  const listen = (m: HTMLMediaElement) => {
    const onTime = () => moveTo(m.currentTime * 1000, !m.paused);
    const onPlay = () => {
      set({ playing: true, speed: speedOf(m) });
      if (frame === null && typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(follow);
      if (reportTimer === null) reportTimer = setInterval(reportPlayed, PLAYED_REPORT_MS);
    };
    const onPause = () => {
      stopReporting();
      played.close();
      reportPlayed();
      set({ playing: false, speed: reverseTimer ? get().speed : 0 });
    };
    const onRate = () => set({ speed: speedOf(m) });
    const onEnded = () => {
      stopReporting();
      played.close();
      reportPlayed();
      set({ playing: false, speed: 0 });
    };
    const events: [string, () => void][] = [
      ['timeupdate', onTime],
      // A seek's landing place: wherever the media was, what comes next is a new stretch.
      ['seeked', () => moveTo(m.currentTime * 1000, false)],
      ['play', onPlay],
      ['pause', onPause],
      ['ratechange', onRate],
      ['ended', onEnded],
    ];
    for (const [name, handler] of events) m.addEventListener(name, handler);
    return () => {
      for (const [name, handler] of events) m.removeEventListener(name, handler);
    };
  };

  return {
    ...STILL,

    attach(next) {
      detach?.();
      detach = null;
      stopReverse();
      stopReporting();
      played.close();
      reportPlayed();
      if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      frame = null;
      media = next;
      if (next) {
        detach = listen(next);
        next.currentTime = get().currentMs / 1000;
        next.playbackRate = get().rate;
      }
      set({ hasMedia: next !== null, playing: next ? !next.paused : false, speed: 0 });
    },

    setTimeline(recording, segments, durationMs) {
      const same = get().recording === recording;
      if (!same) {
        pauseMedia();
        played.clear();
        heldAt = null;
      }
      const at = same ? clamp(get().currentMs, 0, durationMs) : 0;
      set({ recording, segments, durationMs, currentMs: at, segment: segmentAt(segments, at) });
    },

    setFps: (fps) => set({ fps: fps > 0 ? fps : FALLBACK_FPS }),

    play: () => startPlaying(get().rate),
    pause: pauseMedia,
    togglePlay: () => (get().playing || reverseTimer ? pauseMedia() : startPlaying(get().rate)),
    seek,
    seekBy: (deltaMs) => seek(get().currentMs + deltaMs),

    stepFrames(frames) {
      pauseMedia();
      seek(get().currentMs + (frames * 1000) / get().fps);
    },

    shuttleForward() {
      const current = get().playing && !reverseTimer ? get().speed : 0;
      const next = FORWARD_SHUTTLE.find((s) => s > current) ?? FORWARD_SHUTTLE[FORWARD_SHUTTLE.length - 1]!;
      startPlaying(next);
      if (!media) return;
      set({ speed: next });
    },

    shuttleBack() {
      const current = reverseTimer ? -get().speed : 0;
      const next = REVERSE_SHUTTLE.find((s) => s > current) ?? REVERSE_SHUTTLE[REVERSE_SHUTTLE.length - 1]!;
      pauseMedia();
      set({ speed: -next });
      reverseTimer = setInterval(() => {
        const target = get().currentMs - REVERSE_TICK_MS * next;
        seek(target);
        if (target <= 0) pauseMedia();
      }, REVERSE_TICK_MS);
    },

    stop: pauseMedia,

    setRate(rate) {
      const chosen = clamp(rate, RATES[0], RATES[RATES.length - 1]!);
      set({ rate: chosen });
      if (media && !media.paused) media.playbackRate = chosen;
    },

    nudgeRate(direction) {
      const { rate } = get();
      const next = direction > 0 ? RATES.find((r) => r > rate) : [...RATES].reverse().find((r) => r < rate);
      if (next !== undefined) get().setRate(next);
    },

    nextSegment() {
      const { segment, segments } = get();
      const next = segments[segment + 1];
      if (next) seek(next.startMs);
    },

    previousSegment() {
      const { segment, segments, currentMs } = get();
      const current = segments[segment];
      if (!current) return;
      const previous = segments[segment - 1];
      seek(currentMs - current.startMs > RESTART_GRACE_MS || !previous ? current.startMs : previous.startMs);
    },

    dismissError: () => set({ error: null }),

    reset() {
      pauseMedia();
      stopReporting();
      played.clear();
      heldAt = null;
      set({ ...STILL, hasMedia: media !== null });
    },
  };
});

// The columns come from the core's scoresheet; follow them whenever a new coding view arrives.
useCoding.subscribe((state, previous) => {
  const sheet = state.view?.scoresheet;
  if (!sheet) return;
  const before = previous.view?.scoresheet;
  if (before && before.recording === sheet.recording && before.segments.length === sheet.segments.length && before.durationMs === sheet.durationMs) {
    return;
  }
  usePlayer.getState().setTimeline(
    sheet.recording,
    sheet.segments.map(({ index, startMs, endMs }) => ({ index, startMs, endMs })),
    sheet.durationMs,
  );
});

onStudyReset(() => usePlayer.getState().reset());
