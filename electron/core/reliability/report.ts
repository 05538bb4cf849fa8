// The reliability report: segment-level agreement per code, category and any rupture, and agreement on
// each global rating item, over a chosen set of recordings and two or more coders.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getScheme, type Scheme } from '../scheme/index.ts';
import { getSettings } from '../store/settings.ts';
import { ratingMatrices, segmentUnits } from './codings.ts';
import { segmentKeys } from './keys.ts';
import { ratingReliability, type RatingReliability } from './rating-agreement.ts';
import { segmentAgreement, type SegmentAgreement } from './segment-agreement.ts';
import { checkMinusSetting, selectCodings, type CheckMinus, type ReliabilityOptions, type Selection } from './selection.ts';

export interface NotCoded {
  recording: string;
  /** The chosen coders with no coding of it. */
  coders: string[];
}

export interface ReliabilityReport {
  coders: string[];
  recordings: string[];
  checkMinus: CheckMinus;
  segmentSeconds: number;
  /** Chosen recordings left out of the segment statistics because a chosen coder has not coded them. */
  notCoded: NotCoded[];
  /** By key: 'W1'…'R10', then 'withdrawal', 'confrontation', 'resolution', 'rupture'. */
  segments: Record<string, SegmentAgreement>;
  /** By rating item, in scoresheet order. */
  ratings: Record<string, RatingReliability>;
}

function notCoded(selection: Selection): NotCoded[] {
  return selection.recordings.flatMap((recording, r) => {
    const missing = selection.coders.filter((_, c) => !selection.coded[r]![c]).map((c) => c.code);
    return missing.length > 0 ? [{ recording: recording.code, coders: missing }] : [];
  });
}

function noSegmentsReason(selection: Selection, missing: NotCoded[]): string {
  const examples = missing
    .slice(0, 3)
    .map((m) => `${m.recording} has no coding by ${m.coders.join(', ')}`)
    .join('; ');
  const more = missing.length > 3 ? `; and ${missing.length - 3} more` : '';
  const coders = selection.coders.map((c) => c.code).join(', ');
  return `not defined: there are no segments to compare, because none of the ${selection.recordings.length} chosen recordings has been coded by all of ${coders} (${examples}${more}); it needs at least one recording that every chosen coder has coded`;
}

function scaleOf(scheme: Scheme, item: string): { min: number; max: number } {
  const scaleId = scheme.ratingItems.find((i) => i.id === item)!.scale;
  const scale = scheme.scales.find((s) => s.id === scaleId)!;
  return { min: scale.min, max: scale.max };
}

export function reliabilityReport(db: Database, options: ReliabilityOptions = {}): ReliabilityReport {
  const checkMinus = checkMinusSetting(options.checkMinus);
  // One read transaction: every figure comes from the same state of the study.
  return db.transaction(() => {
    const { schemeId, segmentSeconds } = getSettings(db);
    const scheme = getScheme(schemeId);
    const selection = selectCodings(db, options);
    const missing = notCoded(selection);
    const units = segmentUnits(db, selection, scheme, segmentSeconds, checkMinus);
    const noSegments = noSegmentsReason(selection, missing);
    const items = scheme.ratingItems.map((i) => i.id);
    const matrices = ratingMatrices(db, selection, items);
    return {
      coders: selection.coders.map((c) => c.code),
      recordings: selection.recordings.map((r) => r.code),
      checkMinus,
      segmentSeconds,
      notCoded: missing,
      segments: Object.fromEntries(segmentKeys(scheme).map((key) => [key.id, segmentAgreement(units, key, noSegments)])),
      ratings: Object.fromEntries(items.map((item) => [item, ratingReliability(matrices.get(item)!, selection.coders.length, scaleOf(scheme, item))])),
    };
  })();
}
