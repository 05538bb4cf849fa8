import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { KeymapEditor } from '../components/KeymapEditor.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { SEGMENT_SECONDS_INPUT } from '../components/segment-seconds.ts';
import { formatSegmentLength } from '../format.ts';
import { IDLE_MINUTES_RANGE, usePrefs } from '../state/prefs.ts';
import { useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';
import './SettingsScreen.css';

function SegmentLength() {
  const settings = useStudy((s) => s.settings);
  const pending = useStudy((s) => s.pending);
  const update = useStudy((s) => s.updateSettings);
  const [draft, setDraft] = useState<string | null>(null);
  if (!settings) return <p className="muted">Loading…</p>;
  const value = draft ?? String(settings.segmentSeconds);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await update({ segmentSeconds: Number(value) })) setDraft(null);
  };
  return (
    <form onSubmit={submit} aria-label="Segment length" className="setting-form">
      <div className="field">
        <label htmlFor="segment-seconds">Segment length (seconds)</label>
        <div className="input-row">
          <input
            id="segment-seconds"
            {...SEGMENT_SECONDS_INPUT}
            value={value}
            onChange={(e) => setDraft(e.target.value)}
            disabled={settings.segmentLocked}
            aria-describedby="segment-seconds-hint"
          />
          <button type="submit" disabled={settings.segmentLocked || pending !== null || Number(value) === settings.segmentSeconds}>
            Save
          </button>
        </div>
        <p id="segment-seconds-hint" className={`hint${settings.segmentLocked ? ' locked' : ''}`}>
          {settings.segmentLocked ? (
            <>
              <strong>Locked</strong> at {formatSegmentLength(settings.segmentSeconds)}: coding has started, and a new length would move every mark
              into different segments. Create a new study for another length.
            </>
          ) : (
            `Now ${formatSegmentLength(settings.segmentSeconds)}. It can change until the first mark is made in this study.`
          )}
        </p>
      </div>
      <ErrorAlert actions={['settings']} />
    </form>
  );
}

/**
 * How a recording's last moments are cut: a final part shorter than the minimum joins the segment before it,
 * so a recording a little longer than a whole number of segments gets no stub segment nobody could code.
 * Locked with the segment length, as it moves marks between segments too.
 */
function FinalSegment() {
  const settings = useStudy((s) => s.settings);
  const pending = useStudy((s) => s.pending);
  const update = useStudy((s) => s.updateSettings);
  const [draft, setDraft] = useState<string | null>(null);
  if (!settings) return null;
  const value = draft ?? String(settings.minFinalSeconds);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await update({ minFinalSeconds: Number(value) })) setDraft(null);
  };
  const now = settings.minFinalSeconds;
  return (
    <form onSubmit={submit} aria-label="Shortest final segment" className="setting-form">
      <div className="field">
        <label htmlFor="min-final-seconds">Shortest final segment (seconds)</label>
        <div className="input-row">
          <input
            id="min-final-seconds"
            type="number"
            min={0}
            max={settings.segmentSeconds}
            step={1}
            inputMode="numeric"
            value={value}
            onChange={(e) => setDraft(e.target.value)}
            disabled={settings.segmentLocked}
            aria-describedby="min-final-seconds-hint"
          />
          <button type="submit" disabled={settings.segmentLocked || pending !== null || Number(value) === now}>
            Save
          </button>
        </div>
        <p id="min-final-seconds-hint" className={`hint${settings.segmentLocked ? ' locked' : ''}`}>
          {now > 0
            ? `A final part of a recording shorter than ${now} s joins the segment before it, which is then up to ${formatSegmentLength(settings.segmentSeconds + now)} long.`
            : 'A final part of a recording is always a segment of its own, however short.'}{' '}
          {settings.segmentLocked
            ? 'Locked with the segment length: coding has started.'
            : '0 never merges; new studies start at a fifth of the segment length.'}
        </p>
      </div>
    </form>
  );
}

/**
 * Blind coding: a lead turns it off or on for the study; a coder sees which it is. Turning it off is asked
 * to be confirmed: once off, every later reliability report and export says codings may not be independent.
 */
