import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import './Field.css';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> {
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
}

/** A labelled input with an optional hint tied to it for screen readers. */
export function Field({ label, hint, value, onChange, ...input }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? hintId : undefined} {...input} />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: ReactNode;
}

interface SelectFieldProps<T extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange' | 'className'> {
  label: string;
  value: T | '';
  onChange(value: NoInfer<T>): void;
  choices: readonly Choice<T>[];
  /** The label beside the select rather than above it. */
  inline?: boolean;
  /** More classes for the field. */
  className?: string;
}

/** A first choice that stands for no value, '' (e.g. "Anyone"): only where '' is a value the field may take. */
type NoneChoice<T extends string> = '' extends T ? { none?: string } : { none?: never };

/** A labelled select of the given choices. */
export function SelectField<T extends string>({
  label,
  value,
  onChange,
  choices,
  none,
  inline,
  className,
  ...select
}: SelectFieldProps<T> & NoneChoice<T>) {
  const id = useId();
  return (
    <div className={['field', inline && 'inline', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {/* The value is always one of the choices, or none's '' where T admits it: so it is a T. */}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)} {...select}>
        {none !== undefined && <option value="">{none}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ChoiceListProps<T extends string> {
  choices: readonly Choice<T>[];
  chosen: readonly T[];
  onToggle(value: T): void;
  /** More classes for the list. */
  className?: string;
}

/** A list of checkboxes, one a choice, for choosing several (coders, recordings). */
export function ChoiceList<T extends string>({ choices, chosen, onToggle, className }: ChoiceListProps<T>) {
  return (
    <ul className={className ? `choice-list ${className}` : 'choice-list'}>
      {choices.map((c) => (
        <li key={c.value}>
          <label>
            <input type="checkbox" checked={chosen.includes(c.value)} onChange={() => onToggle(c.value)} />
            {c.label}
          </label>
        </li>
      ))}
    </ul>
  );
}
