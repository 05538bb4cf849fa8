// Segment-level agreement for one key: is the key present in a segment, coder by coder?
//
// Percent agreement is the mean share of agreeing coder pairs per segment (Fleiss' P̄): for two coders
// simply the share of segments on which they agree, for three or more the average over the pairs. Gwet's
// AC1 and Krippendorff's (nominal) alpha stand beside kappa for any number of coders: most codes are absent
// from most segments, where kappa is undefined or paradoxically low at high agreement.

import type { GroupedCountTable } from '../stats/counts.ts';
import { gwetAC } from '../stats/gwet.ts';
import type { AgreementEstimate } from '../stats/interval.ts';
import { cohenKappa, fleissKappa, meanPairwiseAgreement } from '../stats/kappa.ts';
import { krippendorffAlpha } from '../stats/krippendorff.ts';
import { doesNotApply, notDefined, tooFew, type Outcome, type Reason, type Terms } from '../stats/outcome.ts';
import { identityWeights } from '../stats/weights.ts';
import type { SegmentUnits } from './input.ts';
import type { SegmentKey } from './keys.ts';

export type SegmentStatistic = 'percentAgreement' | 'cohenKappa' | 'fleissKappa' | 'gwetAC1' | 'krippendorffAlpha';

/** A coefficient with its 95 % interval; null bounds come with a reason. */
export interface IntervalValue {
  value: number;
  lower: number | null;
  upper: number | null;
}

export interface SegmentAgreement {
  /** Segments compared. */
  n: number;
  /** Fraction 0–1: the share of segments (of coder pairs, with three or more coders) that agree. */
  percentAgreement: number | null;
  cohenKappa: number | null;
  fleissKappa: number | null;
  /** Gwet's AC1 over absent / present, any number of coders. */
  gwetAC1: IntervalValue | null;
  /** Krippendorff's alpha, nominal, over absent / present. */
  krippendorffAlpha: IntervalValue | null;
  /** Why a statistic (or its interval) is null, for each one that is. */
  reasons?: Partial<Record<SegmentStatistic, Reason>>;
}

const PRESENCE = identityWeights(2);

/** An interval statistic as the report holds it: the estimate, or null with its reason; an interval's own reason beside it. */
export function intervalField<K extends string>(
  outcome: Outcome<AgreementEstimate>,
  name: K,
  reasons: Partial<Record<K, Reason>>,
): IntervalValue | null {
  if (!outcome.ok) {
    reasons[name] = outcome.reason;
    return null;
  }
  const { value, lower, upper, intervalReason } = outcome.value;
  if (intervalReason) reasons[name] = intervalReason;
  return { value, lower, upper };
}

const TERMS: Terms = { subjects: 'segments', raters: 'coders' };

/** How many segments had the key marked by exactly x of the m coders, x = 0…m; and for two coders the 2 × 2 table. */
function tally(units: SegmentUnits, mask: number): { histogram: number[]; confusion: number[][] } {
  const m = units.bits.length;
  const histogram = new Array<number>(m + 1).fill(0);
  const confusion = [
    [0, 0],
    [0, 0],
  ];
  for (let u = 0; u < units.count; u++) {
    let present = 0;
    for (const coder of units.bits) if ((coder[u]! & mask) !== 0) present++;
    histogram[present]!++;
    if (m === 2) confusion[(units.bits[0]![u]! & mask) !== 0 ? 1 : 0]![(units.bits[1]![u]! & mask) !== 0 ? 1 : 0]!++;
  }
  return { histogram, confusion };
}

/** Fleiss' layout (segments × {absent, present}), one row per split of the coders with its number of segments. */
function countTable(histogram: number[]): GroupedCountTable {
  const m = histogram.length - 1;
  return histogram.map((subjects, present) => ({ row: [m - present, present], subjects }));
}

/** A kappa that the data leave undefined is explained in the key's own terms when the cause is plain. */
function kappaOutcome(outcome: Outcome<number>, key: SegmentKey, histogram: number[], n: number): Outcome<number> {
  if (outcome.ok) return outcome;
  const chance = `so agreement by chance alone is already 100 % and kappa divides by zero; it needs ${key.label} marked in some segments and not in others`;
  if (histogram[0] === n) return notDefined(`no coder marked ${key.label} in any of the ${n} segments, ${chance}`);
  if (histogram[histogram.length - 1] === n) return notDefined(`every coder marked ${key.label} in every one of the ${n} segments, ${chance}`);
  return outcome;
}

/** Alpha, like kappa, expects disagreement by chance: none when the key is marked everywhere or nowhere. */
function alphaOutcome(outcome: Outcome<AgreementEstimate>, key: SegmentKey, histogram: number[], n: number): Outcome<AgreementEstimate> {
  if (outcome.ok) return outcome;
  const none = `so no disagreement is expected by chance and alpha divides by zero; it needs ${key.label} marked in some segments and not in others`;
  if (histogram[0] === n) return notDefined(`no coder marked ${key.label} in any of the ${n} segments, ${none}`);
  if (histogram[histogram.length - 1] === n) return notDefined(`every coder marked ${key.label} in every one of the ${n} segments, ${none}`);
  return outcome;
}

function toField(outcome: Outcome<number>, name: SegmentStatistic, reasons: Partial<Record<SegmentStatistic, Reason>>): number | null {
  if (outcome.ok) return outcome.value;
  reasons[name] = outcome.reason;
  return null;
}

/** `noSegments`: why there is nothing to compare when no recording was coded by every chosen coder. */
export function segmentAgreement(units: SegmentUnits, key: SegmentKey, noSegments: string): SegmentAgreement {
  const m = units.bits.length;
  const n = units.count;
  const { histogram, confusion } = tally(units, key.mask);
  const table = countTable(histogram);
  const empty = tooFew(noSegments);
  const reasons: Partial<Record<SegmentStatistic, Reason>> = {};
  const result: SegmentAgreement = {
    n,
    percentAgreement: toField(n === 0 ? empty : meanPairwiseAgreement(table, TERMS), 'percentAgreement', reasons),
    cohenKappa: toField(
      m !== 2
        ? doesNotApply(`Cohen's kappa compares exactly two coders; with ${m} coders see Fleiss' kappa`)
        : n === 0
          ? empty
          : kappaOutcome(cohenKappa(confusion, TERMS), key, histogram, n),
      'cohenKappa',
      reasons,
    ),
    fleissKappa: toField(
      m === 2 ? doesNotApply("with two coders see Cohen's kappa") : n === 0 ? empty : kappaOutcome(fleissKappa(table, TERMS), key, histogram, n),
      'fleissKappa',
      reasons,
    ),
    gwetAC1: intervalField(n === 0 ? empty : gwetAC(table, PRESENCE, TERMS), 'gwetAC1', reasons),
    krippendorffAlpha: intervalField(
      n === 0 ? empty : alphaOutcome(krippendorffAlpha(table, PRESENCE, TERMS), key, histogram, n),
      'krippendorffAlpha',
      reasons,
    ),
  };
  return Object.keys(reasons).length > 0 ? { ...result, reasons } : result;
}
