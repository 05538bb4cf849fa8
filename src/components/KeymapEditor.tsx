import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { COMMAND_NAMES, COMMANDS } from '../keys/commands.ts';
import { keyLabel } from '../keys/keycodes.ts';
import { loadKeyboardLayout, useKeyboardLayout } from '../keys/layout.ts';
import { describeConflict } from '../keys/keymap.ts';
import { useBindings, useKeymap } from '../state/keymap.ts';
import { ChordCaps, CodeChip } from './Glyphs.tsx';
import './KeymapEditor.css';

const MODIFIERS = new Set(['ShiftLeft', 'ShiftRight', 'ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight', 'CapsLock']);

/** Marker keys: pick a marker, press its new key. Clashes are explained and can be swapped; player keys are fixed. */
export function KeymapEditor({ scheme }: { scheme: Scheme }) {
  const bindings = useBindings(scheme);
  const assign = useKeymap((s) => s.assign);
  const swap = useKeymap((s) => s.swap);
  const resetToDefaults = useKeymap((s) => s.resetToDefaults);
  const conflict = useKeymap((s) => (s.conflict?.scheme === scheme.id ? s.conflict : null));
  const clearConflict = useKeymap((s) => s.clearConflict);
  const [capturing, setCapturing] = useState<string | null>(null);
  useKeyboardLayout((s) => s.typed);
  useEffect(() => void loadKeyboardLayout(), []);

  const capture = (code: string, event: KeyboardEvent<HTMLButtonElement>) => {
    if (capturing !== code || MODIFIERS.has(event.code) || event.code === 'Tab') return;
    event.preventDefault();
    event.stopPropagation();
    setCapturing(null);
    if (event.code === 'Escape') return;
    assign(scheme, code, event.code);
  };

  const start = (code: string) => {
    clearConflict();
    setCapturing(capturing === code ? null : code);
  };

  const changed = scheme.codes.some((c) => bindings[c.id] !== c.defaultKey);

  return (
    <div className="keymap-editor">
      {conflict && (
        <div className="alert conflict" role="alert">
          <p>
            <strong>{conflict.code}:</strong> {describeConflict(conflict.conflict)}
          </p>
          <div className="conflict-actions">
            {conflict.conflict.kind === 'marker' && (
              <button type="button" className="small" onClick={() => swap(scheme, conflict.code, conflict.conflict.key)}>
                Swap {conflict.code} and {conflict.conflict.kind === 'marker' ? conflict.conflict.code : ''}
              </button>
            )}
            <button type="button" className="small quiet" onClick={clearConflict}>
              Keep as it was
            </button>
          </div>
        </div>
      )}
      <div className="keymap-columns">
        {scheme.categories.map((category) => (
          <section key={category.id} className={`keymap-group cat-${category.id}`} aria-label={`${category.name} keys`}>
            <h3>{category.name}</h3>
            <ul>
              {scheme.codes
                .filter((c) => c.category === category.id)
                .map((c) => {
                  const key = bindings[c.id];
                  const listening = capturing === c.id;
                  const custom = key !== c.defaultKey;
                  return (
                    <li key={c.id} className="keymap-row">
                      <CodeChip code={c.id} category={c.category} />
                      <span className="keymap-name" title={c.name}>
                        {c.shortName}
                      </span>
                      <button
                        type="button"
                        className={`key-button${listening ? ' listening' : ''}${custom ? ' custom' : ''}`}
                        aria-label={`Key for ${c.id} ${c.name}: ${listening ? 'press the new key, Esc to cancel' : key ? keyLabel(key) : 'none'}`}
                        onClick={() => start(c.id)}
                        onKeyDown={(e) => capture(c.id, e)}
                        onBlur={() => listening && setCapturing(null)}
                      >
                        {listening ? 'Press a key…' : key ? keyLabel(key) : '—'}
                      </button>
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
      </div>
      <div className="keymap-footer">
        <button type="button" onClick={() => resetToDefaults(scheme)} disabled={!changed}>
          Reset to defaults
        </button>
        <p className="muted small">Shift + a marker key always gives check-minus. Keys are kept on this computer, for you.</p>
      </div>
      <details className="fixed-keys">
        <summary>Player and editing keys (fixed)</summary>
        <dl>
          {COMMAND_NAMES.map((n) => (
            <div key={n} className="keys-row">
              <dt>
                {COMMANDS[n].chords.map((chord, i) => (
                  <ChordCaps key={i} chord={chord} />
                ))}
              </dt>
              <dd>{COMMANDS[n].label}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
