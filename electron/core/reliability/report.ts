// The reliability report: segment-level agreement per code, category and any rupture, and agreement on
// each global rating item, over a chosen set of recordings and two or more coders.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getScheme, type Scheme } from '../scheme/index.ts';
import { blindCodingNote, getSettings } from '../store/settings.ts';
import { inputOfCodings, type ReliabilityData } from './codings.ts';
import type { ReliabilityInput, ReliabilityScope } from './input.ts';
import { segmentKeys } from './keys.ts';
import { ratingReliability, type RatingReliability } from './rating-agreement.ts';
import { readInput } from './read.ts';
import { segmentAgreement, type SegmentAgreement } from './segment-agreement.ts';
import { checkMinusSetting, selectCodings, type CheckMinus, type ReliabilityOptions } from './selection.ts';

export interface NotCoded {
  recording: string;
  /** The chosen coders with no coding of it. */
  coders: string[];
}

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
  /** Chosen recordings left out of the segment statistics because a chosen coder has not coded them. */
  notCoded: NotCoded[];
  /** The same, by coder: who has not coded which of them, the coder missing most first. */
  missingCodings: MissingCodings[];
  /** By key: 'W1'…'R10', then 'withdrawal', 'confrontation', 'resolution', 'rupture'. */
  segments: Record<string, SegmentAgreement>;
  /** By rating item, in scoresheet order. */
  ratings: Record<string, RatingReliability>;
  /** Set when coding has not always been blind in the study, so codings may not be independent (see blindCodingNote). */
  blindCodingNote: string | null;
}

function notCoded(scope: ReliabilityScope): NotCoded[] {
  return scope.recordings.flatMap((recording, r) => {
    const missing = scope.coders.filter((_, c) => !scope.coded[r]![c]).map((c) => c.code);
    return missing.length > 0 ? [{ recording: recording.code, coders: missing }] : [];
  });
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

function noSegmentsReason(scope: ReliabilityScope, missing: NotCoded[]): string {
  const examples = missing
    .slice(0, 3)
    .map((m) => `${m.recording} has no coding by ${m.coders.join(', ')}`)
    .join('; ');
  const more = missing.length > 3 ? `; and ${missing.length - 3} more` : '';
  const coders = scope.coders.map((c) => c.code).join(', ');
  return `not defined: there are no segments to compare, because none of the ${scope.recordings.length} chosen recordings has been coded by all of ${coders} (${examples}${more}); it needs at least one recording that every chosen coder has coded`;
}

function scaleOf(scheme: Scheme, item: string): { min: number; max: number } {
  const scaleId = scheme.ratingItems.find((i) => i.id === item)!.scale;
  const scale = scheme.scales.find((s) => s.id === scaleId)!;
  return { min: scale.min, max: scale.max };
}

function reportOf(input: ReliabilityInput, blindCodingNote: string | null): ReliabilityReport {
  const { scope, checkMinus, units } = input;
  const { scheme } = scope;
  const missing = notCoded(scope);
  const noSegments = noSegmentsReason(scope, missing);
  const items = scheme.ratingItems.map((i) => i.id);
  return {
    coders: scope.coders.map((c) => c.code),
    recordings: scope.recordings.map((r) => r.code),
    checkMinus,
    segmentSeconds: scope.segmentSeconds,
    notCoded: missing,
    missingCodings: missingByCoder(missing),
    segments: Object.fromEntries(segmentKeys(scheme).map((key) => [key.id, segmentAgreement(units, key, noSegments)])),
    ratings: Object.fromEntries(items.map((item) => [item, ratingReliability(input.ratingMatrix(item), scope.coders.length, scaleOf(scheme, item))])),
    blindCodingNote,
  };
}

/** The report over codings already in memory; the caller has chosen two or more coders, and read the study's blindCodingNote. */
export function reliabilityOf(data: ReliabilityData, checkMinus: CheckMinus, blindCodingNote: string | null): ReliabilityReport {
  return reportOf(inputOfCodings(data, checkMinus), blindCodingNote);
}

export function reliabilityReport(db: Database, options: ReliabilityOptions = {}): ReliabilityReport {
  const checkMinus = checkMinusSetting(options.checkMinus);
  // One read transaction: every figure comes from the same state of the study.
  const { input, note } = db.transaction(() => {
    const settings = getSettings(db);
    return { input: readInput(db, selectCodings(db, options), getScheme(settings.schemeId), settings, checkMinus), note: blindCodingNote(db) };
  })();
  return reportOf(input, note);
}
