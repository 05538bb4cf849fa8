import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SegmentClock, TransportBar, Video } from '../../src/components/Player.tsx';
import { useWindowKeys } from '../../src/hooks/useWindowKeys.ts';
import { handleCodingKey } from '../../src/keys/dispatch.ts';
import { useCoding } from '../../src/state/coding.ts';
import { usePlayer } from '../../src/state/player.ts';
import { usePrefs } from '../../src/state/prefs.ts';
import { useUi } from '../../src/state/ui.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy, openTestStudy, RECORDING, scheme, spyOnChannel, type OpenStudy } from './support.ts';

const tempDir = useTempDir();
let open: OpenStudy | undefined;

// jsdom has no media pipeline: play and pause only flip `paused` and fire the events a browser would.
const playing = new WeakSet<HTMLMediaElement>();
const pausedDescriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'paused')!;

beforeEach(() => {
  usePrefs.setState({ pauseAtSegmentEnd: true });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    playing.add(this);
    this.dispatchEvent(new Event('play'));
    return Promise.resolve();
  });
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    playing.delete(this);
    this.dispatchEvent(new Event('pause'));
  });
  Object.defineProperty(HTMLMediaElement.prototype, 'paused', {
    configurable: true,
    get(this: HTMLMediaElement) {
      return !playing.has(this);
    },
  });
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  Object.defineProperty(HTMLMediaElement.prototype, 'paused', pausedDescriptor);
  cleanup();
  await closeTestStudy(open);
  open = undefined;
});

/** The player part of the coding screen, with the screen's key handler. */
function Player() {
  useWindowKeys((event) => handleCodingKey(event, scheme));
  return (
    <>
      <Video src="media://recording/D01-S01" />
      <TransportBar />
      <SegmentClock />
    </>
  );
}

/** Plays from `from` to `to` seconds as the media would report it: a timeupdate every quarter second, until it pauses. */
function playTo(video: HTMLVideoElement, from: number, to: number) {
  act(() => {
    // A paused video reports no more time: playing stops where it paused.
    for (const t of [...Array.from({ length: Math.ceil((to - from) / 0.25) }, (_, i) => from + i * 0.25), to]) {
      if (video.paused) return;
      video.currentTime = t;
      video.dispatchEvent(new Event('timeupdate'));
    }
  });
}

/** A 10-minute recording in 2-minute segments, its coding loaded so the player knows the segments. */
async function player() {
  open = await openTestStudy(tempDir(), { segmentSeconds: 120, durationMs: 10 * 60_000 });
  await useCoding.getState().load(RECORDING);
  render(<Player />);
  const video = screen.getByLabelText('Session recording') as HTMLVideoElement;
  return { user: userEvent.setup(), video, state: () => usePlayer.getState() };
}

