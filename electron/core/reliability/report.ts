// The reliability report: segment-level agreement per code, category and any rupture, agreement on the
// number of segments each session has with each of them (session-level ICCs, as published 3RS reliability
// is reported), and agreement on each global rating item, over a chosen set of recordings and two or more
// coders. Only complete codings are compared unless unfinished ones are asked for; those are listed.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getScheme, type Scheme } from '../scheme/index.ts';
import { blindCodingNote, getSettings } from '../store/settings.ts';
import { inputOfCodings, type ReliabilityData } from './codings.ts';
import type { ReliabilityInput, ReliabilityScope } from './input.ts';
import { segmentKeys } from './keys.ts';
import { iccFields, ratingReliability, type IccFields, type RatingReliability } from './rating-agreement.ts';
import { readInput } from './read.ts';
import { segmentAgreement, type SegmentAgreement } from './segment-agreement.ts';
import { checkMinusSetting, selectCodings, type CheckMinus, type CodingState, type ReliabilityOptions } from './selection.ts';
import type { IccForm } from '../stats/icc.ts';
import type { Reason } from '../stats/outcome.ts';

export interface NotCoded {
  recording: string;
  /** The chosen coders with no coding of it. */
  coders: string[];
}

/** A started coding of a chosen recording by a chosen coder that is not signed off as complete. */
export interface UnfinishedCoding {
  recording: string;
  coder: string;
  status: Exclude<CodingState, 'complete'>;
}

/** Agreement on how many segments of a session have a key: the six ICCs over recordings × coders. */
export type SessionCountReliability = {
  /** Recordings compared (coded by every chosen coder). */
  n: number;
  reasons?: Partial<Record<IccForm, Reason>>;
} & IccFields;

/** A chosen coder and the chosen recordings they have not coded, which the segment statistics left out. */
export interface MissingCodings {
  coder: string;
  recordings: string[];
}

export interface ReliabilityReport {
  coders: string[];
  recordings: string[];
  checkMinus: CheckMinus;
  segmentSeconds: number;
  /** Whether unfinished codings are compared too (otherwise only complete ones). */
  includeUnfinished: boolean;
  /** Every unfinished coding of the chosen recordings by the chosen coders: compared only when includeUnfinished. */
  unfinished: UnfinishedCoding[];
  /** Chosen recordings left out of the segment statistics because a chosen coder has not started coding them. */
  notCoded: NotCoded[];
  /** The same, by coder: who has not coded which of them, the coder missing most first. */
  missingCodings: MissingCodings[];
  /** By key: 'W1'…'R10', then 'withdrawal', 'confrontation', 'resolution', 'rupture'. */
  segments: Record<string, SegmentAgreement>;
  /** By the same keys: ICCs of the number of segments per session with the key, recordings × coders. */
  sessionCounts: Record<string, SessionCountReliability>;
  /** By rating item, in scoresheet order. */
  ratings: Record<string, RatingReliability>;
  /** Set when coding has not always been blind in the study, so codings may not be independent (see blindCodingNote). */
  blindCodingNote: string | null;
}

/** Per chosen recording and coder, the coding's state (null: not started). */
type States = readonly (readonly (CodingState | null)[])[];

function notCoded(scope: ReliabilityScope, states: States): NotCoded[] {
  return scope.recordings.flatMap((recording, r) => {
    const missing = scope.coders.filter((_, c) => states[r]![c] === null).map((c) => c.code);
    return missing.length > 0 ? [{ recording: recording.code, coders: missing }] : [];
  });
}

function unfinishedCodings(scope: ReliabilityScope, states: States): UnfinishedCoding[] {
  return scope.recordings.flatMap((recording, r) =>
    scope.coders.flatMap((coder, c) =>
      states[r]![c] === 'in-progress' ? [{ recording: recording.code, coder: coder.code, status: 'in-progress' as const }] : [],
    ),
  );
}

