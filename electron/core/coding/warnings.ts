// The manual's consistency rules as warnings over one coding. Pure: the caller gathers the data.
// Warnings never block a write; each message says what to check.

import { isRuptureCategory, ratingItemIds, type RatingItemDef, type Scheme } from '../scheme/index.ts';
import type { Mark } from './events-store.ts';
import { segmentContaining, type Segment } from './segments.ts';

export type WarningRule =
  | 'resolution-without-rupture'
  | 'overall-order'
  | 'overall-without-markers'
  | 'overall-below-significance'
  | 'uncoded-significance'
  | 'minor-session-resolution'
  | 'rated-before-watched'
  | 'ratings-incomplete';

export interface Warning {
  rule: WarningRule;
  message: string;
  segment?: number;
  code?: string;
  item?: string;
}

export type WarningMark = Pick<Mark, 'code' | 'category' | 'clarity' | 'timeMs' | 'note'>;

export interface WarningInput {
  scheme: Scheme;
  segments: Segment[];
  marks: WarningMark[];
  ratings: Record<string, number>;
  watched: number[];
  /** Rating items made while part of the session was unwatched and not reviewed since (early-ratings.ts). */
  early?: string[];
}

const isRupture = (m: WarningMark) => isRuptureCategory(m.category);

/**
 * Judged by segment, as the coding is: a strategy in a segment that holds a rupture marker, or after one that
 * did, responds to it, whatever the order of the marks inside the segment. A note covers a rupture of an
 * earlier session or one the therapist anticipates.
 */
function resolutionWithoutRupture({ segments, marks }: WarningInput): Warning[] {
  const firstRuptureSegment = Math.min(...marks.filter(isRupture).map((m) => segmentContaining(segments, m.timeMs)));
  return marks.flatMap((m): Warning[] => {
    if (m.category !== 'resolution' || m.note.trim() !== '') return [];
    const segment = segmentContaining(segments, m.timeMs);
    if (segment >= firstRuptureSegment) return [];
    return [
      {
        rule: 'resolution-without-rupture',
        segment,
        code: m.code,
        message:
          `${m.code} is in segment ${segment + 1}, and no withdrawal or confrontation marker is in that segment or any before it. ` +
          'Mark the rupture it responds to, or add a note saying which rupture it refers to (an earlier session, or one the therapist anticipates).',
      },
    ];
  });
}

type RuptureCategory = 'withdrawal' | 'confrontation';

/** The overall rating items of the two rupture categories (overall withdrawal, overall confrontation). */
const overallItems = (scheme: Scheme): (RatingItemDef & { category: RuptureCategory })[] =>
  scheme.ratingItems.filter(
    (i): i is RatingItemDef & { category: RuptureCategory } => i.code === undefined && i.category !== undefined && isRuptureCategory(i.category),
  );

/** The coder's own significance ratings of the category's marker types that are rated so far. */
function typeRatings({ scheme, ratings }: WarningInput, category: RuptureCategory): { code: string; value: number }[] {
  return scheme.codes.filter((c) => c.category === category && ratings[c.id] !== undefined).map((c) => ({ code: c.id, value: ratings[c.id]! }));
}

/**
 * The manual asks that the two overall ratings differ the way the session's significance for the alliance
 * does, never by how often each was marked (l. 379–391). Each category is summed up by its most significant
 * type rather than a mean or a sum: "one large rupture" can outweigh "numerous minor" ones (l. 379–380), and a
 * mean over seven types, most rated 1 because never marked, would again reward how many types were marked.
 */
function overallOrder(input: WarningInput): Warning[] {
  const { ratings } = input;
  const items = overallItems(input.scheme);
  const w = items.find((i) => i.category === 'withdrawal');
  const c = items.find((i) => i.category === 'confrontation');
  if (!w || !c) return [];
  const rw = ratings[w.id];
  const rc = ratings[c.id];
  const topW = typeRatings(input, w.category).sort((a, b) => b.value - a.value)[0];
  const topC = typeRatings(input, c.category).sort((a, b) => b.value - a.value)[0];
  if (rw === undefined || rc === undefined || !topW || !topC) return [];
  const types = Math.sign(topW.value - topC.value);
  const overall = Math.sign(rw - rc);
  if (types === 0 || overall === 0 || types === overall) return [];
  const [more, less] = types > 0 ? [topW, topC] : [topC, topW];
  const [moreName, lessName] = types > 0 ? ['withdrawal', 'confrontation'] : ['confrontation', 'withdrawal'];
  return [
    {
      rule: 'overall-order',
      message:
        `Your significance ratings make ${moreName} weigh more than ${lessName} (${more.code} is rated ${more.value}, no ${lessName} type above ${less.value}), ` +
        `yet overall ${moreName} is rated below overall ${lessName} (withdrawal ${rw}, confrontation ${rc}). ` +
        'Does that reflect your sense of the session as a whole? If it does, leave the ratings as they are.',
    },
  ];
}

