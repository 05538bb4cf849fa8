// The manual's consistency rules as warnings over one coding. Pure: the caller gathers the data.
// Warnings never block a write; each message says what to check.

import { isRuptureCategory, ratingItemIds, type Scheme } from '../scheme/index.ts';
import type { Mark } from './events-store.ts';
import { segmentContaining, type Segment } from './segments.ts';

export type WarningRule =
  | 'resolution-without-rupture'
  | 'overall-order'
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
}

const isRupture = (m: WarningMark) => isRuptureCategory(m.category);

function resolutionWithoutRupture({ segments, marks }: WarningInput): Warning[] {
  const firstRupture = Math.min(...marks.filter(isRupture).map((m) => m.timeMs));
  return marks
    .filter((m) => m.category === 'resolution' && m.note.trim() === '' && m.timeMs < firstRupture)
    .map((m) => {
      const segment = segmentContaining(segments, m.timeMs);
      return {
        rule: 'resolution-without-rupture',
        segment,
        code: m.code,
        message:
          `${m.code} in segment ${segment + 1} comes before any withdrawal or confrontation marker in this session. ` +
          'Mark the rupture it responds to, or add a note saying it refers to a rupture in an earlier session.',
      };
    });
}

/** The session's picture of a category: check counts 1, check-minus counts half. */
function weight(marks: WarningMark[], category: 'withdrawal' | 'confrontation'): number {
  return marks.filter((m) => m.category === category).reduce((sum, m) => sum + (m.clarity === 'check' ? 1 : 0.5), 0);
}

function overallOrder({ marks, ratings }: WarningInput): Warning[] {
  const rw = ratings['overall_withdrawal'];
  const rc = ratings['overall_confrontation'];
  if (rw === undefined || rc === undefined) return [];
  const marked = Math.sign(weight(marks, 'withdrawal') - weight(marks, 'confrontation'));
  const rated = Math.sign(rw - rc);
  if (marked === 0 || rated === 0 || marked === rated) return [];
  const [more, less] = marked > 0 ? ['withdrawal', 'confrontation'] : ['confrontation', 'withdrawal'];
  return [
    {
      rule: 'overall-order',
      message:
        `More ${more} than ${less} was marked in this session, yet overall ${more} is rated lower ` +
        `(withdrawal ${rw}, confrontation ${rc}). Check that the two overall ratings order the same way as the markers.`,
    },
  ];
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

function ratedBeforeWatched({ segments, ratings, watched }: WarningInput): Warning[] {
  const seen = new Set(watched);
  const unwatched = segments.map((s) => s.index).filter((i) => !seen.has(i));
  if (Object.keys(ratings).length === 0 || unwatched.length === 0) return [];
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
  uncodedSignificance,
  minorSessionResolution,
  ratedBeforeWatched,
  ratingsIncomplete,
];

export function sessionWarnings(input: WarningInput): Warning[] {
  return RULES.flatMap((rule) => rule(input));
}
