import { useState, type ReactNode } from 'react';
import type { CheckMinus, ReliabilityReport, Scheme } from '../../electron/core/api/contract.ts';
import { AgreementPlot, PlotScale } from '../components/AgreementPlot.tsx';
import { CheckMinusChoice } from '../components/CheckMinusChoice.tsx';
import { ChoiceList, SelectField } from '../components/Field.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { CodeChip } from '../components/Glyphs.tsx';
import { PageHead, ScreenLayout } from '../components/ScreenLayout.tsx';
import { SessionCountTable } from '../components/SessionCountTable.tsx';
import { IccCells } from '../components/IccCells.tsx';
import { FootnoteList, Footnotes, formatCoefficient, formatPercent, intervalStatistic, missingLabel, statistic } from '../components/Statistic.tsx';
import { UnfinishedNotice } from '../components/UnfinishedNotice.tsx';
import { formatSegmentLength } from '../format.ts';
import { exampleList, leftOutSummary } from '../left-out.ts';
import { toggled, useReliability, useReliabilityReport } from '../state/reliability.ts';
import { ICC_FORMS, type IccForm, SUMMARY_KEYS } from '../reliability-labels.ts';
import { useStudy } from '../state/study.ts';
import './ReliabilityScreen.css';

function Choices() {
  const coders = useStudy((s) => s.coders);
  const recordings = useStudy((s) => s.recordings);
  const checkMinus = useReliability((s) => s.checkMinus);
  const includeUnfinished = useReliability((s) => s.includeUnfinished);
  const { report, coders: chosenCoders, recordings: chosenRecordings, choose } = useReliabilityReport();
  const chooseRecordings = (codes: string[]) => choose({ recordings: codes });
  const left = new Set(report?.notCoded.map((m) => m.recording));
  return (
    <section className="card review-choices" aria-label="What the report covers">
      <fieldset>
        <legend>Coders (two or more)</legend>
        <ChoiceList
          choices={coders.map((c) => ({
            value: c.code,
            label: (
              <>
                <span className="code">{c.code}</span> <span className="muted">{c.name}</span>
              </>
            ),
          }))}
          chosen={chosenCoders}
          onToggle={(code) => choose({ coders: toggled(chosenCoders, code) })}
        />
      </fieldset>
      <fieldset>
        <legend>Recordings</legend>
        <p className="choice-actions">
          <button type="button" className="small" onClick={() => chooseRecordings(recordings.map((r) => r.code))}>
            All
          </button>
          <button type="button" className="small" onClick={() => chooseRecordings([])}>
            None
          </button>
          {left.size > 0 && (
            <button type="button" className="small" onClick={() => chooseRecordings(chosenRecordings.filter((code) => !left.has(code)))}>
              Only those every chosen coder coded
            </button>
          )}
        </p>
        <ChoiceList
          className="scroll"
          choices={recordings.map((r) => ({ value: r.code, label: <span className="code">{r.code}</span> }))}
          chosen={chosenRecordings}
          onToggle={(code) => choose({ recordings: toggled(chosenRecordings, code) })}
        />
      </fieldset>
      <CheckMinusChoice name="reliability-check-minus" value={checkMinus} onChange={(v: CheckMinus) => choose({ checkMinus: v })} />
      <fieldset>
        <legend>Codings compared</legend>
        <label>
          <input type="checkbox" checked={includeUnfinished} onChange={(e) => choose({ includeUnfinished: e.target.checked })} /> Include unfinished
          codings
        </label>
        <p className="muted small">Off, only codings marked complete are compared, as published reliability is; unfinished ones are listed.</p>
      </fieldset>
    </section>
  );
}

/** The head of a table's plot column: the scale the plots are drawn on, and in words what they show. */
function PlotHead({ children }: { children: ReactNode }) {
  return (
    <th scope="col" className="plot">
      <span className="sr-only">{children}</span>
      <PlotScale />
    </th>
  );
}

