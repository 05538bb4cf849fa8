// The coder's side of the lab, on their own workstation study: open the assignment their lead sent, link the
// videos by content from a folder, and send the codings back as a packet only the lead can open.

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { PathKind } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useJobs } from '../state/jobs.ts';
import { ask, askOptions } from '../state/queries.ts';
import { useStudy } from '../state/study.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { JobProgress } from './JobProgress.tsx';
import { PathField } from './PathField.tsx';
import './WorkstationCard.css';

const LOCATE_JOB = 'lab-locate';

const CODING = { taken: 'your coding from the lab', kept: 'your own coding kept (it has changes not yet sent back)', none: 'not coded yet' } as const;

interface PathFormProps {
  /** The form's name for screen readers. */
  name: string;
  kind: PathKind;
  label: string;
  hint: string;
  /** The button, and what it says while the step runs (when that is not just disabled). */
  action: string;
  running?: string;
  pending: boolean;
  onSubmit(path: string): void;
  /** What came of it, under the button. */
  children?: ReactNode;
}

/** One step of the lab work that takes one path: the field, its button, then the answer. */
function PathForm({ name, kind, label, hint, action, running, pending, onSubmit, children }: PathFormProps) {
  const [path, setPath] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(path);
  };
  return (
    <form onSubmit={submit} aria-label={name} className="workstation-form">
      <PathField kind={kind} label={label} hint={hint} value={path} onChange={setPath} required autoComplete="off" spellCheck={false} />
      <button type="submit" disabled={pending}>
        {pending && running ? running : action}
      </button>
      {children}
    </form>
  );
}

function OpenAssignment() {
  const refresh = useStudy((s) => s.refresh);
  const open = useMutation({ mutationFn: (path: string) => ask('lab.openAssignment', { path }), onSuccess: () => void refresh() });
  const opened = open.data;
  return (
    <PathForm
      name="Open assignment"
      kind="packet"
      label="Assignment packet"
      hint="The .age file your lead sent you."
      action="Open assignment"
      running="Opening…"
      pending={open.isPending}
      onSubmit={(path) => open.mutate(path)}
    >
      <ErrorAlert error={open.error?.value} />
      {opened && (
        <div role="status" className="banner done">
          {opened.alreadyOpened ? (
            <p>
              Assignment {opened.sequence} from {opened.lead} was already opened. Nothing was changed.
            </p>
          ) : (
            <>
              <p>
                Opened assignment {opened.sequence} from {opened.lead}.
              </p>
              {opened.firstContact && (
                <p>
                  Your lead's fingerprint: <strong className="fingerprint">{opened.leadFingerprint}</strong>. Compare it in person with the one{' '}
                  {opened.lead} sees; only packets signed with this key are opened from now on.
                </p>
              )}
              <ul>
                {opened.recordings.map((r) => (
                  <li key={r.code}>
                    <span className="code">{r.code}</span>: {r.located ? 'video linked' : 'video not linked yet'}; {CODING[r.coding]}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </PathForm>
  );
}

function LocateVideos() {
  const refresh = useStudy((s) => s.refresh);
  const job = useJobs((s) => s.jobs[LOCATE_JOB]);
  const { run, cancel, dismiss } = useJobs.getState();
  const running = job !== undefined && job.error === null && (job.status === null || job.status.state === 'running');
  const locate = async (folder: string) => {
    const status = await run(LOCATE_JOB, 'Looking for the videos', () => call('lab.locate', { folder }));
    if (status?.state === 'done') void refresh();
  };
  // The job's own result, once done: which recordings it linked, found in place, or did not find.
  const found = job?.status?.kind === 'locate' && job.status.state === 'done' ? job.status.result : null;
  return (
    <PathForm
      name="Locate videos"
      kind="folder"
      label="Folder with the videos"
      hint="Searched with its subfolders; each video is recognised by its content, whatever its name."
      action="Locate videos…"
      pending={running}
      onSubmit={(folder) => void locate(folder)}
    >
      {job && <JobProgress job={job} onCancel={() => void cancel(LOCATE_JOB)} onDismiss={() => dismiss(LOCATE_JOB)} />}
      {found && (
        <p role="status" className={found.notFound.length === 0 ? 'banner done' : 'banner caution'}>
          {found.located.length === 0
            ? 'No recording was linked.'
            : `Linked ${found.located.length} (${found.located.map((l) => l.code).join(', ')}).`}
          {found.inPlace.length > 0 && ` Already in place: ${found.inPlace.join(', ')}.`}
          {found.notFound.length > 0 && ` Not found in that folder: ${found.notFound.join(', ')}.`}
        </p>
      )}
    </PathForm>
  );
}

function SendBack() {
  const send = useMutation({ mutationFn: (out: string) => ask('lab.sendBack', { out }) });
  const made = send.data;
  return (
    <PathForm
      name="Send codings back"
      kind="new-packet"
      label="Save the return packet as"
      hint="A new .age file, or a folder to put it in (e.g. a USB stick or a synced folder)."
      action="Send codings back"
      running="Sending…"
      pending={send.isPending}
      onSubmit={(out) => send.mutate(out)}
    >
      <ErrorAlert error={send.error?.value} />
      {made && (
        <p role="status" className="banner done">
          Wrote return packet {made.sequence} ({made.recordings.join(', ')}) to <span className="path">{made.path}</span>. Only your lead can open it:
          send them this file.
        </p>
      )}
    </PathForm>
  );
}

/** Shown on a coder's own workstation study: the study holds their identity, and they code as themselves. */
export function WorkstationCard() {
  const me = useStudy((s) => s.coder);
  const identity = useQuery(askOptions('identity.show', {})).data;
  if (me === null || me.role !== 'coder' || identity?.code !== me.code) return null;
  return (
    <section className="card workstation" aria-labelledby="workstation-heading">
      <div className="card-head">
        <h2 id="workstation-heading">Your lab work</h2>
        <p className="muted small">
          Assignments come from your lead as packets; your codings go back the same way. Your identity card is on the Security screen.
        </p>
      </div>
      <OpenAssignment />
      <LocateVideos />
      <SendBack />
    </section>
  );
}
