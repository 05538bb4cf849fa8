const pad = (n: number): string => String(n).padStart(2, '0');

/** 754000 → "12:34"; 3723000 → "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The playhead: whole seconds floor down (a clock, not a rounded duration), tenths shown. 754380 → "12:34.3". */
export function formatClock(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const total = Math.floor(tenths / 10);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const base = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return `${base}.${tenths % 10}`;
}

/** A mark's time: to the second, floored like the clock. */
export function formatMarkTime(ms: number): string {
  return formatDuration(Math.floor(ms / 1000) * 1000);
}

/** 300 → "300 s (5 min)"; 90 → "90 s". */
export function formatSegmentLength(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds} s (${seconds / 60} min)` : `${seconds} s`;
}

/** 1.5 → "1.5×". */
export function formatRate(rate: number): string {
  return `${Number(rate.toFixed(2))}×`;
}
