import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CheckMinus, ExportFormat, ExportResult } from '../../electron/core/api/contract.ts';
import { CheckMinusChoice } from '../components/CheckMinusChoice.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ChoiceList, SelectField } from '../components/Field.tsx';
import { PathField } from '../components/PathField.tsx';
import { JobProgress } from '../components/JobProgress.tsx';
import { PageHead, ScreenLayout } from '../components/ScreenLayout.tsx';
import { EXPORT_JOB, useExport } from '../state/export.ts';
import { useJobs } from '../state/jobs.ts';
import { ask } from '../state/queries.ts';
import { useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';
import './ExportScreen.css';

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV — one file per table' },
  { value: 'json', label: 'JSON — an array of objects per table' },
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ExportForm() {
  const job = useJobs((s) => s.jobs[EXPORT_JOB]);
  const cancel = useJobs((s) => s.cancel);
  const dismiss = useJobs((s) => s.dismiss);
  const run = useExport((s) => s.run);
  const coders = useStudy((s) => s.coders);
  const [left, setLeft] = useState<string[]>([]);
  const [outDir, setOutDir] = useState('');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [includeNotes, setIncludeNotes] = useState(false);
  const [checkMinus, setCheckMinus] = useState<CheckMinus>('present');
  const [includeUnfinished, setIncludeUnfinished] = useState(false);
  const running = job !== undefined && !job.error && (job.status === null || job.status.state === 'running');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = coders.map((c) => c.code).filter((c) => !left.includes(c));
    void run({ outDir, format, includeNotes, checkMinus, includeUnfinished, ...(left.length > 0 ? { coders: chosen } : {}) });
  };

  return (
    <section className="card" aria-labelledby="export-heading">
      <div className="card-head">
        <h2 id="export-heading">Export the study</h2>
        <p className="muted small">
          Events, segments (long and wide), sessions and reliability tables with a data dictionary and a manifest, and the sequences for GSEQ (SDIS),
          for analysts. Recordings and coders appear only by their codes; no file names, paths, names or dates but today’s.
        </p>
      </div>
      <form onSubmit={submit} aria-label="Export the study" className="export-form">
        <PathField
          kind="folder"
          label="Folder"
          hint="The full path of a new or empty folder (~ for your home folder); it is made if missing."
          placeholder="~/exports/alliance-2026-11"
          value={outDir}
          onChange={setOutDir}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value} className="radio">
              <input type="radio" name="export-format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
              {f.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Coders</legend>
          <ChoiceList
            choices={coders.map((c) => ({ value: c.code, label: <span className="code">{c.code}</span> }))}
            chosen={coders.map((c) => c.code).filter((code) => !left.includes(code))}
            onToggle={(code) => setLeft(left.includes(code) ? left.filter((x) => x !== code) : [...left, code])}
          />
          <p className="hint">
            Codes only go into the export, never names. A consensus coding is exported with the others but kept out of the reliability table: it was
            started from another coder’s.
          </p>
        </fieldset>
        <CheckMinusChoice name="export-check-minus" value={checkMinus} onChange={setCheckMinus} />
        <label className="checkbox">
          <input type="checkbox" checked={includeUnfinished} onChange={(e) => setIncludeUnfinished(e.target.checked)} />
          Compare unfinished codings in the reliability table
        </label>
        <p className="hint">
          Off, the reliability table compares only codings marked complete; every coding is exported either way, with its status.
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={includeNotes} onChange={(e) => setIncludeNotes(e.target.checked)} />
          Include the coders’ free-text notes
        </label>
        {includeNotes && (
          <p className="banner caution" role="note">
            Notes are free text: they may name or describe the patient, the therapist or others. Read them before you share this export. The manifest
            will say that notes are included.
          </p>
        )}
        <button type="submit" className="primary" disabled={running}>
          {running ? 'Exporting…' : 'Export'}
        </button>
      </form>
      {job && <JobProgress job={job} onCancel={() => void cancel(EXPORT_JOB)} onDismiss={() => dismiss(EXPORT_JOB)} />}
    </section>
  );
}