function SegmentTable({ report, scheme }: { report: ReliabilityReport; scheme: Scheme }) {
  const notes = new Footnotes('segments');
  const two = report.coders.length === 2;
  const kappa = two ? 'cohenKappa' : 'fleissKappa';
  const n = Object.values(report.segments)[0]?.n ?? 0;

  const row = (key: string, label: React.ReactNode, name: string) => {
    const s = report.segments[key]!;
    const agreement = s.percentAgreement;
    const k = s[kappa];
    const ac1 = s.gwetAC1?.value ?? null;
    const words = `${name}: agreement ${agreement === null ? missingLabel(s.reasons?.percentAgreement) : formatPercent(agreement)}, kappa ${k === null ? missingLabel(s.reasons?.[kappa]) : formatCoefficient(k)}, AC1 ${ac1 === null ? missingLabel(s.reasons?.gwetAC1) : formatCoefficient(ac1)}`;
    return (
      <tr key={key}>
        <th scope="row">{label}</th>
        <td className="name">{name}</td>
        <td className="num">{s.n}</td>
        <td className="num">{statistic({ value: agreement, reason: s.reasons?.percentAgreement, notes, format: formatPercent })}</td>
        <td className="num">{statistic({ value: k, reason: s.reasons?.[kappa], notes })}</td>
        <td className="num icc">{intervalStatistic(s.gwetAC1, s.reasons?.gwetAC1, notes)}</td>
        <td className="num icc">{intervalStatistic(s.krippendorffAlpha, s.reasons?.krippendorffAlpha, notes)}</td>
        <td className="plot">
          <AgreementPlot label={words} bar={agreement} point={k} diamond={ac1} />
        </td>
      </tr>
    );
  };

  const body = (
    <>
      {scheme.categories.map((category) => (
        <tbody key={category.id} className={`group cat-${category.id}`}>
          <tr className="group-row">
            <th scope="rowgroup" colSpan={8}>
              {category.name}
            </th>
          </tr>
          {scheme.codes.filter((c) => c.category === category.id).map((c) => row(c.id, <CodeChip code={c.id} category={c.category} />, c.name))}
        </tbody>
      ))}
      <tbody className="group summary">
        <tr className="group-row">
          <th scope="rowgroup" colSpan={8}>
            Any code of a kind
          </th>
        </tr>
        {SUMMARY_KEYS.map(({ key, label }) => row(key, <span className="code">{key}</span>, label))}
      </tbody>
    </>
  );

  return (
    <section className="card" aria-labelledby="segments-heading">
      <div className="card-head">
        <h2 id="segments-heading">Segment agreement</h2>
        <p className="muted small">
          Whether each code is in a segment, coder by coder: {n} segments of {formatSegmentLength(report.segmentSeconds)}; a check-minus counts as{' '}
          {report.checkMinus}.{' '}
          {two ? 'Cohen’s κ for two coders.' : `Agreement is the mean share of agreeing coder pairs; Fleiss’ κ for ${report.coders.length} coders.`}{' '}
          Gwet’s AC1 and Krippendorff’s α (nominal), with 95 % intervals, stay meaningful for codes absent from most segments, where κ is often not
          defined.
        </p>
      </div>
      <table className="table reliability" aria-label="Segment agreement">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Segments
            </th>
            <th scope="col" className="num">
              {two ? 'Agreement' : 'Pair agreement'}
            </th>
            <th scope="col" className="num">
              {two ? 'Cohen' : 'Fleiss'} <span className="greek">κ</span>
            </th>
            <th scope="col" className="num" title="Gwet’s AC1 with its 95 % interval">
              Gwet AC1
            </th>
            <th scope="col" className="num" title="Krippendorff’s alpha, nominal, with its 95 % interval">
              Krippendorff <span className="greek">α</span>
            </th>
            <PlotHead>Plot: bar agreement, dot κ, diamond AC1</PlotHead>
          </tr>
        </thead>
        {body}
      </table>
      <p className="plot-legend muted small">
        <span className="legend-bar" aria-hidden="true" /> agreement <span className="legend-dot" aria-hidden="true" /> κ{' '}
        <span className="legend-diamond" aria-hidden="true" /> AC1, on a scale from 0 to 1 (a value below 0 is an arrow at the left edge)
      </p>
      <FootnoteList notes={notes} label="Notes on the segment agreement" />
    </section>
  );
}

