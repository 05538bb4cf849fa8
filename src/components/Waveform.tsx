import { useEffect, useRef, type MouseEvent } from 'react';
import type { Category } from '../../electron/core/scheme/types.ts';
import { formatDuration } from '../format.ts';

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

function cssColor(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Draws the sound of the span and a tick per mark; redrawn only when they change, not as the playhead moves. */
function draw(canvas: HTMLCanvasElement, props: Omit<WaveformProps, 'currentMs' | 'onSeek'>): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  ctx.clearRect(0, 0, width, height);
  const mid = height / 2;
  const span = Math.max(1, props.endMs - props.startMs);

  ctx.fillStyle = cssColor(canvas, '--wave', '#8a94a8');
  if (props.peaks && props.peaks.length >= 2) {
    const buckets = props.peaks.length / 2;
    for (let x = 0; x < width; x++) {
      const from = Math.floor(((props.startMs + (x / width) * span) / 1000) * props.bucketsPerSecond);
      const to = Math.max(from + 1, Math.floor(((props.startMs + ((x + 1) / width) * span) / 1000) * props.bucketsPerSecond));
      let lo = 0;
      let hi = 0;
      for (let b = from; b < to && b < buckets; b++) {
        lo = Math.min(lo, props.peaks[2 * b]!);
        hi = Math.max(hi, props.peaks[2 * b + 1]!);
      }
      const top = mid - (hi / INT16) * mid * 0.95;
      const bottom = mid - (lo / INT16) * mid * 0.95;
      ctx.fillRect(x, top, 1, Math.max(ratio, bottom - top));
    }
  } else {
    ctx.fillRect(0, mid, width, ratio);
  }

  for (const tick of props.ticks) {
    if (tick.timeMs < props.startMs || tick.timeMs > props.endMs) continue;
    const x = Math.round(((tick.timeMs - props.startMs) / span) * width);
    ctx.fillStyle = cssColor(canvas, `--cat-${tick.category}`, '#333');
    ctx.fillRect(x - ratio, 0, 2 * ratio, height);
    ctx.fillRect(x - 3 * ratio, 0, 6 * ratio, 4 * ratio);
  }
}

/** The sound of the current span with a tick per mark; click to go there. */
export function Waveform(props: WaveformProps) {
  const { peaks, bucketsPerSecond, startMs, endMs, ticks, currentMs, onSeek } = props;
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const paint = () => draw(el, { peaks, bucketsPerSecond, startMs, endMs, ticks });
    paint();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(paint);
    observer.observe(el);
    return () => observer.disconnect();
  }, [peaks, bucketsPerSecond, startMs, endMs, ticks]);

  const span = Math.max(1, endMs - startMs);
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) onSeek(startMs + ((event.clientX - box.left) / box.width) * span);
  };
  const playhead = Math.min(1, Math.max(0, (currentMs - startMs) / span));

  return (
    <div className="waveform" onClick={onClick} title="Click to move the playhead here">
      <canvas ref={canvas} aria-label={`Sound from ${formatDuration(startMs)} to ${formatDuration(endMs)}, with a tick for each mark`} role="img" />
      {!peaks && <span className="waveform-note">Waveform not prepared yet</span>}
      <span className="waveform-playhead" style={{ left: `${playhead * 100}%` }} />
      <span className="waveform-time start">{formatDuration(startMs)}</span>
      <span className="waveform-time end">{formatDuration(endMs)}</span>
    </div>
  );
}
