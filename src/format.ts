const pad = (n: number): string => String(n).padStart(2, '0');

/** 754000 → "12:34"; 3723000 → "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** 300 → "300 s (5 min)"; 90 → "90 s". */
export function formatSegmentLength(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds} s (${seconds / 60} min)` : `${seconds} s`;
}
