import { useState, type FormEvent } from 'react';
import type { Coder } from '../../electron/core/api/contract.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field, SelectField } from '../components/Field.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { ImportCard } from '../components/ImportCard.tsx';
import { RecordingsTable } from '../components/RecordingsTable.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { WorkstationCard } from '../components/WorkstationCard.tsx';
import { formatSegmentLength } from '../format.ts';
import { useExport } from '../state/export.ts';
import { useReliability } from '../state/reliability.ts';
import { seesOthers, useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';
import './StudyHome.css';

const ROLES: readonly Coder['role'][] = ['coder', 'lead'];

function StudySummary() {
  const info = useStudy((s) => s.info);
  const scheme = useStudy((s) => s.scheme);
  const everyone = useStudy(seesOthers);
  if (!info) return null;
  return (
    <section className="card" aria-labelledby="study-heading">
      <h2 id="study-heading">Study</h2>
      <dl className="facts">
        <dt>Coding scheme</dt>
        <dd>{scheme ? `${scheme.title} (${scheme.id})` : info.scheme}</dd>
        <dt>Segment length</dt>
        <dd>{formatSegmentLength(info.segmentSeconds)}</dd>
        <dt>Recordings</dt>
        <dd>{info.recordings}</dd>
        <dt>Coders</dt>
        <dd>{info.coders}</dd>
        <dt>{everyone ? 'Marks' : 'Your marks'}</dt>
        <dd>{info.events ?? '—'}</dd>
      </dl>
    </section>
  );
}

/** From how many recordings on the list offers a search by code: a short list is read at a glance. */
const FIND_FROM = 12;

function Recordings() {
  const recordings = useStudy((s) => s.recordings);
  const me = useStudy((s) => s.coder);
  const openRecording = useUi((s) => s.openRecording);
  const [find, setFind] = useState('');
  const others = useStudy(seesOthers);
  const wanted = find.trim().toLowerCase();
  const shown = wanted === '' ? recordings : recordings.filter((r) => r.code.toLowerCase().includes(wanted));
  return (
    <section className="card wide" aria-labelledby="recordings-heading">
      <div className="card-head">
        <h2 id="recordings-heading">Recordings</h2>
        <p className="muted small">Your coding of each session. Open one to see its picture and code it.</p>
      </div>
      {recordings.length >= FIND_FROM && (
        <p className="table-find">
          <input
            type="search"
            value={find}
            onChange={(e) => setFind(e.target.value)}
            placeholder="Find by code, e.g. D04"
            aria-label="Find a recording by its code"
            spellCheck={false}
          />
          <span className="muted small" role="status">
            {wanted === '' ? `${recordings.length} recordings` : `${shown.length} of ${recordings.length} recordings`}
          </span>
        </p>
      )}
      {recordings.length === 0 ? (
        <p className="empty">No recordings in this study yet. Add the first one below.</p>
      ) : shown.length === 0 ? (
        <p className="empty">No recording code holds “{find.trim()}”.</p>
      ) : (
        <RecordingsTable recordings={shown} me={me?.code ?? ''} others={others} onOpen={openRecording} />
      )}
    </section>
  );
}

/** A lead's tools over the whole study; comparing and consensus start from a recording's page. */
function LeadTools() {
  const me = useStudy((s) => s.coder);
  const openReliability = useReliability((s) => s.open);
  const openExport = useExport((s) => s.open);
  const show = useUi((s) => s.show);
  if (me?.role !== 'lead') return null;
  return (
    <section className="card wide" aria-labelledby="lead-tools-heading">
      <div className="card-head">
        <h2 id="lead-tools-heading">Review</h2>
        <p className="muted small">
          For leads: these show every coder’s work. To compare two codings of a session and build the consensus, open its recording.
        </p>
      </div>
      <div className="lead-tools">
        <button type="button" onClick={() => openReliability()}>
          Reliability report
        </button>
        <span className="muted small">Agreement between coders: κ per code and per kind of marker, ICCs per rating.</span>
        <button type="button" onClick={openExport}>
          Export
        </button>
        <span className="muted small">De-identified tables for analysts, with a data dictionary and a manifest; ELAN files.</span>
        <button type="button" onClick={() => show('lab')}>
          Lab
        </button>
        <span className="muted small">Coders on their own workstations: assignments out, codings back as signed, encrypted packets.</span>
      </div>
    </section>
  );
}

function AddCoderForm() {
  const addCoder = useStudy((s) => s.addCoder);
  // Only a lead adds a lead, but a study without one may get its first from anyone (the core decides too).
  const mayAddLead = useStudy((s) => s.coder?.role === 'lead' || !s.coders.some((c) => c.role === 'lead'));
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Coder['role']>('coder');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await addCoder({ code, name, role })) {
      setCode('');
      setName('');
      setRole('coder');
    }
  };

  return (
    <form onSubmit={submit} aria-label="Add a coder" className="inline-form">
      <Field label="Code" value={code} onChange={setCode} required autoComplete="off" spellCheck={false} />
      <Field label="Name" value={name} onChange={setName} required autoComplete="off" />
      {mayAddLead && <SelectField label="Role" value={role} onChange={setRole} choices={ROLES.map((r) => ({ value: r, label: r }))} />}
      <SubmitButton action="add-coder" label="Add coder" busyLabel="Adding…" />
      <ErrorAlert actions={['add-coder']} />
    </form>
  );
}

/**
 * Setting the study up (adding recordings and coders) is a lead's work; a plain coder sees the study without
 * those forms. A study with no lead yet is set up by whoever opens it, as the core allows its first lead from anyone.
 */
const useMaySetUp = () => useStudy((s) => s.coder?.role === 'lead' || !s.coders.some((c) => c.role === 'lead'));

function Coders() {
  const coders = useStudy((s) => s.coders);
  const current = useStudy((s) => s.coder);
  const maySetUp = useMaySetUp();
  return (
    <section className="card" aria-labelledby="coders-heading">
      <h2 id="coders-heading">Coders</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {coders.map((c) => (
            <tr key={c.code} aria-current={c.code === current?.code ? 'true' : undefined}>
              <th scope="row" className="code">
                {c.code}
              </th>
              <td>{c.name}</td>
              <td>{c.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {maySetUp ? (
        <>
          <h3>Add a coder</h3>
          <AddCoderForm />
        </>
      ) : (
        <p className="muted small">A lead adds coders and recordings.</p>
      )}
    </section>
  );
}

export function StudyHome() {
  const path = useStudy((s) => s.info?.path);
  const maySetUp = useMaySetUp();
  return (
    <ScreenLayout
      status={
        <span className="path muted" title={path}>
          {path}
        </span>
      }
      main="home-grid"
    >
      <Recordings />
      <LeadTools />
      <WorkstationCard />
      {maySetUp && <ImportCard />}
      <StudySummary />
      <Coders />
    </ScreenLayout>
  );
}
