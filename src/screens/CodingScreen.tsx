import { useMemo } from 'react';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { AppBar } from '../components/AppBar.tsx';
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
import { MOD_LABEL } from '../keys/keycodes.ts';
import { readiness } from '../media.ts';
import { unwatchedSegments } from '../picture.ts';
import { useCoding } from '../state/coding.ts';
import { useBindings } from '../state/keymap.ts';
import { useMedia } from '../state/media.ts';
import { usePlayer } from '../state/player.ts';
import { useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';

/** The sound and marks of the segment under the playhead. */
function SegmentWaveform() {
  const marks = useCoding((s) => s.view?.marks);
  const waveform = useMedia((s) => s.info?.waveform ?? null);
  const segment = usePlayer((s) => s.segments[s.segment]);
  const currentMs = usePlayer((s) => s.currentMs);
  const seek = usePlayer((s) => s.seek);
  const ticks = useMemo(() => (marks ?? []).map(({ id, timeMs, category }) => ({ id, timeMs, category })), [marks]);
  if (!segment) return null;
  return (
    <Waveform
      peaks={waveform?.peaks ?? null}
      bucketsPerSecond={waveform?.bucketsPerSecond ?? 1}
      startMs={segment.startMs}
      endMs={segment.endMs}
      ticks={ticks}
      currentMs={currentMs}
      onSeek={seek}
    />
  );
}

/** Pictures across the segment under the playhead, once the filmstrip is made. */
function SegmentFilmstrip() {
  const thumbnails = useMedia((s) => s.info?.thumbnails ?? null);
  const segment = usePlayer((s) => s.segments[s.segment]);
  const currentMs = usePlayer((s) => s.currentMs);
  const seek = usePlayer((s) => s.seek);
  if (!segment || !thumbnails) return null;
  return <Filmstrip thumbnails={thumbnails} startMs={segment.startMs} endMs={segment.endMs} currentMs={currentMs} onSeek={seek} />;
}

/** The video, or why it does not play and what to do about it. */
function RecordingPlayer({ recording }: { recording: string }) {
  const info = useMedia((s) => s.info);
  const loading = useMedia((s) => s.loading);
  const error = useMedia((s) => s.error);
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

function SaveState() {
  const pending = useCoding((s) => s.pending);
  const saved = useCoding((s) => s.saved);
  if (pending > 0) return <span className="save-state saving">Saving…</span>;
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
        This coding is complete and read-only. A lead can reopen it from the recording’s page.
      </p>
    );
  }
  if (!atLast && unwatched.length > 0) return null;
  return (
    <p className="banner offer" role="status">
      <span>{unwatched.length === 0 ? 'Every segment is watched.' : 'Last segment.'} When you have seen the whole session, make the global ratings.</span>
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

function Workstation({ scheme, recording }: { scheme: Scheme; recording: string }) {
  const view = useCoding((s) => s.view);
  const loading = useCoding((s) => s.loading);
  const overlay = useUi((s) => s.overlay);
  const bindings = useBindings(scheme);
  useWindowKeys((event) => handleCodingKey(event, scheme));

  return (
    <main className="coding-layout">
      <div className="coding-media">
        <RecordingPlayer recording={recording} />
        <SessionBar marks={view?.marks ?? []} watched={view?.watched ?? []} />
        <TransportBar />
        <SegmentFilmstrip />
        <SegmentWaveform />
        <SegmentPanel scheme={scheme} />
      </div>
      <div className="coding-sheet">
        <WhoseCoding />
        <RatingsOffer />
        {view ? (
          <>
            <ScoresheetGrid scheme={scheme} sheet={view.scoresheet} watched={view.watched} bindings={bindings} />
            <GridLegend />
          </>
        ) : (
          <p className="muted">{loading ? 'Loading the scoresheet…' : ''}</p>
        )}
        <ReferenceCard scheme={scheme} bindings={bindings} />
      </div>
      <CodingError />
      {overlay === 'keys' && <KeysOverlay scheme={scheme} bindings={bindings} />}
    </main>
  );
}

export function CodingScreen() {
  const recording = useUi((s) => s.recording);
  const scheme = useStudy((s) => s.scheme);
  const fileName = useStudy((s) => s.info?.path.split(/[\\/]/).pop() ?? 'Study');
  const goHome = useUi((s) => s.goHome);
  const openRecording = useUi((s) => s.openRecording);
  const openRatings = useUi((s) => s.openRatings);
  const toggleKeys = useUi((s) => s.toggleKeys);
  if (!recording || !scheme) return null;
  return (
    <div className="screen coding">
      <AppBar crumbs={[{ label: fileName, onClick: goHome }, { label: recording, onClick: () => openRecording(recording) }, { label: 'Coding' }]}>
        <SegmentClock />
        <SaveState />
        <span className="appbar-actions">
          <button type="button" className="quiet" onClick={toggleKeys} title="Show every key (?)">
            Keys <KeyCap>?</KeyCap>
          </button>
          <button type="button" onClick={openRatings}>
            Global ratings →
          </button>
        </span>
      </AppBar>
      <Workstation scheme={scheme} recording={recording} />
    </div>
  );
}
