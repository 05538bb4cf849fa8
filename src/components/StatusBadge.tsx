import type { CodingView } from '../../electron/core/api/contract.ts';
import './StatusBadge.css';

const LABELS: Record<CodingView['scoresheet']['state'], string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
};

export function StatusBadge({ state }: { state: CodingView['scoresheet']['state'] }) {
  return <span className={`status status-${state}`}>{LABELS[state]}</span>;
}
