import { useMemo, useState, type UIEvent } from 'react';
import type { CellDifference, CellMark, CodingChoice, CodingComparison } from '../../electron/core/api/contract.ts';
import { CheckMinusChoice } from '../components/CheckMinusChoice.tsx';
import { cellKey, CompareGrid, countKind, DIFFERENCE_KINDS, lightKind } from '../components/CompareGrid.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SelectField } from '../components/Field.tsx';
import { ClarityGlyph, CodeChip } from '../components/Glyphs.tsx';
import { RatingDifferences } from '../components/RatingDifferences.tsx';
import { PageHead, ScreenLayout } from '../components/ScreenLayout.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDuration, formatMarkTime } from '../format.ts';
import { useCompare, useComparison } from '../state/compare.ts';
import { useStudy } from '../state/study.ts';
import './CompareScreen.css';

function Mark({ mark }: { mark: CellMark }) {
  return mark === 'none' ? <span className="muted">—</span> : <ClarityGlyph clarity={mark} />;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const times = (ms: number[]) => (ms.length ? ms.map(formatMarkTime).join(', ') : '—');

function CoderSelect({ side, label, codings, value }: { side: 'a' | 'b'; label: string; codings: CodingChoice[]; value: string | null }) {
  const choose = useCompare((s) => s.choose);
  return (
    <SelectField
      label={label}
      inline
      value={value ?? ''}
      onChange={(coder) => choose(side, coder)}
      none={value === null ? '—' : undefined}
      choices={codings.map((c) => ({ value: c.coder, label: `${c.coder}${c.consensus ? ' (consensus)' : ''}` }))}
    />
  );
}

/** Start the agreed coding from either side, or go on with the one already begun. */
function ConsensusCard({ comparison, codings }: { comparison: CodingComparison | null; codings: CodingChoice[] }) {
  const starting = useCompare((s) => s.starting);
  const start = useCompare((s) => s.startConsensus);
  const edit = useCompare((s) => s.editConsensus);
  // The consensus coder's code: CONSENSUS unless the lead types another (when a person already has that code).
  const [code, setCode] = useState('CONSENSUS');
  const begun = codings.filter((c) => c.consensus);
  const sides = comparison
    ? [comparison.coders.a, comparison.coders.b].flatMap((coder) =>
        begun.some((b) => b.coder === coder) ? [] : [codings.find((c) => c.coder === coder) ?? { coder, state: 'in-progress' as const }],
      )
    : [];
  const unfinished = sides.filter((c) => c.state !== 'complete').map((c) => c.coder);
  return (
    <section className="card consensus-card" aria-labelledby="consensus-heading">
      <div className="card-head">
        <h2 id="consensus-heading">Consensus coding</h2>
        <p className="muted small">
          The agreed coding is a coding of its own. It starts as a copy of one side (marks, ratings, notes and watched segments); you then edit it in
          the coding view. Every change is logged under your code.
        </p>
      </div>
      <div className="consensus-actions">
        {begun.map((c) => (
          <span key={c.coder} className="consensus-begun">
            <span className="code">{c.coder}</span> <StatusBadge state={c.state} />
            <button type="button" className="primary" onClick={() => void edit(c.coder)}>
              Edit the consensus coding
            </button>
          </span>
        ))}
        {begun.length === 0 && sides.length > 0 && (
          <>
            <div className="field inline">
              <label htmlFor="consensus-code">As coder</label>
              <input
                id="consensus-code"
                className="code-input"
                value={code}
                onChange={(e) => setCode(e.target.value.toUpperCase())}
                spellCheck={false}
                autoComplete="off"
              />
            </div>
            {sides.map(({ coder }) => (
              <button key={coder} type="button" onClick={() => void start(coder, code.trim() || undefined)} disabled={starting}>
                Start consensus from {coder}
              </button>
            ))}
          </>
        )}
      </div>
      {begun.length === 0 && unfinished.length > 0 && (
        <p className="hint">
          {unfinished.join(' and ')} {unfinished.length === 1 ? 'has' : 'have'} not marked {unfinished.length === 1 ? 'this coding' : 'these codings'}{' '}
          complete: a consensus copies a coding as it stands now, and later changes to it do not reach the consensus.
        </p>
      )}
    </section>
  );
}

/**
 * The two grids scroll sideways together, so a segment's column stands at the same place in both when a
 * session is wider than they are. Setting the other's position fires its own scroll, which finds them equal.
 */
function scrollTogether(event: UIEvent<HTMLDivElement>): void {
  const moved = event.target;
  if (!(moved instanceof HTMLElement) || !moved.classList.contains('grid-scroll')) return;
  for (const frame of event.currentTarget.querySelectorAll<HTMLElement>('.grid-scroll')) {
    if (frame !== moved && frame.scrollLeft !== moved.scrollLeft) frame.scrollLeft = moved.scrollLeft;
  }
}

function DifferenceList({ comparison, picked, onPick }: { comparison: CodingComparison; picked: string | null; onPick(key: string): void }) {
  const { a, b } = comparison.coders;
  const presence = comparison.differences.filter((d) => d.kind === 'presence').length;
  const light = lightKind(comparison.checkMinus);
  if (comparison.differences.length === 0) return <p className="no-warnings">✓ The two codings have the same marks in every segment.</p>;
  return (
    <>
      <p className="muted small">
        {countKind(presence, 'presence')} ({DIFFERENCE_KINDS.presence.meaning}) and {countKind(comparison.differences.length - presence, light)} (
        {DIFFERENCE_KINDS[light].meaning}). Click a row to outline its cell in both grids.
      </p>
      <table className="table differences" aria-label="Differences">
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col">Code</th>
            <th scope="col">Kind</th>
            <th scope="col">{a}</th>
            <th scope="col">{b}</th>
            <th scope="col">Marked at</th>
          </tr>
        </thead>
        <tbody>
          {comparison.differences.map((d: CellDifference) => {
            const key = cellKey(d.segmentIndex, d.code);
            return (
              <tr
                key={key}
                className={`clickable diff-row diff-${d.kind}`}
                aria-current={key === picked ? 'true' : undefined}
                onClick={() => onPick(key)}
              >
                <td className="num">
                  {d.segmentIndex + 1} <span className="muted small">{formatDuration(d.startMs)}</span>
                </td>
                <td>
                  <CodeChip code={d.code} category={d.category} />
                </td>
                <td>
                  <span className={`diff-kind ${DIFFERENCE_KINDS[d.kind].look}`}>{DIFFERENCE_KINDS[d.kind].label}</span>
                </td>
                <td>
                  <Mark mark={d.a} />
                </td>
                <td>
                  <Mark mark={d.b} />
                </td>
                <td className="small">
                  {a}: {times(d.aTimesMs)} · {b}: {times(d.bTimesMs)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export function CompareScreen() {
  const recording = useCompare((s) => s.recording);
  const { codings, coderA, coderB, comparison, loading, error } = useComparison();
  const checkMinus = useCompare((s) => s.checkMinus);
  const setCheckMinus = useCompare((s) => s.setCheckMinus);
  const scheme = useStudy((s) => s.scheme);
  // With blind coding off coders may compare too; a consensus is a lead's.
  const lead = useStudy((s) => s.coder?.role === 'lead');
  const [picked, setPicked] = useState<string | null>(null);
  const byCell = useMemo(() => new Map((comparison?.differences ?? []).map((d) => [cellKey(d.segmentIndex, d.code), d])), [comparison]);
  if (!recording) return null;

  return (
    <ScreenLayout
      page="Compare"
      recording={recording}
      status={loading && <span className="muted small">Comparing…</span>}
      main="page review wide-page"
    >
      <PageHead
        id="compare-heading"
        title="Compare codings"
        facts={
          <>
            <span className="code">{recording}</span>
            {comparison && (
              <span>
                {plural(comparison.differences.filter((d) => d.kind === 'presence').length, 'disagreement')} ·{' '}
                {plural(comparison.ratingDifferences.length, 'rating')} differ{comparison.ratingDifferences.length === 1 ? 's' : ''}
              </span>
            )}
          </>
        }
      >
        <div className="head-actions">
          <CoderSelect side="a" label="Coding A" codings={codings} value={coderA} />
          <CoderSelect side="b" label="Coding B" codings={codings} value={coderB} />
          <CheckMinusChoice name="compare-check-minus" value={checkMinus} onChange={(v) => setCheckMinus(v)} />
        </div>
      </PageHead>
      <ErrorAlert error={error} />
      {!loading && codings.length < 2 && !error && (
        <p className="empty">Fewer than two coders have coded {recording}, so there is nothing to compare yet.</p>
      )}
      {lead && <ConsensusCard comparison={comparison} codings={codings} />}
      {comparison && scheme && (
        <>
          <p className="grid-legend">
            {(['presence', lightKind(comparison.checkMinus)] as const).map((kind) => (
              <span key={kind}>
                <span className={`legend-swatch diff-${DIFFERENCE_KINDS[kind].look}`} aria-hidden="true" /> {DIFFERENCE_KINDS[kind].label}:{' '}
                {DIFFERENCE_KINDS[kind].meaning}
              </span>
            ))}
            <span>a check-minus counts as {comparison.checkMinus}</span>
          </p>
          <div className="compare-grids" onScrollCapture={scrollTogether}>
            {(['a', 'b'] as const).map((side) => (
              <CompareGrid
                key={side}
                scheme={scheme}
                sheet={comparison.sheets[side]}
                differences={byCell}
                side={side}
                other={comparison.coders[side === 'a' ? 'b' : 'a']}
                picked={picked}
                onPick={setPicked}
              />
            ))}
          </div>
          <div className="recording-cards compare-cards">
            <section className="card" aria-labelledby="differences-heading">
              <h2 id="differences-heading">Marks that differ</h2>
              <DifferenceList comparison={comparison} picked={picked} onPick={setPicked} />
            </section>
            <section className="card" aria-labelledby="rating-differences-heading">
              <h2 id="rating-differences-heading">Ratings that differ</h2>
              {comparison.ratingDifferences.length === 0 ? (
                <p className="no-warnings">✓ Every global rating is the same.</p>
              ) : (
                <RatingDifferences scheme={scheme} a={comparison.coders.a} b={comparison.coders.b} differences={comparison.ratingDifferences} />
              )}
            </section>
          </div>
        </>
      )}
    </ScreenLayout>
  );
}
