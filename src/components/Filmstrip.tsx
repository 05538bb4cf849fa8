import './Filmstrip.css';

export interface Thumbnails {
  everySeconds: number;
  count: number;
  width: number;
  height: number;
  urls: string[];
}

interface FilmstripProps {
  thumbnails: Thumbnails;
  startMs: number;
  endMs: number;
  currentMs: number;
  onSeek(ms: number): void;
  /** How many pictures across the span. */
  slots?: number;
}

/** Pictures spread evenly across the span (the current segment); the one the playhead is in is outlined. Click to go there. */
export function Filmstrip({ thumbnails, startMs, endMs, currentMs, onSeek, slots = 8 }: FilmstripProps) {
  if (thumbnails.urls.length === 0) return null;
  const span = Math.max(1, endMs - startMs) / slots;
  return (
    <ol className="filmstrip" aria-label="Pictures from this segment">
      {Array.from({ length: slots }, (_, i) => {
        const from = startMs + i * span;
        const at = from + span / 2;
        const index = Math.min(thumbnails.urls.length - 1, Math.floor(at / 1000 / thumbnails.everySeconds));
        const now = currentMs >= from && currentMs < from + span;
        return (
          <li key={i} className={now ? 'now' : undefined}>
            <button type="button" onClick={() => onSeek(from)} title="Go to this picture" tabIndex={-1}>
              <img src={thumbnails.urls[index]} alt="" width={thumbnails.width} height={thumbnails.height} draggable={false} />
            </button>
          </li>
        );
      })}
    </ol>
  );
}
