import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Filmstrip } from '../../src/components/Filmstrip.tsx';
import { Waveform, type WaveformTick } from '../../src/components/Waveform.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Lays an element out at x = 100…500 px, as a browser would. */
function layOut(el: Element) {
  vi.spyOn(el, 'getBoundingClientRect').mockReturnValue({
    left: 100,
    top: 0,
    width: 400,
    height: 60,
    right: 500,
    bottom: 60,
    x: 100,
    y: 0,
    toJSON: () => ({}),
  });
}

const thumbnails = { everySeconds: 10, count: 60, width: 160, height: 90, urls: Array.from({ length: 60 }, (_, i) => `media://thumb/${i}.jpg`) };

describe('the filmstrip', () => {
  it('spreads eight pictures across the segment, outlines the playhead’s and seeks on a click', () => {
    const onSeek = vi.fn();
    render(<Filmstrip thumbnails={thumbnails} startMs={120_000} endMs={240_000} currentMs={200_000} onSeek={onSeek} />);
    const pictures = screen.getAllByRole('listitem');
    expect(pictures).toHaveLength(8);
    // Each slot is 15 s long and shows the picture taken nearest its middle (every 10 s).
    expect(pictures.map((li) => li.querySelector('img')!.getAttribute('src'))).toEqual(
      [12, 14, 15, 17, 18, 20, 21, 23].map((i) => `media://thumb/${i}.jpg`),
    );
    expect(pictures.map((li) => li.className === 'now')).toEqual([false, false, false, false, false, true, false, false]);
    fireEvent.click(pictures[2]!.querySelector('button')!);
    expect(onSeek).toHaveBeenCalledWith(150_000);
  });

  it('shows nothing when the recording has no pictures', () => {
    const { container } = render(
      <Filmstrip thumbnails={{ ...thumbnails, count: 0, urls: [] }} startMs={0} endMs={60_000} currentMs={0} onSeek={() => {}} />,
    );
    expect(container.innerHTML).toBe('');
  });
});

describe('the waveform', () => {
  /** A canvas context that records what is drawn, since jsdom cannot draw. */
  function recordingCanvas() {
    const rects: [number, number, number, number, string][] = [];
    const ctx = {
      fillStyle: '',
      clearRect: vi.fn(),
      fillRect: (x: number, y: number, w: number, h: number) => rects.push([x, y, w, h, ctx.fillStyle]),
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, 'clientWidth', 'get').mockReturnValue(400);
    vi.spyOn(HTMLCanvasElement.prototype, 'clientHeight', 'get').mockReturnValue(60);
    return rects;
  }

  it('draws the peaks of the span and a tick in the category colour for each mark inside it', () => {
    const rects = recordingCanvas();
    document.documentElement.style.setProperty('--cat-confrontation', '#cf5f17');
    // 2 buckets per second over 100 s: silence, then a loud stretch from 40 s.
    const peaks = Array.from({ length: 200 }, (_, b) => (b >= 80 ? [-16000, 16000] : [-100, 100])).flat();
    render(
      <Waveform
        peaks={peaks}
        bucketsPerSecond={2}
        startMs={0}
        endMs={100_000}
        ticks={[
          { id: 1, timeMs: 50_000, category: 'confrontation' },
          { id: 2, timeMs: 150_000, category: 'withdrawal' },
        ]}
        currentMs={25_000}
        onSeek={() => {}}
      />,
    );
    const columns = rects.filter((r) => r[2] === 1);
    expect(columns).toHaveLength(400);
    const height = (x: number) => columns[x]![3];
    expect(height(100)).toBeLessThan(2);
    expect(height(200)).toBeGreaterThan(25);
    const ticks = rects.filter((r) => r[4] === '#cf5f17');
    expect(ticks.map((r) => r[0])).toEqual([199, 197]);
    expect(screen.queryByText('Waveform not prepared yet')).toBeNull();
  });

  it('repaints only the ticks for a new mark: the sound is drawn again only for another span, and never as the playhead moves', () => {
    // One recorder per canvas: the sound's and the ticks' over it.
    type Drawn = { fills: number; clears: number };
    const drawn = new Map<HTMLCanvasElement, Drawn>();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
      const counts: Drawn = { fills: 0, clears: 0 };
      drawn.set(this, counts);
      return { fillStyle: '', clearRect: () => counts.clears++, fillRect: () => counts.fills++ } as unknown as CanvasRenderingContext2D;
    });
    vi.spyOn(HTMLCanvasElement.prototype, 'clientWidth', 'get').mockReturnValue(400);
    vi.spyOn(HTMLCanvasElement.prototype, 'clientHeight', 'get').mockReturnValue(60);
    const peaks = Array.from({ length: 400 }, (_, b) => (b % 2 ? 1000 : -1000));
    const first: WaveformTick[] = [{ id: 1, timeMs: 20_000, category: 'withdrawal' }];
    const strip = (ticks: WaveformTick[], currentMs: number, startMs = 0) => (
      <Waveform
        peaks={peaks}
        bucketsPerSecond={2}
        startMs={startMs}
        endMs={startMs + 100_000}
        ticks={ticks}
        currentMs={currentMs}
        onSeek={() => {}}
      />
    );
    const { container, rerender } = render(strip(first, 0));
    const [sound, ticks] = [...container.querySelectorAll('canvas')].map((canvas) => drawn.get(canvas)!) as [Drawn, Drawn];
    expect(sound).toEqual({ fills: 400, clears: 1 });
    expect(ticks).toEqual({ fills: 2, clears: 1 });

    const second: WaveformTick[] = [...first, { id: 2, timeMs: 60_000, category: 'resolution' }];
    rerender(strip(second, 0));
    expect(sound).toEqual({ fills: 400, clears: 1 });
    expect(ticks).toEqual({ fills: 2 + 4, clears: 2 });

    rerender(strip(second, 50_000));
    expect(sound.clears).toBe(1);
    expect(ticks.clears).toBe(2);

    rerender(strip(first, 0, 100_000));
    expect(sound.clears).toBe(2);
  });

  it('says when there is no waveform yet, still shows the playhead, and a click seeks within the span', () => {
    recordingCanvas();
    const onSeek = vi.fn();
    const { container } = render(
      <Waveform peaks={null} bucketsPerSecond={1} startMs={60_000} endMs={120_000} ticks={[]} currentMs={75_000} onSeek={onSeek} />,
    );
    expect(screen.getByText('Waveform not prepared yet')).toBeTruthy();
    expect((container.querySelector('.waveform-playhead') as HTMLElement).style.left).toBe('25%');
    const strip = container.querySelector('.waveform')!;
    layOut(strip);
    fireEvent.click(strip, { clientX: 400 });
    expect(onSeek).toHaveBeenCalledWith(105_000);
  });
});
