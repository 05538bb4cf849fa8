import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { holdDraft } from '../state/drafts.ts';
import './NoteField.css';

interface NoteFieldProps {
  label: string;
  value: string;
  placeholder?: string;
  multiline?: boolean;
  /** A coding that cannot change (signed off, or someone else's): the note shows but cannot be typed in. */
  readOnly?: boolean;
  /** Sends the note; a promise lets a lock or a closing window wait until it is saved. */
  onSave(note: string): void | Promise<unknown>;
}

/**
 * A note that saves when the coder leaves the field or presses Enter (Ctrl+Enter in a multi-line note);
 * Escape with changes asks first, and a second Escape puts back what is saved; read-only, it only shows. The draft lives here only until it is sent; what shows after is the
 * core's answer. Re-key it on the saved value so a new answer replaces the draft. A draft is never lost:
 * a field that goes while it is typed in (the playhead moved on) saves it, and so does a lock.
 */
export function NoteField({ label, value, placeholder, multiline = false, readOnly = false, onSave }: NoteFieldProps) {
  const [draft, setDraft] = useState(value);
  // What the save reads when it runs outside a render (a lock, the field going): the latest of each.
  // Updated after each render, before any event or effect can read it.
  const latest = useRef({ draft, value, onSave, sent: value });
  useLayoutEffect(() => {
    latest.current = { ...latest.current, draft, value, onSave };
  });
  // Leaving the field sends the draft again if an earlier send failed; a lock or the field going sends only
  // what was not sent yet, so a draft just sent on leaving is not written twice.
  const save = (again = false): void | Promise<unknown> => {
    const now = latest.current;
    if (now.draft === now.value || (now.draft === now.sent && !again)) return;
    now.sent = now.draft;
    return now.onSave(now.draft);
  };
  useEffect(() => {
    const release = holdDraft(() => save());
    return () => {
      release();
      void save();
    };
    // Once per field: save reads the ref, so the first render's save is as good as the latest.
  }, []);
  // Escape with unsaved changes only asks: a second Escape discards them, anything else keeps typing.
  const [discarding, setDiscarding] = useState(false);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape' && draft !== value && !discarding) {
      e.preventDefault();
      setDiscarding(true);
      return;
    }
    if (discarding) setDiscarding(false);
    if (e.key === 'Escape') {
      // The blur below saves at once, before this render's draft is replaced: it must find nothing to save.
      latest.current.draft = value;
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
    onBlur: () => {
      setDiscarding(false);
      void save(true);
    },
    onKeyDown,
    readOnly,
    spellCheck: false,
  };
  const field = multiline ? (
    <textarea className="note" rows={2} onChange={(e) => setDraft(e.target.value)} {...common} />
  ) : (
    <input className="note" type="text" onChange={(e) => setDraft(e.target.value)} {...common} />
  );
  // Always a fragment, so the field keeps its place (and its focus) when the question appears beside it.
  return (
    <>
      {field}
      {discarding && (
        <span className="note-discard" role="status">
          Esc again discards your changes to this note; Enter or leaving the field saves them.
        </span>
      )}
    </>
  );
}
