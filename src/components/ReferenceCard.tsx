import type { Scheme } from '../../electron/core/scheme/types.ts';
import type { Bindings } from '../keys/keymap.ts';
import { useUi } from '../state/ui.ts';
import { CodeChip, KeyCap, KeyLabel } from './Glyphs.tsx';
import './ReferenceCard.css';

/** The definition of the code last marked or pointed at, and what it is easily mistaken for. */
export function ReferenceCard({ scheme, bindings }: { scheme: Scheme; bindings: Bindings }) {
  const focused = useUi((s) => s.focusedCode);
  const code = scheme.codes.find((c) => c.id === focused);
  if (!code) {
    return (
      <aside className="panel reference empty-reference" aria-label="Reference card">
        <h2>Reference</h2>
        <p className="muted small">Mark a code or point at a row of the scoresheet to see its definition here.</p>
      </aside>
    );
  }
  const category = scheme.categories.find((c) => c.id === code.category);
  const key = bindings[code.id];
  return (
    <aside className={`panel reference cat-${code.category}`} aria-label="Reference card">
      <div className="reference-head">
        <CodeChip code={code.id} category={code.category} />
        <h2>{code.name}</h2>
        {key && (
          <span className="reference-key muted small">
            <KeyLabel code={key} /> check · <KeyCap>Shift</KeyCap>+<KeyLabel code={key} /> check-minus
          </span>
        )}
      </div>
      <div className="reference-body">
        <div>
          <h3>{category?.name}</h3>
          <p className="reference-text">{code.definition}</p>
        </div>
        <div>
          <h3>Not to be confused with</h3>
          <p className="reference-text">{code.notToConfuseWith}</p>
        </div>
      </div>
    </aside>
  );
}
