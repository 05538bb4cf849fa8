import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SegmentClock, TransportBar, Video } from '../../src/components/Player.tsx';
import { useWindowKeys } from '../../src/hooks/useWindowKeys.ts';
import { handleCodingKey } from '../../src/keys/dispatch.ts';
import { useCoding } from '../../src/state/coding.ts';
import { usePlayer } from '../../src/state/player.ts';
import { useTempDir } from '../helpers/temp.ts';
import { closeTestStudy, openTestStudy, RECORDING, scheme, spyOnChannel, type OpenStudy } from './support.ts';

const tempDir = useTempDir();
let open: OpenStudy | undefined;

// jsdom has no media pipeline: play and pause only flip `paused` and fire the events a browser would.
const playing = new WeakSet<HTMLMediaElement>();
const pausedDescriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'paused')!;

beforeEach(() => {
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
    act(() => vi.advanceTimersByTime(1000));
    expect(state().currentMs).toBe(59_000);
    await user.keyboard('[KeyJ]');
    expect(state().speed).toBe(-2);
    act(() => vi.advanceTimersByTime(1000));
    expect(state().currentMs).toBe(57_000);
    await user.keyboard('[KeyK]');
    act(() => vi.advanceTimersByTime(1000));
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

  it('playing across a segment’s end records it as watched; jumping past a segment does not', async () => {
    const { user, video, state } = await player();
    const watched = spyOnChannel(open!.handlers, 'segments.watched');
    act(() => state().seek(119_000));
    await user.keyboard('[Space]');
    act(() => {
      video.currentTime = 120.2;
      video.dispatchEvent(new Event('timeupdate'));
    });
    expect(state().segment).toBe(1);
    expect(watched).toHaveBeenCalledWith({ recording: RECORDING, segment: 0 });
    await waitFor(() => expect(useCoding.getState().view?.watched).toEqual([0]));

    await user.keyboard('[BracketRight][BracketRight]');
    expect(state().segment).toBe(3);
    act(() => {
      video.currentTime = 360.3;
      video.dispatchEvent(new Event('timeupdate'));
    });
    expect(watched).toHaveBeenCalledTimes(1);
  });
});
