import { useState } from 'react';
import type { CodingView, Scheme } from '../../electron/core/api/contract.ts';
import { segmentList } from '../picture.ts';
import { useCoding } from '../state/coding.ts';
import { useStudy } from '../state/study.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import './SignOffCard.css';

/** At most this many names in a list; the rest are counted. */
const SHOWN = 6;

function someOf(names: string[]): string {
  const shown = names.slice(0, SHOWN).join(', ');
  return names.length > SHOWN ? `${shown} and ${names.length - SHOWN} more` : shown;
}

/**
 * The coding's status and its sign-off. Complete first shows what the sign-off would leave open (ratings,
 * checks, unwatched segments, all from the core's check) and asks to confirm; with a rating missing it offers
 * no sign-off, as the core refuses it. Reopen is offered to a lead, and to the coding's own coder until the
 * coding has been used (compared, taken into a consensus, exported, or checked against a reference).
 */
export function SignOffCard({ view, scheme }: { view: CodingView; scheme: Scheme }) {
  const me = useStudy((s) => s.coder);
  const error = useCoding((s) => s.error);
  const complete = useCoding((s) => s.complete);
  const reopen = useCoding((s) => s.reopen);
  const [confirming, setConfirming] = useState(false);
  const sheet = view.scoresheet;
  const check = view.signOff;
  const lead = me?.role === 'lead';
  const own = me?.code === sheet.coder;

  const signOff = async () => {
    if (await complete()) setConfirming(false);
  };

  return (
    <section className="panel complete-card" aria-labelledby="complete-heading">
      <h2 id="complete-heading">
        Status <StatusBadge state={sheet.state} />
      </h2>
      <ErrorAlert small error={error} />
      {sheet.state === 'complete' ? (
        <>
          <p className="small muted">{reopenNote(lead, own, check.usedAt)}</p>
          {(lead || (own && check.usedAt === null)) && (
            <button type="button" onClick={() => void reopen()}>
              Reopen
            </button>
          )}
        </>
      ) : confirming ? (
        <SignOffConfirm view={view} scheme={scheme} onConfirm={() => void signOff()} onCancel={() => setConfirming(false)} />
      ) : (
        <>
          <p className="small muted">Completing signs the coding off: you can reopen it until a lead uses it, after that only a lead can.</p>
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            Complete
          </button>
        </>
      )}
    </section>
  );
}

function reopenNote(lead: boolean, own: boolean, usedAt: string | null): string {
  if (lead) return 'This coding is signed off. As a lead you can reopen it.';
  if (own && usedAt === null) {
    return 'This coding is signed off. You can still reopen it, until a lead compares, exports or builds a consensus from it, or you check it against a reference.';
  }
  if (own) return 'This coding is signed off and has been used since, so only a lead can reopen it.';
  return 'This coding is signed off. A lead can reopen it.';
}

interface ConfirmProps {
  view: CodingView;
  scheme: Scheme;
  onConfirm: () => void;
  onCancel: () => void;
}

function SignOffConfirm({ view, scheme, onConfirm, onCancel }: ConfirmProps) {
  const { missingRatings, warnings, unwatched } = view.signOff;
  const label = (id: string) => scheme.ratingItems.find((i) => i.id === id)?.label ?? id;
  const open = warnings.length > 0 || unwatched.length > 0;
  return (
    <div className="sign-off-confirm" role="alertdialog" aria-labelledby="sign-off-heading">
      <h3 id="sign-off-heading">{missingRatings.length > 0 ? 'Not ready to sign off' : 'Sign off this coding?'}</h3>
      <ul className="sign-off-open">
        {missingRatings.length > 0 && (
          <li className="sign-off-blocking">
            {missingRatings.length} of the {scheme.ratingItems.length} global ratings {missingRatings.length === 1 ? 'is' : 'are'} missing:{' '}
            {someOf(missingRatings.map(label))}. Rate every item before completing.
          </li>
        )}
        {warnings.length > 0 && (
          <li>
            {warnings.length === 1 ? 'One check asks' : `${warnings.length} checks ask`} for a look:
            <ul>
              {warnings.map((w, i) => (
                <li key={`${w.rule}-${i}`}>{w.message}</li>
              ))}
            </ul>
          </li>
        )}
        {unwatched.length > 0 && (
          <li>
            Not watched: segment{unwatched.length === 1 ? '' : 's'} {segmentList(unwatched)}.
          </li>
        )}
        {missingRatings.length === 0 && !open && <li>Every item is rated, no check is open and every segment was watched.</li>}
      </ul>
      <div className="sign-off-actions">
        {missingRatings.length === 0 && (
          <button type="button" className="primary" onClick={onConfirm}>
            {open ? 'Sign off anyway' : 'Sign off'}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {missingRatings.length > 0 ? 'Back to the ratings' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
