import type { ErrorValue } from '../../electron/core/api/contract.ts';
import { isBug } from '../api.ts';
import type { Action } from '../state/study.ts';
import { useStudy } from '../state/study.ts';
import './ErrorAlert.css';

/**
 * Which error: one a screen holds itself (a failed load, a refused step; with its code when it came from the core),
 * or the study's last one, shown only next to the form whose action caused it.
 */
type WhichError = { error: { message: string; code?: ErrorValue['code'] } | null | undefined } | { actions: readonly Action[] };

type ErrorAlertProps = WhichError & {
  /** In small print, as in a narrow side card. */
  small?: boolean;
};

/** An error's message, announced to screen readers; nothing when there is none. A bug in the app says it is not the user's doing. */
export function ErrorAlert(props: ErrorAlertProps) {
  const studyError = useStudy((s) => s.error);
  const error = 'actions' in props ? (studyError && props.actions.includes(studyError.action) ? studyError : null) : props.error;
  if (!error) return null;
  return (
    <p role="alert" className={props.small ? 'alert small' : 'alert'}>
      {isBug(error) && <strong>This is a fault in 3RS Station, not something you did. </strong>}
      {error.message}
    </p>
  );
}
