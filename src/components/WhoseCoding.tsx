import { useCoding } from '../state/coding.ts';
import { useStudy } from '../state/study.ts';
import './WhoseCoding.css';

/** Says so when the coding on screen is not the chosen coder's own: a consensus coding being edited, or someone's shown read-only. */
export function WhoseCoding() {
  const viewing = useCoding((s) => s.viewing);
  const editable = useCoding((s) => s.editable);
  const me = useStudy((s) => s.coder);
  if (viewing === null) return null;
  return editable ? (
    <p className="banner consensus" role="status">
      <span>
        Editing the consensus coding <strong className="code">{viewing}</strong>, not your own. Every change is logged under {me?.code}.
      </span>
    </p>
  ) : (
    <p className="banner caution" role="status">
      <span>
        This is <strong className="code">{viewing}</strong>’s coding, shown read-only.
      </span>
    </p>
  );
}
