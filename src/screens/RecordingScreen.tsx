import type { CodingView, Scheme } from '../../electron/core/api/contract.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SelectField } from '../components/Field.tsx';
import { ClarityGlyph, CodeChip } from '../components/Glyphs.tsx';
import { MediaState } from '../components/MediaState.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { PageHead, ScreenLayout } from '../components/ScreenLayout.tsx';
import { SessionPicture } from '../components/SessionPicture.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { WarningList } from '../components/WarningList.tsx';
import { formatDuration, formatSegmentLength } from '../format.ts';
import { readiness } from '../media.ts';
import { evidenceFor } from '../picture.ts';
import { useCoding } from '../state/coding.ts';
import { useCompare } from '../state/compare.ts';
import { useMediaInfo } from '../state/media.ts';
import { usePlayer } from '../state/player.ts';
import { seesOthers, useStudy } from '../state/study.ts';
import { useTraining } from '../state/training.ts';
import { useUi } from '../state/ui.ts';
import './RecordingScreen.css';

/** Each marked code with its number of marks, the segments it is in and its strongest clarity. */
function MarkerTally({ view, scheme }: { view: CodingView; scheme: Scheme }) {
  const counts = new Map<string, number>();
  for (const m of view.marks) counts.set(m.code, (counts.get(m.code) ?? 0) + 1);
  const coded = scheme.codes.filter((c) => counts.has(c.id));
  if (coded.length === 0) return <p className="empty small">Nothing marked yet.</p>;
  return (
    <ul className="marker-tally">
      {coded.map((c) => {
        const evidence = evidenceFor(view, scheme, { code: c.id });
        const marks = counts.get(c.id)!;
        return (
          <li key={c.id}>
            <CodeChip code={c.id} category={c.category} />
            <span className="tally-name" title={c.name}>
              {c.shortName}
            </span>
            <span className="tally-count">
              {marks} mark{marks === 1 ? '' : 's'} · {evidence?.segments} seg {evidence?.clarity && <ClarityGlyph clarity={evidence.clarity} />}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The four overall ratings and how many of all the items are rated. */
function OverallRatings({ view, scheme }: { view: CodingView; scheme: Scheme }) {
  const ratings = view.scoresheet.ratings;
  const overall = scheme.ratingItems.filter((i) => i.code === undefined);
  const rated = scheme.ratingItems.filter((i) => ratings[i.id] !== undefined).length;
  return (
    <>
      <dl className="overall-ratings">
        {overall.map((item) => (
          <div key={item.id} className="contents">
            <dt>{item.label}</dt>
            <dd className={ratings[item.id] === undefined ? 'unrated' : undefined}>{ratings[item.id] ?? '—'}</dd>
          </div>
        ))}
      </dl>
      <ProgressBar value={rated} max={scheme.ratingItems.length} label="Global ratings made" />
      <p className="muted small">
        {rated} of {scheme.ratingItems.length} items rated
      </p>
    </>
  );
}

/** Leads choose whose coding the page shows; coders see only their own while coding is blind. */
function CoderChooser({ recording }: { recording: string }) {
  const coders = useStudy((s) => s.coders);
  const me = useStudy((s) => s.coder);
  const viewing = useCoding((s) => s.viewing);
  const openRecording = useUi((s) => s.openRecording);
  const others = useStudy(seesOthers);
  if (!me || !others) return null;
  return (
    <SelectField
      label="Coding of"
      inline
      value={viewing ?? me.code}
      onChange={(coder) => openRecording(recording, coder)}
      choices={coders.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}${c.code === me.code ? ' (you)' : ''}` }))}
    />
  );
}

export function RecordingScreen() {
  const recording = useUi((s) => s.recording);
  const startCoding = useUi((s) => s.startCoding);
  const openRatings = useUi((s) => s.openRatings);
  const scheme = useStudy((s) => s.scheme);
  const me = useStudy((s) => s.coder);
  const others = useStudy(seesOthers);
  const view = useCoding((s) => s.view);
  const viewing = useCoding((s) => s.viewing);
  const editable = useCoding((s) => s.editable);
  const openCompare = useCompare((s) => s.open);
  const openTraining = useTraining((s) => s.open);
  const loading = useCoding((s) => s.loading);
  const error = useCoding((s) => s.error);
  const reopen = useCoding((s) => s.reopen);
  const seek = usePlayer((s) => s.seek);
  const media = useMediaInfo().info;
  if (!recording) return null;
  const mediaState = media ? readiness(media) : null;

  const sheet = view?.scoresheet;
  const rated = sheet ? Object.keys(sheet.ratings).length : 0;
  const items = scheme?.ratingItems.length ?? 0;
  const own = viewing === null;
  // While coding is blind, a coder sees a reference only once their own coding is signed off.
  const trainingWaits = !others && sheet?.state !== 'complete';

  const codeFrom = (segment: number) => {
    const start = sheet?.segments[segment]?.startMs;
    if (!own || start === undefined) return;
    startCoding();
    seek(start);
  };

  return (
    <ScreenLayout page={recording}>
      <PageHead
        id="recording-heading"
        title={recording}
        titleClassName="code"
        facts={
          sheet && (
            <>
              <span>{formatDuration(sheet.durationMs)}</span>
              <span>
                {sheet.segments.length} segments of {formatSegmentLength(sheet.segmentSeconds)}
              </span>
              <span>
                {view.marks.length} mark{view.marks.length === 1 ? '' : 's'}
              </span>
              <span>
                {rated}/{items} ratings
              </span>
              {mediaState && <MediaState state={mediaState} recording={recording} />}
              <StatusBadge state={sheet.state} />
            </>
          )
        }
      >
        <div className="head-actions">
          <CoderChooser recording={recording} />
          {others && (
            <button type="button" onClick={() => openCompare(recording)}>
              Compare codings
            </button>
          )}
          <button
            type="button"
            onClick={() => openTraining(recording)}
            disabled={trainingWaits}
            title={
              trainingWaits
                ? 'Mark your coding complete first: the check shows the reference’s marks, and your coding must be all your own before you see them.'
                : undefined
            }
          >
            Training check
          </button>
          {editable && (
            <button type="button" className="primary" onClick={startCoding}>
              Edit the consensus coding
            </button>
          )}
          {/* A coder takes back their own sign-off until the coding is used; a lead reopens any. */}
          {sheet?.state === 'complete' && me && (me.role === 'lead' || (own && view?.signOff.usedAt === null)) && (
            <button type="button" onClick={() => void reopen()}>
              Reopen {viewing ?? me.code}’s coding
            </button>
          )}
          {own && (
            <>
              <button type="button" onClick={openRatings}>
                Global ratings
              </button>
              <button type="button" className="primary" onClick={startCoding} autoFocus>
                {sheet?.state === 'not-started' ? 'Start coding' : 'Code this session'}
              </button>
            </>
          )}
        </div>
      </PageHead>
      <ErrorAlert error={error} />
      {loading && <p className="muted">Loading the coding…</p>}
      {view && scheme && sheet && (
        <>
          <section className="card" aria-labelledby="picture-heading">
            <div className="card-head">
              <h2 id="picture-heading">Session picture{own ? '' : ` — ${viewing}`}</h2>
              <p className="muted small">
                Colour depth shows how much was marked in each segment (a check counts double a check-minus); the number is how many marks.
                {own && ' Click a segment to code from there.'}
              </p>
            </div>
            <SessionPicture view={view} scheme={scheme} onSelect={own ? codeFrom : undefined} />
          </section>
          <div className="recording-cards">
            <section className="card" aria-labelledby="markers-heading">
              <h2 id="markers-heading">Markers</h2>
              <MarkerTally view={view} scheme={scheme} />
            </section>
            <section className="card" aria-labelledby="overall-heading">
              <h2 id="overall-heading">Global ratings</h2>
              <OverallRatings view={view} scheme={scheme} />
            </section>
            <section className="card" aria-labelledby="checks-heading">
              <h2 id="checks-heading">Checks</h2>
              <WarningList warnings={sheet.warnings} empty="Nothing to check in this coding." />
            </section>
          </div>
        </>
      )}
    </ScreenLayout>
  );
}
