import { useState, type FormEvent } from 'react';
import { IMPORT_JOB, importRecording, readyToCode } from '../state/import.ts';
import { useJobs } from '../state/jobs.ts';
import { fileDrop } from '../hooks/useFileDialogs.ts';
import { Field } from './Field.tsx';
import { JobProgress } from './JobProgress.tsx';
import { PathField } from './PathField.tsx';
import './ImportCard.css';

/** Adds a recording: the original stays where it is; the study keeps its fingerprint and what the player needs. */
export function ImportCard() {
  const job = useJobs((s) => s.jobs[IMPORT_JOB]);
  const cancel = useJobs((s) => s.cancel);
  const dismiss = useJobs((s) => s.dismiss);
  const [path, setPath] = useState('');
  const [code, setCode] = useState('');
  const [dyad, setDyad] = useState('');
  const [session, setSession] = useState('');
  const running = job !== undefined && !job.error && (job.status === null || job.status.state === 'running');
  // The code being added, for the line that says it can be coded while its pictures are still being made.
  const [adding, setAdding] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdding(code);
    const status = await importRecording({ path, code, dyad: dyad.trim() || undefined, session: session.trim() ? Number(session) : undefined });
    if (status?.state === 'done') {
      setPath('');
      setCode('');
      setDyad('');
      setSession('');
    }
  };

  return (
    <section className="card wide" aria-labelledby="import-heading">
      <div className="card-head">
        <h2 id="import-heading">Add a recording</h2>
        <p className="muted small">
          Give the full path of the original (or drop the file here) and a de-identified code. The file stays where it is; the study keeps its
          fingerprint, a playable copy if needed, pictures and the sound’s outline.
        </p>
      </div>
      <form onSubmit={submit} aria-label="Add a recording" className="import-form" {...fileDrop(setPath)}>
        <PathField
          kind="recording"
          label="Video or audio file"
          placeholder="~/sessions/d014-s05.mp4"
          value={path}
          onChange={setPath}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <Field label="Recording code" placeholder="D014-S05" value={code} onChange={setCode} required autoComplete="off" spellCheck={false} />
        <Field label="Dyad" placeholder="optional" value={dyad} onChange={setDyad} autoComplete="off" spellCheck={false} />
        <Field label="Session" placeholder="optional" type="number" min={1} step={1} inputMode="numeric" value={session} onChange={setSession} />
        <button type="submit" className="primary" disabled={running}>
          {running ? 'Adding…' : 'Add recording'}
        </button>
      </form>
      {job && <JobProgress job={job} onCancel={() => void cancel(IMPORT_JOB)} onDismiss={() => dismiss(IMPORT_JOB)} />}
      {running && readyToCode(job.status) && (
        <p className="muted small" role="status">
          {adding} is ready to code; its filmstrip and sound outline are still being made.
        </p>
      )}
    </section>
  );
}
