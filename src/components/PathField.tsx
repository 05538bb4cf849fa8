import { useId, useState, type InputHTMLAttributes } from 'react';
import type { PathKind } from '../../electron/core/api/contract.ts';
import { chooseFile, fileDrop, useFileDialogs } from '../hooks/useFileDialogs.ts';
import './PathField.css';

interface PathFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> {
  label: string;
  hint?: string;
  /** What the path names: the dialog's kind (a study, a new study, a recording, a folder, a packet). */
  kind: PathKind;
  value: string;
  onChange(value: string): void;
}

/**
 * A path field: typed (`~` and quotes are fine, the core reads them), chosen with Browse… where the host has file
 * dialogs (the desktop app), or dropped on the field where the host can tell a dropped file's path.
 */
export function PathField({ label, hint, kind, value, onChange, ...input }: PathFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const dialogs = useFileDialogs();
  const [error, setError] = useState<string | null>(null);

  const browse = async () => {
    const chosen = await chooseFile(kind);
    setError(chosen.error);
    if (chosen.path !== null) onChange(chosen.path);
  };

  return (
    <div className="field path-field" {...fileDrop(onChange)}>
      <label htmlFor={id}>{label}</label>
      <div className="path-input">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? hintId : undefined} {...input} />
        {dialogs && (
          <button type="button" onClick={() => void browse()} aria-label={`Browse for the ${label.toLowerCase()}`}>
            Browse…
          </button>
        )}
      </div>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </div>
  );
}
