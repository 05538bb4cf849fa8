// A one-line plot of one statistic on a 0–1 scale: a bar (e.g. percent agreement), a dot (κ or an ICC) and,
// where the core gives one, the dot's 95 % confidence interval as a whisker; optionally a hollow diamond for a
// second coefficient (Gwet's AC1 beside κ, which stays defined for codes absent from most segments). Values
// below 0 sit at the left edge as an arrow; a statistic that is not defined draws nothing (the table says why).

import './AgreementPlot.css';

const WIDTH = 160;
const HEIGHT = 18;
const PAD = 5;
const GRID = [0, 0.2, 0.4, 0.6, 0.8, 1];

const x = (v: number): number => PAD + Math.min(1, Math.max(0, v)) * (WIDTH - 2 * PAD);

interface PlotProps {
  /** What the plot shows, in words, for screen readers. */
  label: string;
  bar?: number | null;
  point: number | null;
  lower?: number | null;
  upper?: number | null;
  /** A second coefficient, drawn hollow so that a dot under it stays visible. */
  diamond?: number | null;
}

export function AgreementPlot({ label, bar = null, point, lower = null, upper = null, diamond = null }: PlotProps) {
  const mid = HEIGHT / 2;
  return (
    <svg className="agreement-plot" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {GRID.map((g) => (
        <line key={g} className={g === 0 || g === 1 ? 'plot-edge' : 'plot-grid'} x1={x(g)} x2={x(g)} y1={2} y2={HEIGHT - 2} />
      ))}
      {bar !== null && <rect className="plot-bar" x={x(0)} y={mid - 3} width={x(bar) - x(0)} height={6} rx={2} />}
      {point !== null && lower !== null && upper !== null && (
        <g className="plot-whisker">
          <line x1={x(lower)} x2={x(upper)} y1={mid} y2={mid} />
          <line x1={x(lower)} x2={x(lower)} y1={mid - 3} y2={mid + 3} />
          <line x1={x(upper)} x2={x(upper)} y1={mid - 3} y2={mid + 3} />
        </g>
      )}
      {point !== null &&
        (point < 0 ? (
          <path className="plot-point below" d={`M ${x(0) - 1} ${mid} l 6 -4 v 8 z`} />
        ) : (
          <circle className="plot-point" cx={x(point)} cy={mid} r={3.5} />
        ))}
      {diamond !== null &&
        (diamond < 0 ? (
          <path className="plot-diamond below" d={`M ${x(0) - 1} ${mid} l 6 -4 v 8 z`} />
        ) : (
          <path className="plot-diamond" d={`M ${x(diamond)} ${mid - 5} l 5 5 l -5 5 l -5 -5 z`} />
        ))}
    </svg>
  );
}

/** The scale above a column of plots. */
export function PlotScale() {
  return (
    <svg className="plot-scale" width={WIDTH} height={12} viewBox={`0 0 ${WIDTH} 12`} aria-hidden="true">
      {[0, 0.5, 1].map((g) => (
        <text key={g} x={x(g)} y={10} textAnchor={g === 0 ? 'start' : g === 1 ? 'end' : 'middle'}>
          {g === 0.5 ? '.5' : String(g)}
        </text>
      ))}
    </svg>
  );
}
