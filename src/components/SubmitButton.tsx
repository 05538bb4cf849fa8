import type { Action } from '../state/study.ts';
import { useStudy } from '../state/study.ts';
import './SubmitButton.css';

interface SubmitButtonProps {
  action: Action;
  label: string;
  busyLabel: string;
}

/** Shows progress while its action runs (unlocking takes a noticeable moment) and blocks double submits. */
export function SubmitButton({ action, label, busyLabel }: SubmitButtonProps) {
  const pending = useStudy((s) => s.pending);
  const busy = pending === action;
  return (
    <button type="submit" className="primary" disabled={pending !== null} aria-busy={busy}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {busy ? busyLabel : label}
    </button>
  );
}