/** Significance 1 means no markers of the kind (or very minor ones), so an overall rating above 1 needs some marked. */
function overallWithoutMarkers({ scheme, marks, ratings }: WarningInput): Warning[] {
  return overallItems(scheme).flatMap((item): Warning[] => {
    const value = ratings[item.id];
    if (value === undefined || value <= 1 || marks.some((m) => m.category === item.category)) return [];
    return [
      {
        rule: 'overall-without-markers',
        item: item.id,
        message: `${item.label} is rated ${value}, but no ${item.category} marker was marked in this session. Mark the ${item.category} you saw, or rate ${item.label.toLowerCase()} 1.`,
      },
    ];
  });
}

/** An overall rating of 1 says the category hardly touched the alliance; one of its types rated 3 or more says it did. */
function overallBelowSignificance(input: WarningInput): Warning[] {
  return overallItems(input.scheme).flatMap((item): Warning[] => {
    if (input.ratings[item.id] !== 1) return [];
    const high = typeRatings(input, item.category).filter((t) => t.value >= 3);
    if (high.length === 0) return [];
    const named = high.map((t) => `${t.code} (${t.value})`).join(', ');
    return [
      {
        rule: 'overall-below-significance',
        item: item.id,
        message: `${item.label} is rated 1 (no significance), yet you rated ${named} as having at least some significance. Do the ${item.category} markers as a group matter more than 1 says?`,
      },
    ];
  });
}

function uncodedSignificance({ scheme, marks, ratings }: WarningInput): Warning[] {
  const coded = new Set(marks.map((m) => m.code));
  return scheme.codes
    .filter((c) => !coded.has(c.id) && ratings[c.id] !== undefined && ratings[c.id] !== 1)
    .map((c) => ({
      rule: 'uncoded-significance',
      code: c.id,
      item: c.id,
      message: `${c.id} (${c.name}) was never marked in this session but its significance is rated ${ratings[c.id]}. A type that was not marked should be rated 1.`,
    }));
}

/** No rupture marks, or every coded rupture type rated 1 (and none of them left unrated). */
function onlyMinorRuptures({ marks, ratings }: WarningInput): boolean {
  const codedRuptures = new Set(marks.filter(isRupture).map((m) => m.code));
  return [...codedRuptures].every((code) => ratings[code] === 1);
}

function minorSessionResolution(input: WarningInput): Warning[] {
  const value = input.ratings['overall_resolution'];
  if (value === undefined || value === 3 || !onlyMinorRuptures(input)) return [];
  const hadAny = input.marks.some(isRupture);
  return [
    {
      rule: 'minor-session-resolution',
      item: 'overall_resolution',
      message:
        `${hadAny ? 'Every rupture type marked in this session is rated 1 (very minor)' : 'This session has no rupture markers'}, ` +
        `so overall resolution is normally 3 (4 only when very minor ruptures were resolved very well); it is rated ${value}. Check the rating.`,
    },
  ];
}

/** 1-based segment numbers in words, with runs shortened: "3 and 4", "1 to 5, 7 and 9". */
export function describeSegments(indexes: number[]): string {
  const runs: [number, number][] = [];
  for (const n of [...indexes].sort((a, b) => a - b).map((i) => i + 1)) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  const parts = runs.flatMap(([a, b]) => (a === b ? [`${a}`] : b === a + 1 ? [`${a}`, `${b}`] : [`${a} to ${b}`]));
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `${indexes.length === 1 ? 'segment' : 'segments'} ${list}`;
}

function ratedBeforeWatched({ segments, ratings, watched, early = [] }: WarningInput): Warning[] {
  const seen = new Set(watched);
  const unwatched = segments.map((s) => s.index).filter((i) => !seen.has(i));
  if (Object.keys(ratings).length === 0) return [];
  if (unwatched.length === 0) {
    // Watching the rest does not make an early rating a considered one: it stays flagged until reviewed.
    const flagged = early.filter((item) => ratings[item] !== undefined);
    if (flagged.length === 0) return [];
    return [
      {
        rule: 'rated-before-watched',
        message:
          `${flagged.length === 1 ? '1 global rating was' : `${flagged.length} global ratings were`} made before the whole session was watched (${flagged.join(', ')}). ` +
          'Review them now that it is: rate again any that should change, then confirm the ratings as reviewed.',
      },
    ];
  }
  return [
    {
      rule: 'rated-before-watched',
      message: `Global ratings were made before the whole session was watched: ${describeSegments(unwatched)} not watched yet. Watch them, then review the ratings.`,
    },
  ];
}

function ratingsIncomplete({ scheme, segments, ratings, watched }: WarningInput): Warning[] {
  const items = ratingItemIds(scheme);
  const missing = items.filter((id) => ratings[id] === undefined).length;
  const watchedAll = segments.every((s) => watched.includes(s.index));
  if (missing === 0 || (missing === items.length && !watchedAll)) return [];
  return [
    {
      rule: 'ratings-incomplete',
      message: `${missing} of the ${items.length} global ratings ${missing === 1 ? 'is' : 'are'} still missing. Rate every item before completing the coding.`,
    },
  ];
}

const RULES: ((input: WarningInput) => Warning[])[] = [
  resolutionWithoutRupture,
  overallOrder,
  overallWithoutMarkers,
  overallBelowSignificance,
  uncodedSignificance,
  minorSessionResolution,
  ratedBeforeWatched,
  ratingsIncomplete,
];

export function sessionWarnings(input: WarningInput): Warning[] {
  return RULES.flatMap((rule) => rule(input));
}