function RatingTable({ report, scheme }: { report: ReliabilityReport; scheme: Scheme }) {
  const [plotted, setPlotted] = useState<IccForm>('ICC2');
  const notes = new Footnotes('ratings');
  const two = report.coders.length === 2;
  const plottedLabel = ICC_FORMS.find((f) => f.form === plotted)!.label;
  const columns = 5 + ICC_FORMS.length + (two ? 1 : 0);

  const row = (itemId: string) => {
    const item = report.ratings[itemId]!;
    const def = scheme.ratingItems.find((i) => i.id === itemId)!;
    const estimate = item[plotted];
    const words = `${def.label}: ${plottedLabel} ${estimate === null ? missingLabel(item.reasons?.[plotted]) : formatCoefficient(estimate.value)}`;
    return (
      <tr key={itemId}>
        <th scope="row" className="item">
          {def.code && def.category ? <CodeChip code={def.code} category={def.category} /> : null} <span>{def.label}</span>
        </th>
        <td className="num">{item.n}</td>
        <IccCells row={item} notes={notes} />
        {two && <td className="num">{statistic({ value: item.weightedKappa, reason: item.reasons?.weightedKappa, notes })}</td>}
        <td className="num icc">{intervalStatistic(item.gwetAC2, item.reasons?.gwetAC2, notes)}</td>
        <td className="num icc">{intervalStatistic(item.krippendorffAlpha, item.reasons?.krippendorffAlpha, notes)}</td>
        <td className="plot">
          <AgreementPlot label={words} point={estimate?.value ?? null} lower={estimate?.lower ?? null} upper={estimate?.upper ?? null} />
        </td>
      </tr>
    );
  };

  const body = (
    <tbody>
      <tr className="group-row">
        <th scope="rowgroup" colSpan={columns}>
          Significance of each marker
        </th>
      </tr>
      {scheme.ratingItems.filter((i) => i.code !== undefined).map((i) => row(i.id))}
      <tr className="group-row">
        <th scope="rowgroup" colSpan={columns}>
          Overall ratings
        </th>
      </tr>
      {scheme.ratingItems.filter((i) => i.code === undefined).map((i) => row(i.id))}
    </tbody>
  );

  return (
    <section className="card" aria-labelledby="ratings-heading">
      <div className="card-head">
        <h2 id="ratings-heading">Global ratings</h2>
        <p className="muted small">
          Each item across the recordings every chosen coder rated (n), with 95 % confidence intervals{two ? '; weighted κ is quadratic' : ''}; Gwet’s
          AC2 (quadratic weights) and Krippendorff’s interval α over the whole 1–5 scale.
        </p>
        <SelectField
          label="Plot"
          inline
          className="plot-choice"
          value={plotted}
          onChange={setPlotted}
          choices={ICC_FORMS.map((f) => ({ value: f.form, label: f.label }))}
        />
      </div>
      <div className="table-scroll">
        <table className="table reliability ratings-reliability" aria-label="Rating agreement">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                n
              </th>
              {ICC_FORMS.map((f) => (
                <th key={f.form} scope="col" className="num" title={f.hint}>
                  {f.label}
                </th>
              ))}
              {two && (
                <th scope="col" className="num">
                  Weighted <span className="greek">κ</span>
                </th>
              )}
              <th scope="col" className="num" title="Gwet’s AC2 with quadratic weights, with its 95 % interval">
                Gwet AC2
              </th>
              <th scope="col" className="num" title="Krippendorff’s alpha, interval, with its 95 % interval">
                Krippendorff <span className="greek">α</span>
              </th>
              <PlotHead>Plot: {plottedLabel} with its confidence interval</PlotHead>
            </tr>
          </thead>
          {body}
        </table>
      </div>
      <p className="plot-legend muted small">
        <span className="legend-dot" aria-hidden="true" /> {plottedLabel} <span className="legend-whisker" aria-hidden="true" /> its 95 % confidence
        interval, on a scale from 0 to 1
      </p>
      <FootnoteList notes={notes} label="Notes on the rating agreement" />
    </section>
  );
}

/**
 * The recordings the segment agreement could not use, in a few lines however many there are: per coder how
 * many they have not coded, with examples, what to untick to bring them all back, and the full list on demand.
 */
function LeftOutNotice({ report }: { report: ReliabilityReport }) {
  const left = leftOutSummary(report);
  const total = report.recordings.length;
  return (
    <div className="banner caution left-out" role="status">
      <p>
        Left out of the segment agreement: {left.recordings} of the {total} chosen recordings, which not every chosen coder has coded (segments are
        compared only where all of them coded).
      </p>
      <ul>
        {left.byCoder.map((m) => (
          <li key={m.coder}>
            <strong>{m.coder}</strong> has not coded {m.count} of them: {exampleList(m)}.
          </li>
        ))}
      </ul>
      {left.untick ? (
        <p>
          Untick {left.untick} to compare the other coders over all {total} recordings.
        </p>
      ) : (
        <p>Choose “Only those every chosen coder coded” above to list just the recordings compared.</p>
      )}
      {left.recordings > 3 && (
        <details>
          <summary>All {left.recordings} recordings left out</summary>
          <p className="small">{report.notCoded.map((m) => `${m.recording} (no coding by ${m.coders.join(', ')})`).join('; ')}.</p>
        </details>
      )}
    </div>
  );
}

export function ReliabilityScreen() {
  const scheme = useStudy((s) => s.scheme);
  const { report, loading, error } = useReliabilityReport();
  return (
    <ScreenLayout page="Reliability" status={loading && <span className="muted small">Computing…</span>} main="page review wide-page">
      <PageHead
        id="reliability-heading"
        title="Reliability"
        facts={
          report && (
            <>
              <span>
                {report.recordings.length} recording{report.recordings.length === 1 ? '' : 's'}
              </span>
              <span>coders {report.coders.join(', ')}</span>
              <span>check-minus counts as {report.checkMinus}</span>
            </>
          )
        }
      />
      <Choices />
      <ErrorAlert error={error} />
      {report?.blindCodingNote && (
        <p className="banner caution" role="status">
          {report.blindCodingNote}
        </p>
      )}
      {report && report.notCoded.length > 0 && <LeftOutNotice report={report} />}
      {report && report.unfinished.length > 0 && <UnfinishedNotice report={report} />}
      {report && scheme && (
        <>
          <SegmentTable report={report} scheme={scheme} />
          <SessionCountTable report={report} scheme={scheme} />
          <RatingTable report={report} scheme={scheme} />
        </>
      )}
    </ScreenLayout>
  );
}
