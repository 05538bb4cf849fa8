import { useId, useState, type InputHTMLAttributes } from 'react';
import type { PathKind } from '../../electron/core/api/contract.ts';
import { chooseFile, fileDrop, useFileDialogs } from '../hooks/useFileDialogs.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import './PathField.css';

interface BrowseProps {
  kind: PathKind;
  /**
   * The id of the field's label, which describes the button ("Browse…", described "Study file"). Not in its name:
   * finding the field by its label must not find the button too.
   */
  describedBy: string;
  onPath(path: string): void;
  /** Where the host's refusal is shown (the dialog failed to open). */
  onError(message: string | null): void;
}

/** Opens the host's file dialog for `kind`; shown only where the host has dialogs (the desktop app). */
export function BrowseButton({ kind, describedBy, onPath, onError }: BrowseProps) {
  const dialogs = useFileDialogs();
  if (!dialogs) return null;
  const browse = async () => {
    const chosen = await chooseFile(kind);
    onError(chosen.error);
    if (chosen.path !== null) onPath(chosen.path);
  };
  return (
    <button type="button" onClick={() => void browse()} aria-describedby={describedBy}>
      Browse…
    </button>
  );
}

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
  const labelId = `${id}-label`;
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field path-field" {...fileDrop(onChange)}>
      <label htmlFor={id} id={labelId}>
        {label}
      </label>
      <div className="path-input">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? hintId : undefined} {...input} />
        <BrowseButton kind={kind} describedBy={labelId} onPath={onChange} onError={setError} />
      </div>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <ErrorAlert error={error === null ? null : { message: error }} />
    </div>
  );
}
