// Public API of inter-coder reliability: the report and its JSON form.

export { reliabilityJson, REASON_SUFFIX } from './json.ts';
export type { ReliabilityJson } from './json.ts';
export type { IccValue, RatingReliability, RatingStatistic } from './rating-agreement.ts';
export { reliabilityReport } from './report.ts';
export type { NotCoded, ReliabilityReport } from './report.ts';
export type { SegmentAgreement, SegmentStatistic } from './segment-agreement.ts';
export { CHECK_MINUS_SETTINGS } from './selection.ts';
export type { CheckMinus, ReliabilityOptions } from './selection.ts';