function missingByCoder(missing: NotCoded[]): MissingCodings[] {
  const byCoder = new Map<string, string[]>();
  for (const { recording, coders } of missing) {
    for (const coder of coders) {
      const recordings = byCoder.get(coder);
      if (recordings) recordings.push(recording);
      else byCoder.set(coder, [recording]);
    }
  }
  return [...byCoder]
    .map(([coder, recordings]) => ({ coder, recordings }))
    .sort((a, b) => b.recordings.length - a.recordings.length || (a.coder < b.coder ? -1 : 1));
}

function noSegmentsReason(scope: ReliabilityScope, missing: NotCoded[], unfinished: UnfinishedCoding[]): string {
  const gaps = [
    ...missing.map((m) => `${m.recording} has no coding by ${m.coders.join(', ')}`),
    ...unfinished.map((u) => `${u.recording} by ${u.coder} is not complete`),
  ];
  const examples = gaps.slice(0, 3).join('; ');
  const more = gaps.length > 3 ? `; and ${gaps.length - 3} more` : '';
  const coders = scope.coders.map((c) => c.code).join(', ');
  const which =
    unfinished.length > 0 ? 'a complete coding by every chosen coder (or include unfinished codings)' : 'been coded by every chosen coder';
  return `there are no segments to compare, because none of the ${scope.recordings.length} chosen recordings has been coded by all of ${coders} (${examples}${more}); it needs at least one recording that has ${which}`;
}

function scaleOf(scheme: Scheme, item: string): { min: number; max: number } {
  const scaleId = scheme.ratingItems.find((i) => i.id === item)!.scale;
  const scale = scheme.scales.find((s) => s.id === scaleId)!;
  return { min: scale.min, max: scale.max };
}

function sessionCountReliability(counts: number[][]): SessionCountReliability {
  const reasons: Partial<Record<IccForm, Reason>> = {};
  const result: SessionCountReliability = { n: counts.length, ...iccFields(counts, reasons) };
  return Object.keys(reasons).length > 0 ? { ...result, reasons } : result;
}

function reportOf(input: ReliabilityInput, states: States, includeUnfinished: boolean, blindCodingNote: string | null): ReliabilityReport {
  const { scope, checkMinus, units } = input;
  const { scheme } = scope;
  const missing = notCoded(scope, states);
  const unfinished = unfinishedCodings(scope, states);
  const noSegments = noSegmentsReason(scope, missing, includeUnfinished ? [] : unfinished);
  const items = scheme.ratingItems.map((i) => i.id);
  const keys = segmentKeys(scheme);
  return {
    coders: scope.coders.map((c) => c.code),
    recordings: scope.recordings.map((r) => r.code),
    checkMinus,
    segmentSeconds: scope.segmentSeconds,
    includeUnfinished,
    unfinished,
    notCoded: missing,
    missingCodings: missingByCoder(missing),
    segments: Object.fromEntries(keys.map((key) => [key.id, segmentAgreement(units, key, noSegments)])),
    sessionCounts: Object.fromEntries(keys.map((key) => [key.id, sessionCountReliability(input.sessionCounts(key.mask))])),
    ratings: Object.fromEntries(items.map((item) => [item, ratingReliability(input.ratingMatrix(item), scope.coders.length, scaleOf(scheme, item))])),
    blindCodingNote,
  };
}

/**
 * The report over codings already in memory; the caller has chosen two or more coders, and read the study's
 * blindCodingNote. An unfinished coding is compared only when includeUnfinished is set.
 */
export function reliabilityOf(
  data: ReliabilityData,
  checkMinus: CheckMinus,
  blindCodingNote: string | null,
  includeUnfinished = false,
): ReliabilityReport {
  const { input, states } = inputOfCodings(data, checkMinus, includeUnfinished);
  return reportOf(input, states, includeUnfinished, blindCodingNote);
}

export function reliabilityReport(db: Database, options: ReliabilityOptions = {}): ReliabilityReport {
  const checkMinus = checkMinusSetting(options.checkMinus);
  // One read transaction: every figure comes from the same state of the study.
  const { input, selection, note } = db.transaction(() => {
    const settings = getSettings(db);
    const selection = selectCodings(db, options);
    return { input: readInput(db, selection, getScheme(settings.schemeId), settings, checkMinus), selection, note: blindCodingNote(db) };
  })();
  return reportOf(input, selection.state, selection.includeUnfinished, note);
}
