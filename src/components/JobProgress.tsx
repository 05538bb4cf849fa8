import type { TrackedJob } from '../state/jobs.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import './JobProgress.css';

const STAGES: Record<string, string> = {
  starting: 'Starting',
  hashing: 'Checking the file',
  proxy: 'Making a playable copy',
  thumbnails: 'Making the filmstrip',
  waveform: 'Reading the sound',
};

function eta(seconds: number | null): string {
  if (seconds === null || seconds <= 0) return '';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

interface JobProgressProps {
  job: TrackedJob;
  onCancel(): void;
  onDismiss(): void;
}

/** A job's stage, bar and time left while it runs (cancelable); how it ended once it has. */
export function JobProgress({ job, onCancel, onDismiss }: JobProgressProps) {
  const status = job.status;
  const state = job.error ? 'failed' : (status?.state ?? 'running');
  const failure = job.error ?? (status?.state === 'failed' ? status.error : null);
  const percent = status?.percent ?? 0;
  const stage = status ? (STAGES[status.stage] ?? status.stage) : 'Starting';
  return (
    <div className={`job job-${state}`} role="group" aria-label={job.label}>
      <div className="job-line">
        <strong className="job-label">{job.label}</strong>
        {state === 'running' && (
          <span className="job-stage muted small">
            {stage} · {Math.round(percent)}%{eta(status?.etaSeconds ?? null) && ` · ${eta(status?.etaSeconds ?? null)}`}
          </span>
        )}
        {state === 'done' && <span className="job-stage ok small">Done</span>}
        {state === 'cancelled' && <span className="job-stage muted small">Cancelled</span>}
        <span className="job-actions">
          {state === 'running' ? (
            <button type="button" className="small" onClick={onCancel} disabled={!job.jobId}>
              Cancel
            </button>
          ) : (
            <button type="button" className="small quiet" onClick={onDismiss}>
              Close
            </button>
          )}
        </span>
      </div>
      {state === 'running' && (
        <div
          className="progress"
          role="progressbar"
          aria-label={`${job.label}: ${stage}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(percent)}
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
      )}
      {state === 'failed' && <ErrorAlert small error={failure ?? { message: 'The job failed without saying why.' }} />}
    </div>
  );
}
