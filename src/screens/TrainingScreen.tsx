import type { CellMark, CellShare, Scheme, TrainingCell, TrainingComparison } from '../../electron/core/api/contract.ts';
import { CheckMinusChoice } from '../components/CheckMinusChoice.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SelectField } from '../components/Field.tsx';
import { ClarityGlyph, CodeChip } from '../components/Glyphs.tsx';
import { RatingDifferences } from '../components/RatingDifferences.tsx';
import { PageHead, ScreenLayout } from '../components/ScreenLayout.tsx';
import { FootnoteList, FootnoteRef, Footnotes, formatPercent, statistic } from '../components/Statistic.tsx';
import { formatDuration, formatMarkTime } from '../format.ts';
import { useStudy } from '../state/study.ts';
import { useTraining, useTrainingCheck } from '../state/training.ts';
import './TrainingScreen.css';

function Mark({ mark }: { mark: CellMark }) {
  return mark === 'none' ? <span className="muted">not marked</span> : <ClarityGlyph clarity={mark} />;
}

/** A mark's time as a button that opens the coding view there. */
function Times({ times }: { times: number[] }) {
  const jumpTo = useTraining((s) => s.jumpTo);
  if (times.length === 0) return <span className="muted">—</span>;
  return (
    <span className="jump-times">
      {times.map((t) => (
        <button
          key={t}
          type="button"
          className="small jump"
          onClick={() => void jumpTo(t)}
          aria-label={`Go to ${formatMarkTime(t)} in the coding view`}
        >
          ▸ {formatMarkTime(t)}
        </button>
      ))}
    </span>
  );
}

