import { useRef, useState, type FormEvent } from 'react';
import type { Coder } from '../../electron/core/api/contract.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { PathField } from '../components/PathField.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { SEGMENT_SECONDS_INPUT } from '../components/segment-seconds.ts';
import { lockMessage, useLock } from '../state/lock.ts';
import { usePrefs } from '../state/prefs.ts';
import { useStudy } from '../state/study.ts';
import './UnlockScreen.css';

type Mode = 'open' | 'create';

/** The studies opened on this computer, the last first (paths only): one click fills the study file. */
function RecentStudies({ current, onChoose }: { current: string; onChoose(path: string): void }) {
  const recent = useLock((s) => s.recent);
  if (recent.length === 0) return null;
  return (
    <nav aria-label="Recent studies" className="recent-studies">
      <p className="hint">Recent studies</p>
      <ul>
        {recent.map((path) => (
          <li key={path}>
            <button type="button" className="link path" aria-pressed={path === current} onClick={() => onChoose(path)}>
              {path}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function OpenForm() {
  const openStudy = useStudy((s) => s.openStudy);
  const last = useLock((s) => s.recent[0] ?? '');
  const [path, setPath] = useState(last);
  const [passphrase, setPassphrase] = useState('');
  const passphraseField = useRef<HTMLDivElement>(null);
  const focusPassphrase = () => passphraseField.current?.querySelector('input')?.focus();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await openStudy({ path, passphrase })) setPassphrase('');
  };

  return (
    <form onSubmit={submit} aria-label="Open a study">
      <PathField
        kind="study"
        label="Study file"
        hint="Full path of the .3rs file (~ for your home folder)."
        value={path}
        onChange={setPath}
        required
        autoComplete="off"
        spellCheck={false}
        autoFocus={last === ''}
      />
      <RecentStudies
        current={path}
        onChoose={(chosen) => {
          setPath(chosen);
          focusPassphrase();
        }}
      />
      <div ref={passphraseField}>
        <Field
          label="Passphrase"
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          required
          autoComplete="current-password"
          autoFocus={last !== ''}
        />
      </div>
      <ErrorAlert actions={['open']} />
      <SubmitButton action="open" label="Unlock" busyLabel="Unlocking…" />
    </form>
  );
}

const ROLE_CHOICES: { role: Coder['role']; label: string; hint: string }[] = [
  { role: 'lead', label: 'Lead', hint: 'You set the study up, assign work to coders and see every coding (reliability, consensus, export).' },
  { role: 'coder', label: 'Coder', hint: 'Your own workstation: you open the assignments your lead sends and code blind.' },
];

/** The creator's role: lead by default, as most studies are created by the one who runs them. */
function RoleChoice({ role, onChange }: { role: Coder['role']; onChange(role: Coder['role']): void }) {
  return (
    <fieldset className="role-choice">
      <legend>Your role</legend>
      {ROLE_CHOICES.map((c) => (
        <label key={c.role}>
          <input type="radio" name="creator-role" value={c.role} checked={role === c.role} onChange={() => onChange(c.role)} />
          <span>
            <strong>{c.label}</strong> <span className="hint">{c.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function CreateForm() {
  const createStudy = useStudy((s) => s.createStudy);
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [segmentSeconds, setSegmentSeconds] = useState('300');
  const [coderCode, setCoderCode] = useState('');
  const [coderName, setCoderName] = useState('');
  const [role, setRole] = useState<Coder['role']>('lead');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await createStudy({ path, passphrase, confirm, segmentSeconds: Number(segmentSeconds), coderCode, coderName, role });
    if (created) {
      setPassphrase('');
      setConfirm('');
    }
  };

  return (
    <form onSubmit={submit} aria-label="Create a study">
      <PathField
        kind="new-study"
        label="New study file"
        hint="Full path for the new .3rs file, e.g. ~/studies/alliance.3rs (.3rs is added when missing)."
        value={path}
        onChange={setPath}
        required
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      <div className="row">
        <Field
          label="Passphrase"
          hint="A short sentence is easy to remember and hard to guess."
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          required
          autoComplete="new-password"
        />
        <Field label="Confirm passphrase" type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" />
      </div>
      <Field
        label="Segment length (seconds)"
        hint="Each session is cut into segments of this length; 300 s is 5 minutes. It cannot change once coding has started."
        {...SEGMENT_SECONDS_INPUT}
        value={segmentSeconds}
        onChange={setSegmentSeconds}
        required
      />
      <fieldset>
        <legend>You, who create the study</legend>
        <div className="row">
          <Field
            label="Your coder code"
            hint="Used in exports instead of your name, e.g. C01."
            value={coderCode}
            onChange={setCoderCode}
            required
            autoComplete="off"
            spellCheck={false}
          />
          <Field label="Your name" value={coderName} onChange={setCoderName} required autoComplete="name" />
        </div>
        <RoleChoice role={role} onChange={setRole} />
      </fieldset>
      <ErrorAlert actions={['create']} />
      <SubmitButton action="create" label="Create study" busyLabel="Creating study…" />
    </form>
  );
}

/** After unlocking: choose who is coding from the study's coders, or add yourself. */
function CoderStep() {
  const coders = useStudy((s) => s.coders);
  // A consensus coding's coder is no person: a lead edits that coding from the recording's page.
  const people = coders.filter((c) => !c.consensus);
  const path = useStudy((s) => s.info?.path);
  const pending = useStudy((s) => s.pending);
  const selectCoder = useStudy((s) => s.selectCoder);
  const addCoder = useStudy((s) => s.addCoder);
  const lock = useLock((s) => s.lock);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void addCoder({ code, name }, { select: true });
  };

  return (
    <section className="card" aria-labelledby="who-heading">
      <h2 id="who-heading">Who is coding?</h2>
      <p className="muted">
        Unlocked <span className="path">{path}</span>
      </p>
      {people.length > 0 ? (
        <ul className="coder-choices">
          {people.map((c) => (
            <li key={c.code}>
              <button type="button" onClick={() => void selectCoder(c.code)} disabled={pending !== null}>
                <span className="code">{c.code}</span> {c.name}
                {c.role === 'lead' && <span className="badge">lead</span>}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>This study has no coders yet. Add yourself below.</p>
      )}
      <ErrorAlert actions={['select-coder']} />
      <form onSubmit={submit} aria-label="Add yourself as a coder">
        <h3>Not in the list? Add yourself</h3>
        <div className="row">
          <Field label="Your coder code" hint="e.g. C02" value={code} onChange={setCode} required autoComplete="off" spellCheck={false} />
          <Field label="Your name" value={name} onChange={setName} required autoComplete="name" />
        </div>
        <ErrorAlert actions={['add-coder']} />
        <SubmitButton action="add-coder" label="Add me and start" busyLabel="Adding…" />
      </form>
      <button type="button" className="link" onClick={() => void lock('asked')} disabled={pending !== null}>
        Lock and choose another study
      </button>
    </section>
  );
}

/** Why the study locked, until it is unlocked again. */
function LockReasonNotice() {
  const reason = useLock((s) => s.reason);
  const minutes = usePrefs((s) => s.idleMinutes);
  if (reason === null) return null;
  return (
    <p role="status" className="lock-reason">
      {lockMessage(reason, minutes)}
    </p>
  );
}

export function UnlockScreen() {
  const unlocked = useStudy((s) => s.status === 'unlocked');
  const [mode, setMode] = useState<Mode>('open');

  return (
    <main className="unlock">
      <header className="brand">
        <div className="brand-title">
          <span className="brand-mark" aria-hidden="true">
            3RS
          </span>
          <h1>3RS Station</h1>
        </div>
        <p>Code ruptures and repairs in therapy session recordings. Everything stays encrypted on this computer.</p>
      </header>
      <LockReasonNotice />
      {unlocked ? (
        <CoderStep />
      ) : (
        <section className="card">
          <div className="modes" role="group" aria-label="What do you want to do?">
            <button type="button" aria-pressed={mode === 'open'} onClick={() => setMode('open')}>
              Open a study
            </button>
            <button type="button" aria-pressed={mode === 'create'} onClick={() => setMode('create')}>
              Create a study
            </button>
          </div>
          {mode === 'open' ? <OpenForm /> : <CreateForm />}
        </section>
      )}
      <ErrorAlert actions={['lock']} />
    </main>
  );
}
