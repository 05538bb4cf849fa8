import { useState, type FormEvent } from 'react';
import type { Coder } from '../../electron/core/api/contract.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { formatDuration, formatSegmentLength } from '../format.ts';
import { useStudy } from '../state/study.ts';

const ROLES: readonly Coder['role'][] = ['coder', 'lead'];

function StudySummary() {
  const info = useStudy((s) => s.info);
  const scheme = useStudy((s) => s.scheme);
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
        <dt>Marks</dt>
        <dd>{info.events}</dd>
      </dl>
    </section>
  );
}

function Recordings() {
  const recordings = useStudy((s) => s.recordings);
  return (
    <section className="card wide" aria-labelledby="recordings-heading">
      <h2 id="recordings-heading">Recordings</h2>
      {recordings.length === 0 ? (
        <p className="muted">No recordings in this study yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col" className="num">
                Duration
              </th>
              <th scope="col" className="num">
                Segments
              </th>
            </tr>
          </thead>
          <tbody>
            {recordings.map((r) => (
              <tr key={r.code}>
                <th scope="row" className="code">
                  {r.code}
                </th>
                <td className="num">{formatDuration(r.durationMs)}</td>
                <td className="num">{r.segments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AddCoderForm() {
  const addCoder = useStudy((s) => s.addCoder);
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
      <div className="field">
        <label htmlFor="new-coder-role">Role</label>
        <select id="new-coder-role" value={role} onChange={(e) => setRole(e.target.value as Coder['role'])}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton action="add-coder" label="Add coder" busyLabel="Adding…" />
      <ErrorAlert actions={['add-coder']} />
    </form>
  );
}

function Coders() {
  const coders = useStudy((s) => s.coders);
  const current = useStudy((s) => s.coder);
  return (
    <section className="card" aria-labelledby="coders-heading">
      <h2 id="coders-heading">Coders</h2>
      <table>
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
      <h3>Add a coder</h3>
      <AddCoderForm />
    </section>
  );
}

export function StudyHome() {
  const path = useStudy((s) => s.info?.path);
  const coder = useStudy((s) => s.coder);
  const pending = useStudy((s) => s.pending);
  const lock = useStudy((s) => s.lock);
  return (
    <div className="home">
      <header className="topbar">
        <div>
          <h1>3RS Station</h1>
          <p className="path" title={path}>
            {path}
          </p>
        </div>
        <p className="who">
          Coding as <strong>{coder?.code}</strong> {coder?.name}
        </p>
        <button type="button" onClick={() => void lock()} disabled={pending !== null}>
          Lock
        </button>
      </header>
      <main className="grid">
        <StudySummary />
        <Coders />
        <Recordings />
      </main>
    </div>
  );
}
