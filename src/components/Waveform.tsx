import { memo, useCallback, useEffect, useRef, type MouseEvent } from 'react';
import type { Category } from '../../electron/core/scheme/types.ts';
import { formatDuration } from '../format.ts';
import './Waveform.css';

export interface WaveformTick {
  id: number;
  timeMs: number;
  category: Category;
}

export interface WaveformProps {
  /** Min/max pairs of int16 samples, `bucketsPerSecond` pairs per second; null when not prepared yet. */
  peaks: readonly number[] | null;
  bucketsPerSecond: number;
  /** The span shown, usually the current segment. */
  startMs: number;
  endMs: number;
  ticks: WaveformTick[];
  currentMs: number;
  onSeek(ms: number): void;
}

const INT16 = 32768;

/** A canvas's backing store in device pixels, and a CSS custom property as a colour (read once per size). */
interface Surface {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  ratio: number;
  color(name: string, fallback: string): string;
}

/**
 * Keeps the canvas's backing store at the size it is shown at and paints it with `paint` whenever that changes
 * or the canvas is resized. The size comes from the resize observer and the colours are read when it reports,
 * so a repaint for new data forces neither a layout nor a style recalculation.
 */
function usePaintedCanvas(paint: (surface: Surface) => void) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const surface = useRef<Surface | null>(null);
  const latest = useRef(paint);

  useEffect(() => {
    latest.current = paint;
    if (surface.current) repaint(surface.current, paint);
  }, [paint]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const fit = (cssWidth: number, cssHeight: number) => {
      const ratio = window.devicePixelRatio || 1;
      const width = Math.max(1, Math.round(cssWidth * ratio));
      const height = Math.max(1, Math.round(cssHeight * ratio));
      if (el.width !== width) el.width = width;
      if (el.height !== height) el.height = height;
      const style = getComputedStyle(el);
      const colors = new Map<string, string>();
      const color = (name: string, fallback: string) => {
        if (!colors.has(name)) colors.set(name, style.getPropertyValue(name).trim() || fallback);
        return colors.get(name)!;
      };
      surface.current = { ctx, width, height, ratio, color };
      repaint(surface.current, latest.current);
    };
    if (typeof ResizeObserver === 'undefined') {
      fit(el.clientWidth, el.clientHeight);
      return;
    }
    const observer = new ResizeObserver(([entry]) => entry && fit(entry.contentRect.width, entry.contentRect.height));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return canvas;
}

function repaint(surface: Surface, paint: (surface: Surface) => void): void {
  surface.ctx.clearRect(0, 0, surface.width, surface.height);
  paint(surface);
}

interface SpanProps {
  startMs: number;
  endMs: number;
}

/** The sound of the span: costly to draw, so it has its own canvas, painted only when the span or the size changes. */
const Sound = memo(function Sound({ peaks, bucketsPerSecond, startMs, endMs }: SpanProps & Pick<WaveformProps, 'peaks' | 'bucketsPerSecond'>) {
  const paint = useCallback(
    ({ ctx, width, height, ratio, color }: Surface) => {
      const mid = height / 2;
      const span = Math.max(1, endMs - startMs);
      ctx.fillStyle = color('--wave', '#8a94a8');
      if (!peaks || peaks.length < 2) {
        ctx.fillRect(0, mid, width, ratio);
        return;
      }
      const buckets = peaks.length / 2;
      for (let x = 0; x < width; x++) {
        const from = Math.floor(((startMs + (x / width) * span) / 1000) * bucketsPerSecond);
        const to = Math.max(from + 1, Math.floor(((startMs + ((x + 1) / width) * span) / 1000) * bucketsPerSecond));
        let lo = 0;
        let hi = 0;
        for (let b = from; b < to && b < buckets; b++) {
          lo = Math.min(lo, peaks[2 * b]!);
          hi = Math.max(hi, peaks[2 * b + 1]!);
        }
        const top = mid - (hi / INT16) * mid * 0.95;
        const bottom = mid - (lo / INT16) * mid * 0.95;
        ctx.fillRect(x, top, 1, Math.max(ratio, bottom - top));
      }
    },
    [peaks, bucketsPerSecond, startMs, endMs],
  );
  const canvas = usePaintedCanvas(paint);
  return (
    <canvas ref={canvas} role="img" aria-label={`Sound from ${formatDuration(startMs)} to ${formatDuration(endMs)}, with a tick for each mark`} />
  );
});

/** A tick per mark of the span, in its category's colour, on a transparent canvas over the sound: a new mark repaints only this. */
const Ticks = memo(function Ticks({ ticks, startMs, endMs }: SpanProps & Pick<WaveformProps, 'ticks'>) {
  const paint = useCallback(
    ({ ctx, width, height, ratio, color }: Surface) => {
      const span = Math.max(1, endMs - startMs);
      for (const tick of ticks) {
        if (tick.timeMs < startMs || tick.timeMs > endMs) continue;
        const x = Math.round(((tick.timeMs - startMs) / span) * width);
        ctx.fillStyle = color(`--cat-${tick.category}`, '#333');
        ctx.fillRect(x - ratio, 0, 2 * ratio, height);
        ctx.fillRect(x - 3 * ratio, 0, 6 * ratio, 4 * ratio);
      }
    },
    [ticks, startMs, endMs],
  );
  const canvas = usePaintedCanvas(paint);
  return <canvas ref={canvas} aria-hidden="true" />;
});

/** The sound of the current span with a tick per mark; click to go there. */
export function Waveform({ peaks, bucketsPerSecond, startMs, endMs, ticks, currentMs, onSeek }: WaveformProps) {
  const span = Math.max(1, endMs - startMs);
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) onSeek(startMs + ((event.clientX - box.left) / box.width) * span);
  };
  const playhead = Math.min(1, Math.max(0, (currentMs - startMs) / span));

  return (
    <div className="waveform" onClick={onClick} title="Click to move the playhead here">
      <Sound peaks={peaks} bucketsPerSecond={bucketsPerSecond} startMs={startMs} endMs={endMs} />
      <Ticks ticks={ticks} startMs={startMs} endMs={endMs} />
      {!peaks && <span className="waveform-note">Waveform not prepared yet</span>}
      <span className="waveform-playhead" style={{ left: `${playhead * 100}%` }} />
      <span className="waveform-time start">{formatDuration(startMs)}</span>
      <span className="waveform-time end">{formatDuration(endMs)}</span>
    </div>
  );
}
