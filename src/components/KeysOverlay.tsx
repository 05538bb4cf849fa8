import { useEffect, useRef } from 'react';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { COMMAND_NAMES, COMMANDS, type CommandDef } from '../keys/commands.ts';
import type { Bindings } from '../keys/keymap.ts';
import { useUi } from '../state/ui.ts';
import { ChordCaps, CodeChip, KeyCap, KeyLabel } from './Glyphs.tsx';
import './KeysOverlay.css';

const GROUPS: CommandDef['group'][] = ['Playback', 'Segments', 'Editing', 'Screens'];

/** Every key of the coding screen, from the same tables the key handler uses. */
export function KeysOverlay({ scheme, bindings }: { scheme: Scheme; bindings: Bindings }) {
  const close = useUi((s) => s.closeOverlay);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);
  return (
    <div className="overlay" onClick={close}>
      <div
        ref={dialog}
        className="overlay-card keys-overlay"
        role="dialog"
        aria-modal="true"
        aria-labelledby="keys-heading"
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="overlay-head">
          <h2 id="keys-heading">Keys</h2>
          <p className="muted small">
            Marker keys mark at the playhead; hold <KeyCap>Shift</KeyCap> for check-minus. Change them in Settings.
          </p>
          <button type="button" className="quiet" onClick={close} aria-label="Close">
            Esc
          </button>
        </div>
        <div className="keys-columns">
          <div>
            {GROUPS.map((group) => (
              <section key={group} className="keys-group">
                <h3>{group}</h3>
                <dl>
                  {COMMAND_NAMES.filter((n) => COMMANDS[n].group === group).map((n) => (
                    <div key={n} className="keys-row">
                      <dt>
                        {COMMANDS[n].chords.map((c, i) => (
                          <ChordCaps key={i} chord={c} />
                        ))}
                      </dt>
                      <dd>{COMMANDS[n].label}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          {scheme.categories.map((category) => (
            <section key={category.id} className="keys-group keys-markers">
              <h3>{category.name}</h3>
              <dl>
                {scheme.codes
                  .filter((c) => c.category === category.id)
                  .map((c) => (
                    <div key={c.id} className="keys-row">
                      <dt>{bindings[c.id] ? <KeyLabel code={bindings[c.id]!} /> : <span className="muted">—</span>}</dt>
                      <dd>
                        <CodeChip code={c.id} category={c.category} /> {c.name}
                      </dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
