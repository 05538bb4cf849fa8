import { memo, type MouseEvent } from 'react';
import type { Mark } from '../../electron/core/api/contract.ts';
import { formatDuration } from '../format.ts';
import { usePlayer } from '../state/player.ts';
import './SessionBar.css';

const fractionOf = (event: MouseEvent<HTMLElement>): number => {
  const box = event.currentTarget.getBoundingClientRect();
  return box.width > 0 ? (event.clientX - box.left) / box.width : 0;
};

const at = (ms: number, durationMs: number) => `${(ms / durationMs) * 100}%`;

/** The playhead alone re-renders as the video plays; the bar's segments and ticks do not. */
function Playhead({ durationMs }: { durationMs: number }) {
  const currentMs = usePlayer((s) => s.currentMs);
  return <span className="session-playhead" style={{ left: at(currentMs, durationMs) }} title={formatDuration(currentMs)} />;
}

/** One mark's tick: the coding store keeps an unchanged mark's object, so a new mark renders only its own tick. */
const Tick = memo(function Tick({ mark, durationMs }: { mark: Mark; durationMs: number }) {
  return (
    <span
      className={`session-tick cat-${mark.category}${mark.clarity === 'check-minus' ? ' minus' : ''}`}
      style={{ left: at(mark.timeMs, durationMs) }}
    />
  );
});

/** The whole session in one strip: segments (watched ones shaded), a tick per mark, the playhead. Click to go there. */
export function SessionBar({ marks, watched, played }: { marks: Mark[]; watched: number[]; played: number[] }) {
  const durationMs = usePlayer((s) => s.durationMs);
  const segments = usePlayer((s) => s.segments);
  const current = usePlayer((s) => s.segment);
  const seek = usePlayer((s) => s.seek);
  if (durationMs <= 0) return null;
  const seen = new Set(watched);
  return (
    <div className="session-bar" title="The whole session: click to go there" aria-hidden="true" onClick={(e) => seek(fractionOf(e) * durationMs)}>
      {segments.map((s) => (
        <span
          key={s.index}
          className={`session-seg${seen.has(s.index) ? ' watched' : ''}${s.index === current ? ' now' : ''}`}
          style={{ left: at(s.startMs, durationMs), width: at(s.endMs - s.startMs, durationMs) }}
          title={`Segment ${s.index + 1}: ${Math.floor((played[s.index] ?? 0) * 100)} % played${seen.has(s.index) ? ' (watched)' : ''}`}
        />
      ))}
      {marks.map((m) => (
        <Tick key={m.id} mark={m} durationMs={durationMs} />
      ))}
      <Playhead durationMs={durationMs} />
    </div>
  );
}