function Summary({ result }: { result: ExportResult }) {
  const m = result.manifest;
  return (
    <section className="card" aria-labelledby="summary-heading">
      <div className="card-head">
        <h2 id="summary-heading">Exported</h2>
        <p className="muted small path">{result.outDir}</p>
      </div>
      <p>
        {plural(m.codings, 'coding')} of {plural(m.recordings.length, 'recording')} by {m.coders.join(', ')}, as {m.format.toUpperCase()} on{' '}
        {m.exportDate}.{' '}
        {m.reliability.included
          ? `Reliability of ${m.reliability.coders.join(', ')} over ${plural(m.reliability.recordings.length, 'recording')} is included${m.reliability.note ? ` (${m.reliability.note})` : ''}.`
          : `No reliability table: ${m.reliability.reason}.`}
        {m.reliability.unfinished &&
          ` ${plural(m.reliability.unfinished.length, 'unfinished coding')} ${m.reliability.unfinishedCompared ? 'compared as they stand' : 'left out of the reliability table'}.`}
      </p>
      {m.notesIncluded && (
        <p className="banner caution" role="note">
          This export includes free-text notes. Read them before sharing it.
        </p>
      )}
      {m.blindCodingNote && (
        <p className="banner caution" role="note">
          {m.blindCodingNote} The manifest says so too.
        </p>
      )}
      <table className="table" aria-label="Files written">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {m.files.map((f) => (
            <tr key={f.name}>
              <th scope="row" className="code">
                {f.name}
              </th>
              <td className="num">{f.rows}</td>
              <td className="code muted" title={f.sha256}>
                {f.sha256.slice(0, 16)}…
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="code">
              manifest.json
            </th>
            <td className="num muted">—</td>
            <td className="muted small">row counts and the SHA-256 of each file</td>
          </tr>
        </tbody>
      </table>
      <h3>Left out to protect identities</h3>
      <ul className="rules">
        {m.deidentification.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
    </section>
  );
}

function ElanForm() {
  const recordings = useStudy((s) => s.recordings);
  // Answers land on this form while it is on screen; a lock clears them with every other answer.
  const writeEaf = useMutation({ mutationFn: (input: { recording: string; outDir: string }) => ask('export.eaf', input) });
  const eaf = writeEaf.data;
  const error = writeEaf.error?.value ?? null;
  const current = useUi((s) => s.recording);
  const [recording, setRecording] = useState(current ?? recordings[0]?.code ?? '');
  const [outDir, setOutDir] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    writeEaf.mutate({ recording, outDir });
  };

  return (
    <section className="card" aria-labelledby="elan-heading">
      <div className="card-head">
        <h2 id="elan-heading">ELAN file of one recording</h2>
        <p className="muted small">
          Every coder’s marks as tiers, one per coder and category. The file holds no media path: ELAN asks for the video on opening.
        </p>
      </div>
      <form onSubmit={submit} aria-label="Write an ELAN file" className="inline-form">
        <SelectField
          label="Recording"
          value={recording}
          onChange={setRecording}
          choices={recordings.map((r) => ({ value: r.code, label: r.code }))}
        />
        <PathField
          kind="folder"
          label="Folder for the .eaf"
          placeholder="~/elan"
          value={outDir}
          onChange={setOutDir}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" disabled={writeEaf.isPending || recording === ''}>
          {writeEaf.isPending ? 'Writing…' : 'Write the ELAN file'}
        </button>
      </form>
      <ErrorAlert error={error} />
      {eaf && (
        <p className="no-warnings" role="status">
          ✓ Wrote <span className="path">{eaf.path}</span>: {plural(eaf.tiers.length, 'tier')}, {plural(eaf.annotations, 'annotation')}.
        </p>
      )}
    </section>
  );
}

export function ExportScreen() {
  const result = useExport((s) => s.result);
  return (
    <ScreenLayout page="Export" main="page review">
      <PageHead id="export-page-heading" title="Export" />
      <ExportForm />
      {result && <Summary result={result} />}
      <ElanForm />
    </ScreenLayout>
  );
}