function BlindCoding() {
  const settings = useStudy((s) => s.settings);
  const lead = useStudy((s) => s.coder?.role === 'lead');
  const pending = useStudy((s) => s.pending);
  const update = useStudy((s) => s.updateSettings);
  const [confirming, setConfirming] = useState(false);
  if (!settings) return null;
  const blind = settings.blindCoding;
  const change = (on: boolean) => (on ? void update({ blindCoding: true }) : setConfirming(true));
  const turnOff = async () => {
    if (await update({ blindCoding: false })) setConfirming(false);
  };
  return (
    <div className="field setting-form">
      <label className="checkbox">
        <input type="checkbox" checked={blind} disabled={!lead || pending !== null || confirming} onChange={(e) => change(e.target.checked)} />
        Blind coding
      </label>
      {confirming && (
        <div role="alertdialog" aria-labelledby="blind-off-title" aria-describedby="blind-off-text" className="banner caution">
          <p id="blind-off-title">
            <strong>Turn blind coding off?</strong>
          </p>
          <p id="blind-off-text">
            Coders will be able to open and compare each other’s codings, so codings made from now on are not independent. Every later reliability
            report and export will say that codings in this study may not be independent — even after blind coding is turned back on. The change is
            recorded in the audit log.
          </p>
          <p className="choice-actions">
            <button type="button" onClick={() => void turnOff()} disabled={pending !== null}>
              Turn blind coding off
            </button>
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Keep it on
            </button>
          </p>
        </div>
      )}
      <p className="hint">
        {blind
          ? 'On: each coder sees only their own coding; a lead sees everyone’s. Keep it on while codings are meant to be independent.'
          : 'Off: coders may open and compare each other’s codings (read-only), e.g. for a training group. Codings made now are not independent.'}
        {!lead && ' Only a lead can change it.'}
      </p>
    </div>
  );
}

function IdleMinutes() {
  const minutes = usePrefs((s) => s.idleMinutes);
  const setIdleMinutes = usePrefs((s) => s.setIdleMinutes);
  const [draft, setDraft] = useState<string | null>(null);
  const save = () => {
    if (draft !== null && draft.trim() !== '' && Number.isFinite(Number(draft))) setIdleMinutes(Number(draft));
    setDraft(null);
  };
  return (
    <div className="field">
      <label htmlFor="idle-minutes">Lock after this many minutes without input</label>
      <div className="input-row">
        <input
          id="idle-minutes"
          type="number"
          min={IDLE_MINUTES_RANGE.min}
          max={IDLE_MINUTES_RANGE.max}
          step={1}
          inputMode="numeric"
          value={draft ?? String(minutes)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => e.key === 'Enter' && save()}
          aria-describedby="idle-minutes-hint"
        />
        <span className="muted">min</span>
      </div>
      <p id="idle-minutes-hint" className="hint">
        After a 30-second countdown the study closes and the screen is cleared (a playing video counts as input for up to 30 minutes); unlock it again
        with the passphrase to go on where you were. Saved for this computer ({IDLE_MINUTES_RANGE.min}–{IDLE_MINUTES_RANGE.max}).
      </p>
    </div>
  );
}

export function SettingsScreen() {
  const scheme = useStudy((s) => s.scheme);
  const back = useUi((s) => s.back);
  return (
    <ScreenLayout page="Settings" back={{ onClick: back }} main="page settings">
      <section className="card" aria-labelledby="study-settings-heading">
        <h2 id="study-settings-heading">This study</h2>
        <SegmentLength />
        <FinalSegment />
        <BlindCoding />
      </section>
      <section className="card" aria-labelledby="keymap-heading">
        <div className="card-head">
          <h2 id="keymap-heading">Marker keys</h2>
          <p className="muted small">Click a key, then press the new one. Esc cancels.</p>
        </div>
        {scheme && <KeymapEditor scheme={scheme} />}
      </section>
      <section className="card" aria-labelledby="computer-heading">
        <h2 id="computer-heading">This computer</h2>
        <IdleMinutes />
      </section>
    </ScreenLayout>
  );
}
