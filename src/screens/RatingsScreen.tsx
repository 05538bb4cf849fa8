import { useEffect, useRef } from 'react';
import type { CodingView, Scheme } from '../../electron/core/api/contract.ts';
import type { RatingItemDef } from '../../electron/core/scheme/types.ts';
import { ClarityGlyph, KeyCap } from '../components/Glyphs.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { SignOffCard } from '../components/SignOffCard.tsx';
import { WarningList } from '../components/WarningList.tsx';
import { WhoseCoding } from '../components/WhoseCoding.tsx';
import { useWindowKeys } from '../hooks/useWindowKeys.ts';
import { handleRatingsKey, ratingsLock } from '../keys/ratings.ts';
import { evidenceFor, segmentList, unwatchedSegments } from '../picture.ts';
import { scaleOf } from '../scales.ts';
import { useCoding } from '../state/coding.ts';
import { useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';
import './RatingsScreen.css';

interface Group {
  title: string;
  items: { item: RatingItemDef; index: number }[];
}

/** The scheme's items in its order, grouped as on the paper form: per-marker significance by category, then the overall ratings. */
function groupsOf(scheme: Scheme): Group[] {
  const indexed = scheme.ratingItems.map((item, index) => ({ item, index }));
  const byCategory = scheme.categories.map((c) => ({
    title: `${c.name}: significance`,
    items: indexed.filter(({ item }) => item.code !== undefined && item.category === c.id),
  }));
  return [...byCategory, { title: 'Overall', items: indexed.filter(({ item }) => item.code === undefined) }];
}

/** Where the item was marked: context for the rating, never its measure (significance is not frequency). */
function Evidence({ view, scheme, item }: { view: CodingView; scheme: Scheme; item: RatingItemDef }) {
  const evidence = evidenceFor(view, scheme, item);
  if (!evidence) return <span className="evidence" />;
  if (evidence.segments === 0) return <span className="evidence none">not marked</span>;
  return (
    <span
      className="evidence"
      title={`Context: marked in ${evidence.segments} segment${evidence.segments === 1 ? '' : 's'}, strongest clarity ${evidence.clarity}. How often is not how significant.`}
    >
      {evidence.segments} seg {evidence.clarity && <ClarityGlyph clarity={evidence.clarity} />}
    </span>
  );
}

/** The offer N makes: the marker types never marked, to be rated 1, listed before anything changes. */
function UnmarkedProposal({ items }: { items: string[] }) {
  const propose = useUi((s) => s.proposeUnmarked);
  const setRatings = useCoding((s) => s.setRatings);
  const apply = () => {
    propose(null);
    if (items.length > 0) void setRatings(items.map((item) => ({ item, value: 1 })));
  };
  return (
    <div className="banner offer unmarked-proposal" role="dialog" aria-label="Rate the types never marked">
      {items.length === 0 ? (
        <span>Every marker type never marked in this session is already rated 1.</span>
      ) : (
        <span>
          Rate {items.length === 1 ? 'this type' : `these ${items.length} types`}, never marked in this session, 1 (not significant):{' '}
          <strong>{items.join(', ')}</strong>.
        </span>
      )}
      <span className="proposal-actions">
        {items.length > 0 && (
          <button type="button" className="primary small" onClick={apply}>
            Rate 1 <KeyCap>Enter</KeyCap>
          </button>
        )}
        <button type="button" className="small" onClick={() => propose(null)}>
          {items.length > 0 ? 'Cancel' : 'Close'} <KeyCap>Esc</KeyCap>
        </button>
      </span>
    </div>
  );
}

/** Ratings made before the whole session was watched stay flagged until the coder has looked at them again. */
function EarlyRatings({ view, unwatched }: { view: CodingView; unwatched: number }) {
  const confirm = useCoding((s) => s.confirmRatingsReviewed);
  if (view.earlyRatings.length === 0) return null;
  return (
    <p className="banner caution early-ratings" role="status">
      <span>
        Rated before the whole session was watched: <strong>{view.earlyRatings.join(', ')}</strong>.{' '}
        {unwatched > 0 ? 'Watch the rest, then review them.' : 'Review them now: rate again any that should change, or confirm them as they stand.'}
      </span>
      {unwatched === 0 && (
        <button type="button" className="small" onClick={() => void confirm()}>
          Reviewed, keep them
        </button>
      )}
    </p>
  );
}

interface RatingRowProps {
  item: RatingItemDef;
  index: number;
  focused: boolean;
  /** The coding cannot change (signed off, or someone else's): its values show, nothing offers to change them. */
  readOnly: boolean;
  view: CodingView;
  scheme: Scheme;
}

function RatingRow({ item, index, focused, readOnly, view, scheme }: RatingRowProps) {
  const early = view.earlyRatings.includes(item.id);
  const setRatingIndex = useUi((s) => s.setRatingIndex);
  const setRating = useCoding((s) => s.setRating);
  const clearRating = useCoding((s) => s.clearRating);
  const row = useRef<HTMLLIElement>(null);
  const value = view.scoresheet.ratings[item.id];
  const scale = scaleOf(scheme, item);
  useEffect(() => {
    if (focused) row.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);
  const values = scale ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i) : [];
  return (
    <li
      ref={row}
      className={`rating-row${focused ? ' focused' : ''}${value === undefined ? ' unrated' : ''}${readOnly ? ' read-only' : ''}${item.category ? ` cat-${item.category}` : ''}`}
      aria-current={focused ? 'true' : undefined}
      onClick={() => setRatingIndex(index)}
    >
      <span className="rating-id">{item.code ?? ''}</span>
      <span className="rating-label">
        {item.label}
        {early && (
          <span className="early-flag" title="Rated before the whole session was watched: review it">
            rated early
          </span>
        )}
      </span>
      <Evidence view={view} scheme={scheme} item={item} />
      <span className="rating-values" role="radiogroup" aria-label={item.label} aria-disabled={readOnly || undefined}>
        {values.map((v) => (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={value === v}
            className={`rating-value${value === v ? ' chosen' : ''}${scale?.anchorAt === v ? ' anchor' : ''}`}
            disabled={readOnly}
            onClick={() => {
              setRatingIndex(index);
              void setRating(item.id, v);
            }}
            tabIndex={-1}
          >
            {v}
          </button>
        ))}
      </span>
      <button
        type="button"
        className="rating-clear"
        aria-label={`Clear ${item.label}`}
        title="Clear (Delete)"
        disabled={readOnly || value === undefined}
        onClick={() => void clearRating(item.id)}
        tabIndex={-1}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </li>
  );
}

function ScaleCard({ scheme, item, value }: { scheme: Scheme; item: RatingItemDef; value: number | undefined }) {
  const scale = scaleOf(scheme, item);
  if (!scale) return null;
  return (
    <section className="panel scale-card" aria-labelledby="scale-heading">
      <h2 id="scale-heading">{item.label}</h2>
      <p className="muted small">
        {scale.name}
        {scale.anchorAt !== undefined && ` — start from ${scale.anchorAt} and move up or down`}
      </p>
      <ol className="anchors">
        {scale.anchors.map((a) => (
          <li key={a.value} className={a.value === value ? 'chosen' : undefined}>
            <KeyCap>{String(a.value)}</KeyCap>
            <div>
              <strong>{a.label}</strong>
              <p className="small">{a.description}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function RatingsScreen() {
  const recording = useUi((s) => s.recording);
  const index = useUi((s) => s.ratingIndex);
  const setRatingIndex = useUi((s) => s.setRatingIndex);
  const startCoding = useUi((s) => s.startCoding);
  const scheme = useStudy((s) => s.scheme);
  const view = useCoding((s) => s.view);
  const lock = useCoding(ratingsLock);
  const proposal = useUi((s) => s.unmarkedProposal);
  useWindowKeys((event) => (scheme ? handleRatingsKey(event, scheme) : false));
  if (!recording || !scheme) return null;

  const focused = scheme.ratingItems[Math.min(index, scheme.ratingItems.length - 1)]!;
  const sheet = view?.scoresheet;
  const rated = sheet ? scheme.ratingItems.filter((i) => sheet.ratings[i.id] !== undefined).length : 0;
  const unwatched = view ? unwatchedSegments(view) : [];
  const jumpTo = (item: string) => {
    const at = scheme.ratingItems.findIndex((i) => i.id === item);
    if (at >= 0) setRatingIndex(at);
  };

  return (
    <ScreenLayout
      page="Global ratings"
      recording={recording}
      status={
        <span className="rated-count">
          <strong>{rated}</strong> of {scheme.ratingItems.length} rated
        </span>
      }
      back={{ label: 'Back to coding', onClick: startCoding }}
      main="ratings-layout"
    >
      {view && sheet && (
        <>
          <div className="ratings-main">
            <WhoseCoding />
            {unwatched.length > 0 && (
              <p className="banner caution" role="status">
                <span>
                  Not watched yet: segment{unwatched.length === 1 ? '' : 's'} {segmentList(unwatched)}. Global ratings belong after the whole session
                  has been seen.
                </span>
                <button type="button" className="small" onClick={startCoding}>
                  Back to coding
                </button>
              </p>
            )}
            {lock ? (
              <p className="ratings-help read-only-note small">
                <strong>Read-only:</strong>{' '}
                {lock === 'complete' ? 'this coding is signed off, so its ratings can no longer change.' : 'this is another coder’s coding.'}{' '}
                <KeyCap>↑</KeyCap> <KeyCap>↓</KeyCap> still move through the items to read their scales.
              </p>
            ) : (
              <>
                <p className="ratings-principle">
                  Rate how much each type mattered to the alliance in this session, not how often it occurred: one large rupture can matter more than
                  many small ones.
                </p>
                <p className="ratings-help muted small">
                  <KeyCap>↑</KeyCap> <KeyCap>↓</KeyCap> move · <KeyCap>1</KeyCap>–<KeyCap>5</KeyCap> rate and go to the next · <KeyCap>Delete</KeyCap>{' '}
                  clear · <KeyCap>Home</KeyCap> <KeyCap>End</KeyCap> first, last · <KeyCap>N</KeyCap> rate every type never marked 1 (shown first).
                  Beside each marker, as context only: the segments it was marked in and its strongest clarity.
                </p>
              </>
            )}
            {proposal && <UnmarkedProposal items={proposal} />}
            <EarlyRatings view={view} unwatched={unwatched.length} />
            {groupsOf(scheme).map((group) => (
              <section key={group.title} className="rating-group" aria-label={group.title}>
                <h2>{group.title}</h2>
                <ol>
                  {group.items.map(({ item, index: i }) => (
                    <RatingRow key={item.id} item={item} index={i} focused={i === index} readOnly={lock !== null} view={view} scheme={scheme} />
                  ))}
                </ol>
              </section>
            ))}
          </div>
          <aside className="ratings-side">
            <ScaleCard scheme={scheme} item={focused} value={sheet.ratings[focused.id]} />
            <section className="panel" aria-labelledby="ratings-checks-heading">
              <h2 id="ratings-checks-heading">Checks</h2>
              <WarningList warnings={sheet.warnings} onItem={jumpTo} empty="Nothing to check." />
            </section>
            <SignOffCard view={view} scheme={scheme} />
          </aside>
        </>
      )}
    </ScreenLayout>
  );
}
