import type { SecurityReport } from '../../electron/core/api/contract.ts';
import { AuditLog } from '../components/AuditLog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IdentityCard } from '../components/IdentityCard.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { usePrefs } from '../state/prefs.ts';
import { useSecurityReport } from '../state/security.ts';
import { useUi } from '../state/ui.ts';

function StudyFile({ report }: { report: SecurityReport }) {
  const { study, media } = report;
  return (
    <section className="card" aria-labelledby="encryption-heading">
      <h2 id="encryption-heading">Encryption</h2>
      <dl className="facts">
        <dt>Study file</dt>
        <dd>
          {study.format}: {study.cipher}, every page checked with {study.hmac}
        </dd>
        <dt>Key from the passphrase</dt>
        <dd>
          {study.kdf}, {study.kdfIterations.toLocaleString('en')} iterations
        </dd>
        <dt>Prepared media</dt>
        <dd>
          {media.cipher}, {media.key}
          {media.present ? '' : ' (no media file yet)'}
        </dd>
      </dl>
      <p className="hint">The passphrase is never stored: without it the study file cannot be read, and it cannot be recovered.</p>
    </section>
  );
}

function Network({ blocked }: { blocked: number }) {
  return (
    <section className="card" aria-labelledby="network-heading">
      <h2 id="network-heading">Network</h2>
      {blocked === 0 ? (
        <p className="banner done" role="status">
          No request to leave this computer since 3RS Station started.
        </p>
      ) : (
        <p className="banner caution" role="status">
          {blocked === 1 ? '1 request to leave' : `${blocked} requests to leave`} this computer {blocked === 1 ? 'was' : 'were'} stopped since 3RS
          Station started. Nothing was sent. If this keeps happening, tell whoever looks after this installation.
        </p>
      )}
      <p className="hint">
        The app has no network access: no updates, no telemetry, no fonts or pictures from elsewhere. Any attempt is stopped and counted here.
      </p>
    </section>
  );
}

function AuditTrail({ audit }: { audit: SecurityReport['audit'] }) {
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      {audit.ok ? (
        <p className="banner done" role="status">
          Intact: all {audit.entries.toLocaleString('en')} entries follow one another unchanged.
        </p>
      ) : (
        <ErrorAlert
          error={{
            message: `Broken at entry ${audit.brokenAt}: ${audit.reason}. The study file was changed outside 3RS Station. Restore it from a backup, or keep it and report what happened.`,
          }}
        />
      )}
      <p className="hint">Every change to the study is logged with who made it, each entry sealed with the hash of the one before it.</p>
    </section>
  );
}

function Locking() {
  const minutes = usePrefs((s) => s.idleMinutes);
  return (
    <section className="card" aria-labelledby="locking-heading">
      <h2 id="locking-heading">Locking</h2>
      <dl className="facts">
        <dt>After no input for</dt>
        <dd>{minutes === 1 ? '1 minute' : `${minutes} minutes`} (change it in Settings)</dd>
        <dt>When this computer</dt>
        <dd>locks its screen or goes to sleep</dd>
      </dl>
      <p className="hint">
        A 30-second countdown comes first (any key stops it); a playing video counts as input for up to 30 minutes. Locking saves the notes being
        typed and the mark being saved, then closes the study file, drops its key and clears the screen.
      </p>
    </section>
  );
}

/** About this installation's protection of the study, as the core reports it now. */
export function SecurityScreen() {
  const back = useUi((s) => s.back);
  const { report, loading, error, load } = useSecurityReport();
  return (
    <ScreenLayout
      page="Security"
      actions={
        <button type="button" onClick={load} disabled={loading}>
          Check again
        </button>
      }
      back={{ onClick: back }}
      main="page settings"
      busy={loading}
    >
      <ErrorAlert error={error} />
      {!report && !error && <p className="muted">Checking…</p>}
      {report && (
        <>
          <StudyFile report={report} />
          <Network blocked={report.blockedRequests} />
          <AuditTrail audit={report.audit} />
          {/* Read again when "Check again" finds entries written meanwhile. */}
          <AuditLog key={report.audit.entries} />
        </>
      )}
      <Locking />
      <IdentityCard />
    </ScreenLayout>
  );
}
