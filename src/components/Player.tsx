import { useCallback, type ReactNode } from 'react';
import { formatClock, formatDuration, formatRate } from '../format.ts';
import { RATES, SEEK_STEP_MS, usePlayer } from '../state/player.ts';
import { usePrefs } from '../state/prefs.ts';
import { KeyCap } from './Glyphs.tsx';
import { Icon, type IconName } from './Icon.tsx';
import './Player.css';

/** The recording's picture and sound; the player slice drives it. Without a source it shows `children` (why, and what to do). */
export function Video({ src, audioOnly = false, children }: { src: string | null; audioOnly?: boolean; children?: ReactNode }) {
  const attach = usePlayer((s) => s.attach);
  // A callback ref: the slice gets the element as soon as it exists and null when it goes.
  const ref = useCallback((el: HTMLVideoElement | null) => attach(el), [attach]);
  return (
    <div className={`video-frame${audioOnly && src ? ' audio-only' : ''}`}>
      {src ? (
        <video ref={ref} src={src} preload="auto" playsInline aria-label="Session recording" />
      ) : (
        <div className="video-missing" role="status">
          <span className="video-missing-icon" aria-hidden="true">
            <Icon name="play" />
          </span>
          {children}
        </div>
      )}
      {audioOnly && src && <p className="audio-label">Audio only: no picture in this recording</p>}
    </div>
  );
}

/** Where the playhead is: segment, its span, time left in it, and the clock. Always on screen. */
export function SegmentClock() {
  const currentMs = usePlayer((s) => s.currentMs);
  const durationMs = usePlayer((s) => s.durationMs);
  const segment = usePlayer((s) => s.segments[s.segment]);
  const count = usePlayer((s) => s.segments.length);
  if (!segment) return null;
  return (
    <div className="segment-clock" role="group" aria-label="Playhead">
      <span className="seg-badge">
        Segment <strong>{segment.index + 1}</strong>
        <span className="muted"> of {count}</span>
      </span>
      <span className="seg-range">
        {formatDuration(segment.startMs)}–{formatDuration(segment.endMs)}
      </span>
      <span className="seg-left" title="Time left in this segment">
        {formatDuration(Math.max(0, segment.endMs - currentMs))} left
      </span>
      <span className="clock" title="Playhead / recording length">
        {formatClock(currentMs)}
        <span className="muted"> / {formatDuration(durationMs)}</span>
      </span>
    </div>
  );
}

function TransportButton({ label, keys, onClick, icon, text }: { label: string; keys: string; onClick(): void; icon: IconName; text?: string }) {
  return (
    <button type="button" className="transport-button" aria-label={label} title={`${label} (${keys})`} onClick={onClick}>
      <Icon name={icon} />
      {text && (
        <span className="transport-text" aria-hidden="true">
          {text}
        </span>
      )}
    </button>
  );
}

/** A select's own keys: ↑/↓ choose; any other key is the coding screen's (a marker key must never type-ahead into it). */
const SELECT_KEYS = new Set(['ArrowUp', 'ArrowDown', 'Tab']);

/** Buttons for everything the transport keys do, each naming its key. */
export function TransportBar() {
  const playing = usePlayer((s) => s.playing);
  const speed = usePlayer((s) => s.speed);
  const rate = usePlayer((s) => s.rate);
  const pauseAtEnd = usePrefs((s) => s.pauseAtSegmentEnd);
  const setPauseAtEnd = usePrefs((s) => s.setPauseAtSegmentEnd);
  const p = usePlayer.getState;
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <TransportButton label="Start of segment / previous segment" keys="[" onClick={() => p().previousSegment()} icon="segment-previous" />
      <TransportButton label="Back 5 seconds" keys="←" onClick={() => p().seekBy(-SEEK_STEP_MS)} icon="seek-back" text="5" />
      <TransportButton label="Back one frame" keys="Shift+←" onClick={() => p().stepFrames(-1)} icon="frame-back" />
      <button
        type="button"
        className="transport-button play"
        aria-label={playing ? 'Pause' : 'Play'}
        title={`${playing ? 'Pause' : 'Play'} (Space)`}
        onClick={() => p().togglePlay()}
      >
        <Icon name={playing || speed < 0 ? 'pause' : 'play'} />
      </button>
      <TransportButton label="Forward one frame" keys="Shift+→" onClick={() => p().stepFrames(1)} icon="frame-forward" />
      <TransportButton label="Forward 5 seconds" keys="→" onClick={() => p().seekBy(SEEK_STEP_MS)} icon="seek-forward" text="5" />
      <TransportButton label="Next segment" keys="]" onClick={() => p().nextSegment()} icon="segment-next" />
      <span className={`shuttle${speed !== 0 && speed !== rate ? ' active' : ''}`} aria-live="polite">
        {speed < 0 ? `◂◂ ${formatRate(-speed)}` : speed > 0 && speed !== rate ? `▸▸ ${formatRate(speed)}` : ''}
      </span>
      <label className="rate" title="Playback speed (- and =)">
        <span>Speed</span>
        <select
          value={rate}
          onChange={(e) => {
            p().setRate(Number(e.target.value));
            // Back to the player: the next key is a coding key again, whatever the select would make of it.
            e.currentTarget.blur();
          }}
          onKeyDown={(e) => {
            if (!SELECT_KEYS.has(e.key)) e.preventDefault();
          }}
        >
          {RATES.map((r) => (
            <option key={r} value={r}>
              {formatRate(r)}
            </option>
          ))}
        </select>
      </label>
      <label className="pause-at-end" title="Stop on the last moment of each segment, so its marks are made before the next one starts">
        <input type="checkbox" aria-label="Pause at the end of each segment" checked={pauseAtEnd} onChange={(e) => setPauseAtEnd(e.target.checked)} />
        <span aria-hidden="true">Pause at ends</span>
      </label>
      <span className="transport-hint">
        <KeyCap>J</KeyCap>
        <KeyCap>K</KeyCap>
        <KeyCap>L</KeyCap> shuttle
      </span>
    </div>
  );
}
