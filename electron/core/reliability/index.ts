// Public API of inter-coder reliability: the report (from the study, or from codings already in memory)
// and its JSON form.

export type { ReliabilityData } from './codings.ts';
export { reliabilityJson, REASON_SUFFIX } from './json.ts';
export type { ReliabilityJson } from './json.ts';
export type { IccValue, RatingReliability, RatingStatistic } from './rating-agreement.ts';
export { reliabilityOf, reliabilityReport } from './report.ts';
export type { MissingCodings, NotCoded, ReliabilityReport, SessionCountReliability, UnfinishedCoding } from './report.ts';
export type { IntervalValue, SegmentAgreement, SegmentStatistic } from './segment-agreement.ts';
export { CHECK_MINUS_SETTINGS } from './selection.ts';
export { reasonText } from '../stats/outcome.ts';
export type { Reason, ReasonKind } from '../stats/outcome.ts';
export type { CheckMinus, CodingState, ReliabilityOptions } from './selection.ts';
