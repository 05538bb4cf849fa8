// Session-level reliability, as 3RS papers report it (e.g. Eubanks et al. 2019): per recording and coder,
// the number of segments with each category and code, and the six ICCs of those counts across recordings.

import type { ReliabilityReport, Scheme } from '../../electron/core/api/contract.ts';
import { ICC_FORMS, SUMMARY_KEYS } from '../reliability-labels.ts';
import { CodeChip } from './Glyphs.tsx';
import { IccCells } from './IccCells.tsx';
import { FootnoteList, Footnotes } from './Statistic.tsx';

export function SessionCountTable({ report, scheme }: { report: ReliabilityReport; scheme: Scheme }) {
  const notes = new Footnotes('session-counts');
  const n = Object.values(report.sessionCounts)[0]?.n ?? 0;

  const row = (key: string, label: React.ReactNode, name: string) => {
    const entry = report.sessionCounts[key]!;
    return (
      <tr key={key}>
        <th scope="row">{label}</th>
        <td className="name">{name}</td>
        <td className="num">{entry.n}</td>
        <IccCells row={entry} notes={notes} />
      </tr>
    );
  };

  const columns = 3 + ICC_FORMS.length;
  return (
    <section className="card" aria-labelledby="session-counts-heading">
      <div className="card-head">
        <h2 id="session-counts-heading">Segments per session</h2>
        <p className="muted small">
          For each recording and coder, the number of segments with the code (or any code of the kind); the ICCs compare those counts across the {n}{' '}
          recording{n === 1 ? '' : 's'} every chosen coder coded, with 95 % confidence intervals. This is how published 3RS reliability is usually
          reported.
        </p>
      </div>
      <div className="table-scroll">
        <table className="table reliability ratings-reliability" aria-label="Segments per session">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Recordings
              </th>
              {ICC_FORMS.map((f) => (
                <th key={f.form} scope="col" className="num" title={f.hint}>
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="group summary">
            <tr className="group-row">
              <th scope="rowgroup" colSpan={columns}>
                Any code of a kind
              </th>
            </tr>
            {SUMMARY_KEYS.map(({ key, label }) => row(key, <span className="code">{key}</span>, label))}
          </tbody>
          {scheme.categories.map((category) => (
            <tbody key={category.id} className={`group cat-${category.id}`}>
              <tr className="group-row">
                <th scope="rowgroup" colSpan={columns}>
                  {category.name}
                </th>
              </tr>
              {scheme.codes.filter((c) => c.category === category.id).map((c) => row(c.id, <CodeChip code={c.id} category={c.category} />, c.name))}
            </tbody>
          ))}
        </table>
      </div>
      <FootnoteList notes={notes} label="Notes on the segments per session" />
    </section>
  );
}
