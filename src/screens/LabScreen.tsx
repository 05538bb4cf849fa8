// The lead's Lab: the coders on their own workstations, each known by the fingerprint of their identity card,
// what was assigned to them and the last packet each way; making assignments, and taking return packets in —
// inspected first, applied only when the lead says so.

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type {
  AssignmentMade,
  ImportResult,
  LabCoder,
  PacketMoment,
  PacketOutcome,
  PacketReview,
  RecordingChange,
  Result,
} from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field, SelectField } from '../components/Field.tsx';
import { PathField } from '../components/PathField.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { askOptions } from '../state/queries.ts';
import { useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';
import './LabScreen.css';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Moment({ moment }: { moment: PacketMoment | null }) {
  if (moment === null) return <span className="muted">none yet</span>;
  return (
    <span>
      #{moment.sequence}{' '}
      <span className="muted small">{new Date(moment.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</span>
    </span>
  );
}

function CodersTable({ coders }: { coders: LabCoder[] }) {
  if (coders.length === 0) return <p className="muted">No coders yet: register each coder by their identity card below.</p>;
  return (
    <table className="table lab-coders">
      <thead>
        <tr>
          <th scope="col">Coder</th>
          <th scope="col">Fingerprint</th>
          <th scope="col">Assigned recordings</th>
          <th scope="col">Last assignment sent</th>
          <th scope="col">Last return received</th>
        </tr>
      </thead>
      <tbody>
        {coders.map((c) => (
          <tr key={c.code}>
            <th scope="row">
              <span className="code">{c.code}</span> {c.name}
            </th>
            <td className="fingerprint">{c.fingerprint ?? <span className="muted">no identity card</span>}</td>
            <td>
              {c.assigned.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <ul className="lab-assigned">
                  {c.assigned.map((a) => (
                    <li key={a.recording}>
                      <span className="code">{a.recording}</span> <StatusBadge state={a.state} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              <Moment moment={c.lastSent} />
            </td>
            <td>
              <Moment moment={c.lastReceived} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A coder registered by the card they sent: the fingerprint shown is the one to compare with theirs in person. */
function RegisterCoder({ onDone }: { onDone(): void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [card, setCard] = useState('');
  const [cardFile, setCardFile] = useState('');
  const [replace, setReplace] = useState(false);
  const [answer, setAnswer] = useState<Result<{ code: string; name: string; fingerprint: string; replaced: boolean }> | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await call('lab.registerCoder', {
      code,
      name: name || undefined,
      card: card || undefined,
      cardFile: cardFile || undefined,
      replace,
    });
    setBusy(false);
    setAnswer(result);
    if (result.ok) {
      setCode('');
      setName('');
      setCard('');
      setCardFile('');
      setReplace(false);
      onDone();
    }
  };

  return (
    <form onSubmit={submit} aria-label="Register a coder by their card" className="lab-form">
      <div className="row">
        <Field label="Coder code" value={code} onChange={setCode} required autoComplete="off" spellCheck={false} />
        <Field label="Name" hint="Left empty: the name on the card." value={name} onChange={setName} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="lab-card">Identity card</label>
        <textarea id="lab-card" rows={2} value={card} onChange={(e) => setCard(e.target.value)} spellCheck={false} aria-describedby="lab-card-hint" />
        <p id="lab-card-hint" className="hint">
          Paste the line starting with 3rs-id1. the coder sent you (from their Security screen), or give the file it came in.
        </p>
      </div>
      <PathField kind="card" label="Or the card's file" value={cardFile} onChange={setCardFile} autoComplete="off" spellCheck={false} />
      <label className="check">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace their card (a coder already in this study
        with a new workstation; packets signed with the old card are refused after)
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Registering…' : 'Register'}
      </button>
      {answer && !answer.ok && <ErrorAlert error={answer.error} />}
      {answer?.ok && (
        <p role="status" className="banner done">
          {answer.value.replaced ? 'Replaced the card of' : 'Registered'} {answer.value.code} ({answer.value.name}). Fingerprint:{' '}
          <strong className="fingerprint">{answer.value.fingerprint}</strong>. Compare it in person with the one {answer.value.code} sees on their
          Security screen before you send any assignment.
        </p>
      )}
    </form>
  );
}

/** An assignment packet for one coder: the recordings chosen, written where the lead says. */
function MakeAssignment({ coders, onDone }: { coders: LabCoder[]; onDone(): void }) {
  const recordings = useStudy((s) => s.recordings);
  const withCards = coders.filter((c) => c.fingerprint !== null);
  const [coder, setCoder] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Result<AssignmentMade> | null>(null);
  const target = coder || withCards[0]?.code || '';

  const toggle = (code: string) => setChosen((now) => (now.includes(code) ? now.filter((c) => c !== code) : [...now, code]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await call('lab.assign', { coder: target, recordings: chosen, out });
    setBusy(false);
    setAnswer(result);
    if (result.ok) {
      setOut('');
      onDone();
    }
  };

  if (withCards.length === 0) return <p className="muted">Register a coder's identity card first: an assignment is encrypted to it.</p>;
  return (
    <form onSubmit={submit} aria-label="Make an assignment" className="lab-form">
      <SelectField
        label="Coder"
        value={target}
        onChange={setCoder}
        choices={withCards.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
      />
      <fieldset className="lab-recordings">
        <legend>Recordings</legend>
        {recordings.map((r) => (
          <label key={r.code} className="check">
            <input type="checkbox" checked={chosen.includes(r.code)} onChange={() => toggle(r.code)} /> <span className="code">{r.code}</span>
          </label>
        ))}
      </fieldset>
      <PathField
        kind="new-packet"
        label="Save the packet as"
        hint="A new .age file, or a folder to put it in (e.g. a USB stick or a synced folder). The videos travel separately."
        value={out}
        onChange={setOut}
        required
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" disabled={busy || chosen.length === 0}>
        {busy ? 'Making the assignment…' : 'Make assignment'}
      </button>
      {answer && !answer.ok && <ErrorAlert error={answer.error} />}
      {answer?.ok && (
        <p role="status" className="banner done">
          Wrote assignment {answer.value.sequence} for {answer.value.coder} ({answer.value.recordings.join(', ')}) to{' '}
          <span className="path">{answer.value.path}</span>. Only {answer.value.coder} can open it.
        </p>
      )}
    </form>
  );
}

const STATUS: Record<string, string> = { 'in-progress': 'in progress', complete: 'complete' };
const statusName = (s: RecordingChange['statusBefore']) => (s === null ? 'not started' : (STATUS[s] ?? s));

/** One recording's change as the packet would make it: marks, ratings, notes, status. */
function changeLine(c: RecordingChange): string {
  const parts: string[] = [];
  if (c.marksAdded + c.marksChanged + c.marksDeleted > 0)
    parts.push(`${plural(c.marksAdded, 'mark')} added, ${c.marksChanged} changed, ${c.marksDeleted} deleted`);
  if (c.ratingsChanged > 0) parts.push(`${plural(c.ratingsChanged, 'rating')} changed`);
  if (c.notesChanged > 0) parts.push(`${plural(c.notesChanged, 'note')} changed`);
  if (c.statusBefore !== c.statusAfter) parts.push(`status ${statusName(c.statusBefore)} → ${statusName(c.statusAfter)}`);
  return parts.length ? parts.join('; ') : 'no change';
}

function PacketPreview({ outcome }: { outcome: PacketOutcome<PacketReview | ImportResult> }) {
  const file = outcome.file.split(/[\\/]/).pop();
  if (!outcome.ok) {
    return (
      <li className="lab-packet refused">
        <span className="path">{file}</span>: <span role="alert">{outcome.error.message}</span>
      </li>
    );
  }
  const r = outcome.value;
  const applied = 'applied' in r ? r.applied : null;
  return (
    <li className="lab-packet">
      <p>
        <span className="path">{file}</span>: return packet {r.sequence} from <span className="code">{r.coder}</span> (fingerprint{' '}
        <span className="fingerprint">{r.signer}</span>), answering assignment {r.answersTo}.
        {r.alreadyImported && ' Already imported: importing it again changes nothing.'}
        {applied === true && ' Imported.'}
      </p>
      {r.recordings.length > 0 && (
        <ul>
          {r.recordings.map((c) => (
            <li key={c.recording}>
              <span className="code">{c.recording}</span>: {changeLine(c)}
              {c.labChanged && applied === null && <strong className="caution"> — the lab changed this coding since the last exchange</strong>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Return packets from files or an inbox folder: inspected first (nothing changes), then imported on the lead's word. */
function ImportPackets({ onDone }: { onDone(): void }) {
  const [file, setFile] = useState('');
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Result<PacketOutcome<PacketReview>[]> | null>(null);
  const [imported, setImported] = useState<Result<PacketOutcome<ImportResult>[]> | null>(null);
  const [confirmTheirs, setConfirmTheirs] = useState(false);
  // What was inspected is what gets imported, even if the fields were edited since.
  const [inspected, setInspected] = useState<{ files?: string[]; folder?: string }>({});

  const inspect = async (e: FormEvent) => {
    e.preventDefault();
    const source = { files: file.trim() ? [file] : undefined, folder: folder.trim() ? folder : undefined };
    setBusy(true);
    setImported(null);
    setConfirmTheirs(false);
    setInspected(source);
    setPreview(await call('lab.inspect', source));
    setBusy(false);
  };

  const apply = async (takeTheirs: boolean) => {
    setBusy(true);
    const result = await call('lab.import', { ...inspected, takeTheirs });
    setBusy(false);
    setImported(result);
    setPreview(null);
    setConfirmTheirs(false);
    if (result.ok) onDone();
  };

  const reviews = preview?.ok ? preview.value : [];
  const importable = reviews.some((o) => o.ok && !o.value.alreadyImported);
  const labChanged = reviews.flatMap((o) =>
    o.ok ? o.value.recordings.filter((c) => c.labChanged).map((c) => `${o.value.coder}'s ${c.recording}`) : [],
  );

  return (
    <div className="lab-form">
      <form onSubmit={inspect} aria-label="Import return packets">
        <PathField kind="packet" label="Return packet" value={file} onChange={setFile} autoComplete="off" spellCheck={false} />
        <PathField
          kind="folder"
          label="Or an inbox folder"
          hint="Every .age file in it, oldest first per coder."
          value={folder}
          onChange={setFolder}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" disabled={busy || (!file.trim() && !folder.trim())}>
          {busy && preview === null ? 'Reading…' : 'Inspect'}
        </button>
      </form>
      {preview && !preview.ok && <ErrorAlert error={preview.error} />}
      {preview?.ok && (
        <section aria-label="What the packets would change" className="lab-preview">
          <h3>What importing would change</h3>
          <p className="muted small">Nothing has changed yet.</p>
          <ul>
            {reviews.map((o) => (
              <PacketPreview key={o.file} outcome={o} />
            ))}
          </ul>
          {importable && labChanged.length === 0 && (
            <button type="button" onClick={() => void apply(false)} disabled={busy}>
              Import
            </button>
          )}
          {importable && labChanged.length > 0 && (
            <div className="banner caution" role="group" aria-label="The lab changed a coding">
              <p>
                The lab changed {labChanged.join(', ')} since the last exchange (a lead reopened or edited it). Importing replaces those changes with
                the coder's coding; the audit log keeps both.
              </p>
              {confirmTheirs ? (
                <>
                  <button type="button" className="danger" onClick={() => void apply(true)} disabled={busy}>
                    Yes, replace the lab's changes
                  </button>{' '}
                  <button type="button" onClick={() => setConfirmTheirs(false)}>
                    Cancel
                  </button>
                </>
              ) : (
                <button type="button" onClick={() => setConfirmTheirs(true)}>
                  Import, taking the coder's coding…
                </button>
              )}
            </div>
          )}
        </section>
      )}
      {imported && !imported.ok && <ErrorAlert error={imported.error} />}
      {imported?.ok && (
        <section aria-label="Imported" className="lab-preview">
          <h3>Imported</h3>
          <ul>
            {imported.value.map((o) => (
              <PacketPreview key={o.file} outcome={o} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function LabScreen() {
  const back = useUi((s) => s.back);
  const refreshStudy = useStudy((s) => s.refresh);
  const overview = useQuery(askOptions('lab.overview', {}));
  const changed = () => {
    void overview.refetch();
    void refreshStudy();
  };
  const coders = overview.data ?? [];

  return (
    <ScreenLayout page="Lab" back={{ onClick: back }} main="page lab">
      <section className="card wide" aria-labelledby="lab-coders-heading">
        <h2 id="lab-coders-heading">Coders on their workstations</h2>
        {overview.isPending && !overview.error && <p className="muted">Reading…</p>}
        <ErrorAlert error={overview.error?.value ?? null} />
        {overview.isSuccess && <CodersTable coders={coders} />}
      </section>
      <section className="card" aria-labelledby="lab-assign-heading">
        <h2 id="lab-assign-heading">Make assignment…</h2>
        <MakeAssignment coders={coders} onDone={changed} />
      </section>
      <section className="card" aria-labelledby="lab-import-heading">
        <h2 id="lab-import-heading">Import packets…</h2>
        <ImportPackets onDone={changed} />
      </section>
      <section className="card" aria-labelledby="lab-register-heading">
        <h2 id="lab-register-heading">Register a coder</h2>
        <RegisterCoder onDone={changed} />
      </section>
    </ScreenLayout>
  );
}