describe('transport keys', () => {
  it('space plays and pauses the video', async () => {
    const { user, video, state } = await player();
    await user.keyboard('[Space]');
    expect(video.play).toHaveBeenCalledTimes(1);
    expect(state().playing).toBe(true);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
    await user.keyboard('[Space]');
    expect(video.pause).toHaveBeenCalledTimes(1);
    expect(state().playing).toBe(false);
  });

  it('L plays forward and each further L goes faster up to 2×; K stops', async () => {
    const { user, video, state } = await player();
    await user.keyboard('[KeyL]');
    expect([state().playing, video.playbackRate]).toEqual([true, 1]);
    await user.keyboard('[KeyL]');
    expect(video.playbackRate).toBe(1.5);
    await user.keyboard('[KeyL][KeyL]');
    expect(video.playbackRate).toBe(2);
    expect(state().speed).toBe(2);
    await user.keyboard('[KeyK]');
    expect([state().playing, state().speed]).toEqual([false, 0]);
  });

  it('J rewinds at real speed, twice as fast on the second J, and K stops it', async () => {
    const { user, state } = await player();
    act(() => state().seek(60_000));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await user.keyboard('[KeyJ]');
    act(() => void vi.advanceTimersByTime(1000));
    expect(state().currentMs).toBe(59_000);
    await user.keyboard('[KeyJ]');
    expect(state().speed).toBe(-2);
    act(() => void vi.advanceTimersByTime(1000));
    expect(state().currentMs).toBe(57_000);
    await user.keyboard('[KeyK]');
    act(() => void vi.advanceTimersByTime(1000));
    expect([state().currentMs, state().speed]).toEqual([57_000, 0]);
  });

  it('←/→ move 5 seconds, and with shift one frame (1/25 s), pausing first', async () => {
    const { user, video, state } = await player();
    await user.keyboard('[ArrowRight][ArrowRight][ArrowRight]');
    expect(state().currentMs).toBe(15_000);
    expect(video.currentTime).toBe(15);
    await user.keyboard('[ArrowLeft]');
    expect(state().currentMs).toBe(10_000);
    await user.keyboard('[Space]');
    await user.keyboard('[ShiftLeft>][ArrowRight][/ShiftLeft]');
    expect(state().playing).toBe(false);
    expect(state().currentMs).toBe(10_040);
    await user.keyboard('[ShiftLeft>][ArrowLeft][ArrowLeft][/ShiftLeft]');
    expect(state().currentMs).toBe(9_960);
    await user.keyboard('[ArrowLeft][ArrowLeft][ArrowLeft]');
    expect(state().currentMs).toBe(0);
  });

  it('] goes to the next segment’s start; [ to this segment’s start, and again to the previous one', async () => {
    const { user, state } = await player();
    await user.keyboard('[BracketRight][BracketRight]');
    expect([state().currentMs, state().segment]).toEqual([240_000, 2]);
    expect(screen.getByText('4:00–6:00')).toBeTruthy();
    await user.keyboard('[ArrowRight]');
    await user.keyboard('[BracketLeft]');
    expect(state().currentMs).toBe(240_000);
    await user.keyboard('[BracketLeft]');
    expect([state().currentMs, state().segment]).toEqual([120_000, 1]);
    await user.keyboard('[BracketRight][BracketRight][BracketRight][BracketRight]');
    expect(state().segment).toBe(4);
  });

  it('- and = change the speed in steps between 0.5× and 2×', async () => {
    const { user, video, state } = await player();
    await user.keyboard('[Equal]');
    expect(state().rate).toBe(1.25);
    await user.keyboard('[Space]');
    expect(video.playbackRate).toBe(1.25);
    await user.keyboard('[Minus][Minus][Minus][Minus][Minus]');
    expect(state().rate).toBe(0.5);
    expect(video.playbackRate).toBe(0.5);
    expect((screen.getByRole('combobox', { name: 'Speed' }) as HTMLSelectElement).value).toBe('0.5');
  });

  it('a segment counts as watched only once 90 % of it was played forward; a run across its end, seeks and skips do not count', async () => {
    usePrefs.setState({ pauseAtSegmentEnd: false });
    const { user, video, state } = await player();
    const played = spyOnChannel(open!.handlers, 'segments.played');
    act(() => state().seek(100_000));
    await user.keyboard('[Space]');
    playTo(video, 100, 125);
    await user.keyboard('[Space]');
    expect(played).toHaveBeenCalled();
    await waitFor(() =>
      expect(
        useCoding
          .getState()
          .view?.played.slice(0, 2)
          .map((s) => Math.round(s * 100)),
      ).toEqual([17, 4]),
    );
    expect(useCoding.getState().view?.watched).toEqual([]);

    // 0:00–1:40 played, with a seek in the middle: 5 s skipped, so 1:35 + the 20 s before = 96 % of segment 1.
    act(() => state().seek(0));
    await user.keyboard('[Space]');
    playTo(video, 0, 50);
    await user.keyboard('[ArrowRight]');
    playTo(video, 55, 100);
    await user.keyboard('[Space]');
    await waitFor(() => expect(useCoding.getState().view?.watched).toEqual([0]));
    expect(useCoding.getState().view?.played[0]).toBeCloseTo(115 / 120, 2);

    // Jumping two segments ahead and playing a little there counts only what was played.
    await user.keyboard('[BracketRight][BracketRight]');
    await user.keyboard('[Space]');
    playTo(video, 240, 250);
    await user.keyboard('[Space]');
    await waitFor(() => expect(useCoding.getState().view?.played[2]).toBeCloseTo(10 / 120, 2));
    expect(useCoding.getState().view?.watched).toEqual([0]);
  });

  it('played faster than 2× a stretch does not count (no speed offers more, but the media could be set so)', async () => {
    usePrefs.setState({ pauseAtSegmentEnd: false });
    const { user, video, state } = await player();
    await user.keyboard('[Space]');
    video.playbackRate = 4;
    playTo(video, 0, 60);
    await user.keyboard('[Space]');
    expect(state().currentMs).toBe(60_000);
    expect(useCoding.getState().view?.played[0]).toBe(0);
  });

  it('with "pause at the end of each segment" (the default) playback stops on the segment’s last moment, and a key marks there', async () => {
    const { user, video, state } = await player();
    act(() => state().seek(110_000));
    await user.keyboard('[Space]');
    playTo(video, 110, 120.3);
    expect(state().playing).toBe(false);
    expect([state().currentMs, state().segment]).toEqual([119_999, 0]);
    await user.keyboard('[KeyQ]');
    await waitFor(() => expect(useCoding.getState().view?.marks.map((m) => [m.code, m.timeMs])).toEqual([['C1', 119_999]]));
    // Playing on crosses the end it stopped at, and stops again at the next one.
    await user.keyboard('[Space]');
    playTo(video, 120, 125);
    expect([state().playing, state().segment]).toEqual([true, 1]);
    playTo(video, 125, 240.1);
    expect([state().playing, state().currentMs]).toEqual([false, 239_999]);
  });

  it('the setting turned off, playback runs on across segment ends', async () => {
    const { user, video, state } = await player();
    await user.click(screen.getByRole('checkbox', { name: 'Pause at the end of each segment' }));
    expect(usePrefs.getState().pauseAtSegmentEnd).toBe(false);
    act(() => state().seek(110_000));
    await user.keyboard('[Space]');
    playTo(video, 110, 121);
    expect([state().playing, state().segment]).toEqual([true, 1]);
  });

  it('a key just after a boundary puts the next mark into the previous segment, at its last second; later it says why not', async () => {
    usePrefs.setState({ pauseAtSegmentEnd: false });
    const { user, video, state } = await player();
    act(() => state().seek(118_000));
    await user.keyboard('[Space]');
    playTo(video, 118, 123);
    await user.keyboard('[Backquote]');
    expect(useUi.getState().lateMark).toEqual({ segment: 0, timeMs: 119_000 });
    await user.keyboard('[KeyA]');
    await waitFor(() => expect(useCoding.getState().view?.marks.map((m) => [m.code, m.timeMs])).toEqual([['R1', 119_000]]));
    expect(useUi.getState().lateMark).toBeNull();
    // The next key marks at the playhead again.
    await user.keyboard('[KeyS]');
    await waitFor(() => expect(useCoding.getState().view?.marks).toHaveLength(2));
    expect(useCoding.getState().view?.marks[1]).toMatchObject({ code: 'R2', timeMs: 123_000 });

    playTo(video, 123, 135);
    await user.keyboard('[Backquote]');
    expect(useUi.getState().lateMark).toBeNull();
    expect(state().error).toMatch(/only within 10 s after a segment starts/);
  });

  it('Home and End go to the start and the end of the recording', async () => {
    const { user, state } = await player();
    await user.keyboard('[End]');
    expect(state().currentMs).toBe(600_000);
    await user.keyboard('[Home]');
    expect(state().currentMs).toBe(0);
  });
});
