import type { Action } from '../state/study.ts';
import { useStudy } from '../state/study.ts';
import './ErrorAlert.css';

/** The last error, shown only next to the form whose action caused it. */
export function ErrorAlert({ actions }: { actions: readonly Action[] }) {
  const error = useStudy((s) => s.error);
  if (!error || !actions.includes(error.action)) return null;
  return (
    <p role="alert" className="alert">
      {error.message}
    </p>
  );
}
