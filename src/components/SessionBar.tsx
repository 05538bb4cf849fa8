import type { MouseEvent } from 'react';
import type { Mark } from '../../electron/core/api/contract.ts';
import { formatDuration } from '../format.ts';
import { usePlayer } from '../state/player.ts';

const fractionOf = (event: MouseEvent<HTMLElement>): number => {
  const box = event.currentTarget.getBoundingClientRect();
  return box.width > 0 ? (event.clientX - box.left) / box.width : 0;
};

/** The playhead alone re-renders as the video plays; the bar's segments and ticks do not. */
function Playhead({ durationMs }: { durationMs: number }) {
  const currentMs = usePlayer((s) => s.currentMs);
  return <span className="session-playhead" style={{ left: `${(currentMs / durationMs) * 100}%` }} title={formatDuration(currentMs)} />;
}

/** The whole session in one strip: segments (watched ones shaded), a tick per mark, the playhead. Click to go there. */
export function SessionBar({ marks, watched }: { marks: Mark[]; watched: number[] }) {
  const durationMs = usePlayer((s) => s.durationMs);
  const segments = usePlayer((s) => s.segments);
  const current = usePlayer((s) => s.segment);
  const seek = usePlayer((s) => s.seek);
  if (durationMs <= 0) return null;
  const at = (ms: number) => `${(ms / durationMs) * 100}%`;
  const seen = new Set(watched);
  return (
    <div
      className="session-bar"
      title="The whole session: click to go there"
      aria-hidden="true"
      onClick={(e) => seek(fractionOf(e) * durationMs)}
    >
      {segments.map((s) => (
        <span
          key={s.index}
          className={`session-seg${seen.has(s.index) ? ' watched' : ''}${s.index === current ? ' now' : ''}`}
          style={{ left: at(s.startMs), width: at(s.endMs - s.startMs) }}
          title={`Segment ${s.index + 1}${seen.has(s.index) ? ' (watched)' : ''}`}
        />
      ))}
      {marks.map((m) => (
        <span key={m.id} className={`session-tick cat-${m.category}${m.clarity === 'check-minus' ? ' minus' : ''}`} style={{ left: at(m.timeMs) }} />
      ))}
      <Playhead durationMs={durationMs} />
    </div>
  );
}
