// The six ICC columns of one row of the reliability report: a rating item, or a key's per-session counts.
import type { Reason } from '../../electron/core/api/contract.ts';
import type { IccForm } from '../reliability-labels.ts';
import { ICC_FORMS } from '../reliability-labels.ts';
import { intervalStatistic, statistic, type Footnotes, type IntervalStat } from './Statistic.tsx';

export type IccRow = Record<IccForm, IntervalStat | null> & { reasons?: Partial<Record<IccForm, Reason>> };

/** Every ICC of the row undefined for the same reason: said once across the six columns. */
function undefinedAlike(row: IccRow): boolean {
  const first = row.reasons?.ICC1;
  const same = (reason: Reason | undefined) => reason?.kind === first?.kind && reason?.why === first?.why;
  return first !== undefined && ICC_FORMS.every(({ form }) => row[form] === null && same(row.reasons?.[form]));
}

export function IccCells({ row, notes }: { row: IccRow; notes: Footnotes }) {
  if (undefinedAlike(row)) {
    return (
      <td colSpan={ICC_FORMS.length} className="all-undefined">
        {statistic({ value: null, reason: row.reasons?.ICC1, notes })}
      </td>
    );
  }
  return ICC_FORMS.map(({ form }) => (
    <td key={form} className="num icc">
      {intervalStatistic(row[form], row.reasons?.[form], notes)}
    </td>
  ));
}
