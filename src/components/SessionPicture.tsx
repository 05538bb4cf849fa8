import type { CSSProperties } from 'react';
import type { CodingView } from '../../electron/core/api/contract.ts';
import type { Category, Scheme } from '../../electron/core/scheme/types.ts';
import { formatDuration } from '../format.ts';
import { axisStep, sessionPicture } from '../picture.ts';
import './SessionPicture.css';

interface SessionPictureProps {
  view: CodingView;
  scheme: Scheme;
  onSelect?: (segment: number) => void;
}

/**
 * Withdrawal, confrontation and resolution across the session's segments: each cell's colour depth is
 * how much was marked there (clear marks weigh double unclear ones). The first thing a lead reads.
 */
export function SessionPicture({ view, scheme, onSelect }: SessionPictureProps) {
  const picture = sessionPicture(view);
  const segments = view.scoresheet.segments;
  const watched = new Set(view.watched);
  const step = axisStep(segments.length);
  const columns: CSSProperties = { gridTemplateColumns: `var(--picture-label) repeat(${segments.length}, minmax(0, 1fr))` };
  return (
    <figure className="picture" aria-label="Session picture">
      <div className="picture-grid" style={columns}>
        {scheme.categories.map((category) => (
          <PictureRow
            key={category.id}
            category={category.id}
            name={category.name}
            cells={picture[category.id]}
            onSelect={onSelect}
            ranges={segments}
          />
        ))}
        <span className="picture-label watched-label">Watched</span>
        {segments.map((s) => (
          <span
            key={s.index}
            className={`picture-watched${watched.has(s.index) ? ' yes' : ''}`}
            role="img"
            aria-label={`Segment ${s.index + 1} ${watched.has(s.index) ? 'watched' : 'not watched yet'}: ${Math.floor((view.played[s.index] ?? 0) * 100)} % played`}
          />
        ))}
        <span className="picture-axis-label" aria-hidden="true" />
        {segments.map((s) => (
          <span key={s.index} className="picture-axis" aria-hidden="true">
            {s.index % step === 0 ? formatDuration(s.startMs) : ''}
          </span>
        ))}
      </div>
    </figure>
  );
}

interface PictureRowProps {
  category: Category;
  name: string;
  cells: ReturnType<typeof sessionPicture>[Category];
  ranges: CodingView['scoresheet']['segments'];
  onSelect: ((segment: number) => void) | undefined;
}

function PictureRow({ category, name, cells, ranges, onSelect }: PictureRowProps) {
  return (
    <>
      <span className={`picture-label cat-${category}`}>{name}</span>
      {cells.map((cell) => {
        const range = ranges[cell.segment]!;
        const label = `${name}, segment ${cell.segment + 1} (${formatDuration(range.startMs)}–${formatDuration(range.endMs)}): ${
          cell.marks === 0 ? 'nothing marked' : `${cell.marks} mark${cell.marks === 1 ? '' : 's'}`
        }`;
        const style = { '--intensity': cell.intensity } as CSSProperties;
        const className = `picture-cell cat-${category}${cell.marks > 0 ? ' marked' : ''}${cell.intensity > 0.55 ? ' deep' : ''}`;
        const count = cell.marks > 0 && (
          <span className="picture-count" aria-hidden="true">
            {cell.marks}
          </span>
        );
        return onSelect ? (
          <button
            key={cell.segment}
            type="button"
            className={className}
            style={style}
            title={label}
            aria-label={label}
            onClick={() => onSelect(cell.segment)}
          >
            {count}
          </button>
        ) : (
          <span key={cell.segment} className={className} style={style} title={label} role="img" aria-label={label}>
            {count}
          </span>
        );
      })}
    </>
  );
}
