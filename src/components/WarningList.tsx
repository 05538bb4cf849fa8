import type { CodingView } from '../../electron/core/api/contract.ts';
import './WarningList.css';

type Warning = CodingView['scoresheet']['warnings'][number];

interface WarningListProps {
  warnings: Warning[];
  /** Makes each warning about a rating item a button that focuses that item. */
  onItem?: (item: string) => void;
  empty?: string;
}

/** The manual's consistency checks as the core reports them with every answer; they advise, never block. */
export function WarningList({ warnings, onItem, empty = 'No warnings.' }: WarningListProps) {
  if (warnings.length === 0) {
    return (
      <p className="no-warnings" role="status">
        <span aria-hidden="true">✓</span> {empty}
      </p>
    );
  }
  return (
    <ul className="warnings" aria-label="Warnings">
      {warnings.map((w, i) => (
        <li key={`${w.rule}-${w.code ?? ''}-${w.segment ?? ''}-${i}`} className={`warning rule-${w.rule}`}>
          <span className="warning-icon" aria-hidden="true">
            !
          </span>
          {onItem && w.item ? (
            <button type="button" className="link warning-text" onClick={() => onItem(w.item!)}>
              {w.message}
            </button>
          ) : (
            <span className="warning-text">{w.message}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