function CellTable({ cells, label, trainee, reference }: { cells: TrainingCell[]; label: string; trainee: string; reference: string }) {
  return (
    <table className="table differences" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Segment</th>
          <th scope="col">Code</th>
          <th scope="col">{trainee}</th>
          <th scope="col">{reference}</th>
          <th scope="col">{trainee} marked at</th>
          <th scope="col">{reference} marked at</th>
        </tr>
      </thead>
      <tbody>
        {cells.map((c) => (
          <tr key={`${c.segmentIndex}:${c.code}`}>
            <td className="num">
              {c.segmentIndex + 1} <span className="muted small">{formatDuration(c.startMs)}</span>
            </td>
            <td>
              <CodeChip code={c.code} category={c.category} />
            </td>
            <td>
              <Mark mark={c.trainee} />
            </td>
            <td>
              <Mark mark={c.reference} />
            </td>
            <td>
              <Times times={c.traineeTimesMs} />
            </td>
            <td>
              <Times times={c.referenceTimesMs} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PerCode({ result, scheme }: { result: TrainingComparison; scheme: Scheme }) {
  const notes = new Footnotes('training');
  const present = result.perCode.filter((c) => c.trainee > 0 || c.reference > 0);
  const absent = result.perCode.length - present.length;
  return (
    <section className="card" aria-labelledby="per-code-heading">
      <div className="card-head">
        <h2 id="per-code-heading">By code</h2>
        <p className="muted small">Codes present in either coding; the counts are segments with the code.</p>
      </div>
      {present.length === 0 ? (
        <p className="empty">Neither coding has any code in any segment.</p>
      ) : (
        <table className="table" aria-label="Agreement by code">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col" className="num">
                {result.trainee}
              </th>
              <th scope="col" className="num">
                {result.reference}
              </th>
              <th scope="col" className="num">
                Segments agreed
              </th>
              <th scope="col" className="num">
                Cohen <span className="greek">κ</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {present.map((c) => (
              <tr key={c.code}>
                <th scope="row" title={scheme.codes.find((d) => d.id === c.code)?.name}>
                  <CodeChip code={c.code} category={c.category} />
                </th>
                <td className="num">{c.trainee}</td>
                <td className="num">{c.reference}</td>
                <td className="num">
                  {c.agreed}/{c.segments} <span className="muted small">({formatPercent(c.percentAgreement)})</span>
                </td>
                <td className="num">
                  {statistic({ value: c.cohenKappa, reason: c.reason, notes })}
                  {c.caution && <NoteRef reason={c.caution} notes={notes} label="few segments" />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {absent > 0 && <p className="muted small">The other {absent} codes are in neither coding, so the two agree on them in every segment.</p>}
      <FootnoteList notes={notes} label="Notes on the agreement by code" />
    </section>
  );
}

/** A footnote beside a figure that is defined but should be read with care (e.g. a kappa over few segments). */
function NoteRef({ reason, notes, label }: { reason: string; notes: Footnotes; label: string }) {
  const n = notes.number(reason);
  return (
    <>
      {' '}
      <span className="muted small" title={reason}>
        ({label}
        <FootnoteRef notes={notes} n={n} />)
      </span>
    </>
  );
}

/** "50.0 %", or "not defined" with its reason as a footnote. */
const percentOf = (share: CellShare, notes: Footnotes) =>
  statistic({ value: share.share, reason: share.share === null ? share.reason : undefined, notes, format: formatPercent });

/** "1/2 (50.0 %)", or "not defined" with its reason as a footnote. */
function shareOf(share: CellShare, notes: Footnotes) {
  if (share.share === null) return percentOf(share, notes);
  return (
    <>
      {share.count}/{share.of} <span className="muted small">({formatPercent(share.share)})</span>
    </>
  );
}

function PerSegment({ result }: { result: TrainingComparison }) {
  const notes = new Footnotes('training-segments');
  return (
    <section className="card" aria-labelledby="per-segment-heading">
      <div className="card-head">
        <h2 id="per-segment-heading">By segment</h2>
        <p className="muted small">
          Of the cells either coding has, those both have; of the reference’s cells, those {result.trainee} has too; of {result.trainee}’s cells,
          those the reference has too.
        </p>
      </div>
      <table className="table" aria-label="Agreement by segment">
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col" className="num">
              Agreed where marked
            </th>
            <th scope="col" className="num">
              Reference found
            </th>
            <th scope="col" className="num">
              Trainee confirmed
            </th>
          </tr>
        </thead>
        <tbody>
          {result.perSegment.map((s) => (
            <tr key={s.index}>
              <th scope="row">
                {s.index + 1}{' '}
                <span className="muted small">
                  {formatDuration(s.startMs)}–{formatDuration(s.endMs)}
                </span>
              </th>
              {s.markedAgreement.share === null ? (
                // Nothing marked in the segment: one reason stands for both figures.
                <td colSpan={3} className="num">
                  {shareOf(s.markedAgreement, notes)}
                </td>
              ) : (
                <>
                  <td className="num">{shareOf(s.markedAgreement, notes)}</td>
                  <td className="num">{shareOf(s.referenceFound, notes)}</td>
                  <td className="num">{shareOf(s.traineeConfirmed, notes)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <FootnoteList notes={notes} label="Notes on the agreement by segment" />
    </section>
  );
}

/** The figures a trainer reads first, on the marked cells; agreement over all cells, mostly empty ones, after them. */
function Summary({ result, codes }: { result: TrainingComparison; codes: number }) {
  const notes = new Footnotes('training-summary');
  const { markedAgreement: agreed, referenceFound: found, traineeConfirmed: confirmed } = result;
  return (
    <section className="card training-summary" aria-labelledby="agreement-heading">
      <div className="card-head">
        <h2 id="agreement-heading">Agreement</h2>
        <p className="muted small">On whether a code is in a segment; a check-minus counts as {result.checkMinus}.</p>
      </div>
      <div className="recording-cards training-cards">
        <div>
          <p className="big-figure">{percentOf(agreed, notes)}</p>
          <p className="muted small">agree where either coding has a code{agreed.share !== null && `: ${agreed.count} of ${agreed.of} cells`}</p>
        </div>
        <div>
          <p className="big-figure">{percentOf(found, notes)}</p>
          <p className="muted small">
            of the reference’s cells found by {result.trainee}
            {found.share !== null && `: ${found.count} of ${found.of}`}
          </p>
        </div>
        <div>
          <p className="big-figure">{percentOf(confirmed, notes)}</p>
          <p className="muted small">
            of {result.trainee}’s cells confirmed by the reference{confirmed.share !== null && `: ${confirmed.count} of ${confirmed.of}`} (low when
            over-coding)
          </p>
        </div>
      </div>
      <p className="muted small">
        Over all {result.cells} segment × code cells ({result.perSegment.length} segments × {codes} codes), empty ones included,{' '}
        {formatPercent(result.percentAgreement)} agree.
      </p>
      <FootnoteList notes={notes} label="Notes on the agreement" />
    </section>
  );
}

function Selectors() {
  const me = useStudy((s) => s.coder);
  const { codings, trainee, reference } = useTrainingCheck();
  const checkMinus = useTraining((s) => s.checkMinus);
  const setTrainee = useTraining((s) => s.setTrainee);
  const setReference = useTraining((s) => s.setReference);
  const setCheckMinus = useTraining((s) => s.setCheckMinus);
  const references = codings.filter((c) => c.coder !== trainee);
  return (
    <div className="head-actions">
      {me?.role === 'lead' && (
        <SelectField
          label="Trainee"
          inline
          value={trainee ?? ''}
          onChange={setTrainee}
          none={trainee === null ? '—' : undefined}
          choices={codings.filter((c) => !c.consensus).map((c) => ({ value: c.coder, label: c.coder }))}
        />
      )}
      <SelectField
        label="Reference"
        inline
        value={reference ?? ''}
        onChange={setReference}
        disabled={references.length === 0}
        none={reference === null ? '—' : undefined}
        choices={references.map((c) => ({
          value: c.coder,
          label: `${c.coder} — ${c.consensus ? 'consensus' : c.role === 'lead' ? `${c.name}, lead` : c.name}`,
        }))}
      />
      <CheckMinusChoice name="training-check-minus" value={checkMinus} onChange={(v) => setCheckMinus(v)} />
    </div>
  );
}

export function TrainingScreen() {
  const recording = useTraining((s) => s.recording);
  const { result, codings, loading, error } = useTrainingCheck();
  const scheme = useStudy((s) => s.scheme);
  const me = useStudy((s) => s.coder);
  if (!recording) return null;
  const noReference = !loading && !error && codings.every((c) => c.coder === me?.code);

  return (
    <ScreenLayout page="Training" recording={recording} status={loading && <span className="muted small">Comparing…</span>} main="page review">
      <PageHead
        id="training-heading"
        title="Training check"
        facts={
          <>
            <span className="code">{recording}</span>
            {result && (
              <span>
                {result.trainee === me?.code ? 'Your coding' : `${result.trainee}’s coding`} against the reference {result.reference}
              </span>
            )}
          </>
        }
      >
        <Selectors />
      </PageHead>
      <ErrorAlert error={error} />
      {noReference && (
        <p className="empty">
          No reference coding of {recording} yet: a lead’s coding or a consensus coding. Ask a lead to code it or to build a consensus.
        </p>
      )}
      {result && scheme && (
        <>
          <Summary result={result} codes={scheme.codes.length} />
          <section className="card" aria-labelledby="disagreements-heading">
            <div className="card-head">
              <h2 id="disagreements-heading">Disagreements to review ({result.disagreements.length})</h2>
              <p className="muted small">One coding has the code in the segment and the other not. Click a time to watch that moment.</p>
            </div>
            {result.disagreements.length === 0 ? (
              <p className="no-warnings">✓ The two codings agree in every segment.</p>
            ) : (
              <CellTable cells={result.disagreements} label="Disagreements" trainee={result.trainee} reference={result.reference} />
            )}
          </section>
          <div className="recording-cards training-cards">
            <PerSegment result={result} />
            <PerCode result={result} scheme={scheme} />
          </div>
          {result.clarityDifferences.length > 0 && (
            <section className="card" aria-labelledby="clarity-heading">
              <h2 id="clarity-heading">Same code, other clarity ({result.clarityDifferences.length})</h2>
              <CellTable cells={result.clarityDifferences} label="Clarity differences" trainee={result.trainee} reference={result.reference} />
            </section>
          )}
          {result.checkMinusNotCounted.length > 0 && (
            <section className="card" aria-labelledby="uncounted-heading">
              <div className="card-head">
                <h2 id="uncounted-heading">A check-minus mark, not counted ({result.checkMinusNotCounted.length})</h2>
                <p className="muted small">
                  One coding has only a check-minus mark here and the other nothing; a check-minus counts as absent, so they do not disagree.
                </p>
              </div>
              <CellTable
                cells={result.checkMinusNotCounted}
                label="Check-minus marks not counted"
                trainee={result.trainee}
                reference={result.reference}
              />
            </section>
          )}
          {result.ratingDifferences.length > 0 && (
            <section className="card" aria-labelledby="training-ratings-heading">
              <h2 id="training-ratings-heading">Ratings that differ</h2>
              <RatingDifferences
                scheme={scheme}
                a={result.trainee}
                b={result.reference}
                differences={result.ratingDifferences.map((r) => ({ item: r.item, a: r.trainee, b: r.reference }))}
              />
            </section>
          )}
        </>
      )}
    </ScreenLayout>
  );
}
