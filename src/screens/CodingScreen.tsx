import { useEffect, useState } from 'react';
import type { Mark } from '../../electron/core/api/contract.ts';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { KeyCap } from '../components/Glyphs.tsx';
import { Filmstrip } from '../components/Filmstrip.tsx';
import { KeysOverlay } from '../components/KeysOverlay.tsx';
import { MediaNotice } from '../components/MediaNotice.tsx';
import { SegmentClock, TransportBar, Video } from '../components/Player.tsx';
import { ReferenceCard } from '../components/ReferenceCard.tsx';
import { GridLegend, ScoresheetGrid } from '../components/ScoresheetGrid.tsx';
import { SegmentPanel } from '../components/SegmentPanel.tsx';
import { SessionBar } from '../components/SessionBar.tsx';
import { Waveform } from '../components/Waveform.tsx';
import { WhoseCoding } from '../components/WhoseCoding.tsx';
import { useWindowKeys } from '../hooks/useWindowKeys.ts';
import { handleCodingKey } from '../keys/dispatch.ts';
import { formatMarkTime } from '../format.ts';
import { MOD_LABEL } from '../keys/keycodes.ts';
import { loadKeyboardLayout } from '../keys/layout.ts';
import type { Bindings } from '../keys/keymap.ts';
import { readiness } from '../media.ts';
import { unwatchedSegments } from '../picture.ts';
import { useCoding } from '../state/coding.ts';
import { useBindings } from '../state/keymap.ts';
import { useMediaInfo, usePlayerFps } from '../state/media.ts';
import { usePlayer } from '../state/player.ts';
import { useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';
import './CodingScreen.css';

// Stable empties for selectors: a new [] on every call would make a subscribed component render forever.
const NO_NUMBERS: number[] = [];
const NO_MARKS: Mark[] = [];

/** The sound and marks of the segment under the playhead. */
function SegmentWaveform() {
  const marks = useCoding((s) => s.view?.marks ?? NO_MARKS);
  const waveform = useMediaInfo().info?.waveform ?? null;
  const segment = usePlayer((s) => s.segments[s.segment]);
  const currentMs = usePlayer((s) => s.currentMs);
  const seek = usePlayer((s) => s.seek);
  if (!segment) return null;
  return (
    <Waveform
      peaks={waveform?.peaks ?? null}
      bucketsPerSecond={waveform?.bucketsPerSecond ?? 1}
      startMs={segment.startMs}
      endMs={segment.endMs}
      ticks={marks}
      currentMs={currentMs}
      onSeek={seek}
    />
  );
}

/** Pictures across the segment under the playhead, once the filmstrip is made. */
function SegmentFilmstrip() {
  const thumbnails = useMediaInfo().info?.thumbnails ?? null;
  const segment = usePlayer((s) => s.segments[s.segment]);
  const currentMs = usePlayer((s) => s.currentMs);
  const seek = usePlayer((s) => s.seek);
  if (!segment || !thumbnails) return null;
  return <Filmstrip thumbnails={thumbnails} startMs={segment.startMs} endMs={segment.endMs} currentMs={currentMs} onSeek={seek} />;
}

/** The video, or why it does not play and what to do about it. */
function RecordingPlayer({ recording }: { recording: string }) {
  const { info, loading, error } = useMediaInfo();
  usePlayerFps(info);
  const state = info ? readiness(info) : null;
  return (
    <Video src={info && state === 'ready' ? info.url : null} audioOnly={info?.audioOnly ?? false}>
      {error ? (
        <p>{error.message}</p>
      ) : !state ? (
        <p>{loading ? 'Loading the recording…' : ''}</p>
      ) : (
        <MediaNotice recording={recording} state={state} />
      )}
    </Video>
  );
}

/** Writes answered sooner than this never show "Saving…": it would only flicker, and cost a frame before the mark paints. */
const SAVING_AFTER_MS = 300;

/** True once `on` has lasted `ms`, false as soon as it ends. */
function useLasting(on: boolean, ms: number): boolean {
  const [lasting, setLasting] = useState(false);
  useEffect(() => {
    if (!on) return;
    const timer = setTimeout(() => setLasting(true), ms);
    return () => {
      clearTimeout(timer);
      setLasting(false);
    };
  }, [on, ms]);
  return on && lasting;
}

/** Says when a write takes long, and that what is shown is saved. */
function SaveState() {
  const slow = useLasting(
    useCoding((s) => s.pending > 0),
    SAVING_AFTER_MS,
  );
  const saved = useCoding((s) => s.saved);
  if (slow) return <span className="save-state saving">Saving…</span>;
  return saved > 0 ? <span className="save-state saved">✓ Saved</span> : null;
}

/** Offers the global ratings once the playhead reaches the last segment or every segment was watched. */
function RatingsOffer() {
  const view = useCoding((s) => s.view);
  const atLast = usePlayer((s) => s.segments.length > 0 && s.segment === s.segments.length - 1);
  const openRatings = useUi((s) => s.openRatings);
  if (!view) return null;
  const unwatched = unwatchedSegments(view);
  if (view.scoresheet.state === 'complete') {
    return (
      <p className="banner done" role="status">
        This coding is complete and read-only. It can be reopened under Status in the global ratings: by its coder until a lead has used it (compared,
        exported or built a consensus from it), by a lead at any time.
      </p>
    );
  }
  if (!atLast && unwatched.length > 0) return null;
  return (
    <p className="banner offer" role="status">
      <span>
        {unwatched.length === 0 ? 'Every segment is watched.' : 'Last segment.'} When you have seen the whole session, make the global ratings.
      </span>
      <button type="button" className="primary small" onClick={openRatings}>
        Global ratings <KeyCap>{`${MOD_LABEL}+Enter`}</KeyCap>
      </button>
    </p>
  );
}

/** The last refusal or failure, from the core or the player, until the coder dismisses it or the next write succeeds. */
function CodingError() {
  const error = useCoding((s) => s.error);
  const dismissCoding = useCoding((s) => s.dismissError);
  const playerError = usePlayer((s) => s.error);
  const dismissPlayer = usePlayer((s) => s.dismissError);
  const message = error?.message ?? playerError;
  if (!message) return null;
  return (
    <div className="toast" role="alert">
      <p>{message}</p>
      <button type="button" className="quiet small" onClick={error ? dismissCoding : dismissPlayer}>
        Dismiss
      </button>
    </div>
  );
}

/** Says where the next mark goes while the late-mark key has sent it back into the previous segment. */
function LateMarkNotice() {
  const late = useUi((s) => s.lateMark);
  if (!late) return null;
  return (
    <p className="banner offer late-mark" role="status">
      The next mark goes into segment {late.segment + 1}, at {formatMarkTime(late.timeMs)}. <KeyCap>Esc</KeyCap> cancels.
    </p>
  );
}

/** The session strip with the coding's marks and watched segments. */
function SessionMarks() {
  const marks = useCoding((s) => s.view?.marks ?? NO_MARKS);
  const watched = useCoding((s) => s.view?.watched ?? NO_NUMBERS);
  const played = useCoding((s) => s.view?.played ?? NO_NUMBERS);
  return <SessionBar marks={marks} watched={watched} played={played} />;
}

/** The coding's scoresheet; only it and the pieces below re-render for a new mark, not the whole workstation. */
function CodingGrid({ scheme, bindings }: { scheme: Scheme; bindings: Bindings }) {
  const sheet = useCoding((s) => s.view?.scoresheet);
  const watched = useCoding((s) => s.view?.watched ?? NO_NUMBERS);
  const loading = useCoding((s) => s.loading);
  if (!sheet) return <p className="muted">{loading ? 'Loading the scoresheet…' : ''}</p>;
  return (
    <>
      <ScoresheetGrid scheme={scheme} sheet={sheet} watched={watched} bindings={bindings} />
      <GridLegend />
    </>
  );
}

function Workstation({ scheme, recording }: { scheme: Scheme; recording: string }) {
  const overlay = useUi((s) => s.overlay);
  const bindings = useBindings(scheme);
  useWindowKeys((event) => handleCodingKey(event, scheme));
  useEffect(() => void loadKeyboardLayout(), []);

  return (
    <>
      <div className="coding-media">
        <RecordingPlayer recording={recording} />
        <SessionMarks />
        <TransportBar />
        <LateMarkNotice />
        <SegmentFilmstrip />
        <SegmentWaveform />
        <SegmentPanel scheme={scheme} />
      </div>
      <div className="coding-sheet">
        <WhoseCoding />
        <RatingsOffer />
        <CodingGrid scheme={scheme} bindings={bindings} />
        <ReferenceCard scheme={scheme} bindings={bindings} />
      </div>
      <CodingError />
      {overlay === 'keys' && <KeysOverlay scheme={scheme} bindings={bindings} />}
    </>
  );
}

export function CodingScreen() {
  const recording = useUi((s) => s.recording);
  const scheme = useStudy((s) => s.scheme);
  const openRatings = useUi((s) => s.openRatings);
  const toggleKeys = useUi((s) => s.toggleKeys);
  if (!recording || !scheme) return null;
  return (
    <ScreenLayout
      page="Coding"
      recording={recording}
      className="coding"
      status={
        <>
          <SegmentClock />
          <SaveState />
        </>
      }
      actions={
        <>
          <button type="button" className="quiet" onClick={toggleKeys} title="Show every key (?)">
            Keys <KeyCap>?</KeyCap>
          </button>
          <button type="button" onClick={openRatings}>
            Global ratings →
          </button>
        </>
      }
      main="coding-layout"
    >
      <Workstation scheme={scheme} recording={recording} />
    </ScreenLayout>
  );
}
