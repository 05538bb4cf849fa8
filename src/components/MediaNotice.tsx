import { useState, type FormEvent } from 'react';
import { readinessAdvice, type Readiness } from '../media.ts';
import { useJobs } from '../state/jobs.ts';
import { prepareJobKey, relinkJobKey, useMedia } from '../state/media.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { JobProgress } from './JobProgress.tsx';
import { BrowseButton } from './PathField.tsx';
import './MediaNotice.css';

/** Why the recording does not play and the one thing to do about it: make a copy, or relink the original. */
export function MediaNotice({ recording, state }: { recording: string; state: Readiness }) {
  const prepare = useMedia((s) => s.prepare);
  const relink = useMedia((s) => s.relink);
  const prepareJob = useJobs((s) => s.jobs[prepareJobKey(recording)]);
  const relinkJob = useJobs((s) => s.jobs[relinkJobKey(recording)]);
  const cancel = useJobs((s) => s.cancel);
  const dismiss = useJobs((s) => s.dismiss);
  const [path, setPath] = useState('');
  const [browseError, setBrowseError] = useState<string | null>(null);
  const job = prepareJob ?? relinkJob;
  const jobKey = prepareJob ? prepareJobKey(recording) : relinkJobKey(recording);

  const submitRelink = (e: FormEvent) => {
    e.preventDefault();
    void relink(path);
  };

  return (
    <div className="media-notice">
      <p>{readinessAdvice(state, recording)}</p>
      {job ? (
        <JobProgress job={job} onCancel={() => void cancel(jobKey)} onDismiss={() => dismiss(jobKey)} />
      ) : state === 'needs-copy' || state === 'copy-failed' ? (
        <button type="button" className="primary" onClick={() => void prepare()}>
          {state === 'copy-failed' ? 'Try again' : 'Make a playable copy'}
        </button>
      ) : state === 'missing' || state === 'changed' ? (
        <form className="relink-form" onSubmit={submitRelink} aria-label={`Relink ${recording}`}>
          <label htmlFor="relink-path" id="relink-path-label" className="sr-only">
            New place of the original
          </label>
          <input
            id="relink-path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="Full path of the original"
            required
            spellCheck={false}
            autoComplete="off"
          />
          <BrowseButton kind="recording" describedBy="relink-path-label" onPath={setPath} onError={setBrowseError} />
          <button type="submit">Relink</button>
          <ErrorAlert error={browseError === null ? null : { message: browseError }} />
        </form>
      ) : null}
    </div>
  );
}
