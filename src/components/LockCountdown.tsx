import './LockCountdown.css';

/** Before the idle lock: how long until it, and that any key keeps the study open. */
export function LockCountdown({ seconds }: { seconds: number }) {
  return (
    <div role="status" aria-live="assertive" className="lock-countdown">
      <strong>Locking in {seconds} s</strong> — press any key
    </div>
  );
}
