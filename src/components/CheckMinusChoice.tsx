import type { CheckMinus } from '../../electron/core/api/contract.ts';
import './CheckMinusChoice.css';

const OPTIONS: { value: CheckMinus; label: string }[] = [
  { value: 'present', label: 'counts as present' },
  { value: 'absent', label: 'counts as absent' },
];

/** Whether an unclear (check-minus) marker counts as its code being in the segment. */
export function CheckMinusChoice({ name, value, onChange }: { name: string; value: CheckMinus; onChange(value: CheckMinus): void }) {
  return (
    <fieldset className="check-minus-choice">
      <legend>A check-minus mark</legend>
      {OPTIONS.map((o) => (
        <label key={o.value} className="radio">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
