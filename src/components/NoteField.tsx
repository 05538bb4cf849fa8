import { useState, type KeyboardEvent } from 'react';

interface NoteFieldProps {
  label: string;
  value: string;
  placeholder?: string;
  multiline?: boolean;
  onSave(note: string): void;
}

/**
 * A note that saves when the coder leaves the field or presses Enter (Ctrl+Enter in a multi-line note);
 * Escape puts back what is saved. The draft lives here only until it is sent; what shows after is the
 * core's answer. Re-key it on the saved value so a new answer replaces the draft.
 */
export function NoteField({ label, value, placeholder, multiline = false, onSave }: NoteFieldProps) {
  const [draft, setDraft] = useState(value);
  const save = () => {
    if (draft !== value) onSave(draft);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      setDraft(value);
      e.currentTarget.blur();
    } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.currentTarget.blur();
    }
  };
  const common = {
    'aria-label': label,
    value: draft,
    placeholder,
    onBlur: save,
    onKeyDown,
    spellCheck: false,
  };
  return multiline ? (
    <textarea className="note" rows={2} onChange={(e) => setDraft(e.target.value)} {...common} />
  ) : (
    <input className="note" type="text" onChange={(e) => setDraft(e.target.value)} {...common} />
  );
}
