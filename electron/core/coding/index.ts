// Public API of the coding core: marks with undo/redo, ratings, notes, status, warnings, scoresheet.

export type { CodingRef } from './coding-ref.ts';
export type { EditKind } from './edit-ops.ts';
export { noSuchMark } from './events-store.ts';
export { addMark, changeMark, deleteMark, getMark, importMarks, listMarks, redo, undo } from './marks.ts';
export type { Mark, NewMark, UndoResult } from './marks.ts';
export { getSegmentNotes, markSegmentWatched, setSegmentNote, watchedSegments } from './notes.ts';
export { clearRating, getRatings, importRatings, setRating } from './ratings.ts';
export type { RatingRow } from './ratings.ts';
export { buildScoresheet } from './scoresheet.ts';
export type { Scoresheet, ScoresheetCell, ScoresheetSegment } from './scoresheet.ts';
export { defaultMinFinalSeconds, segmentContaining, segmentGrid, segmentIndexAt } from './segments.ts';
export type { GridRule, Segment } from './segments.ts';
export { completeCoding, eachPair, recordCodingUse, reopenCoding, signOffCheck } from './sign-off.ts';
export type { CodingUse, SignOffCheck } from './sign-off.ts';
export { getCodingState } from './status.ts';
export type { CodingState } from './status.ts';
export { MAX_NOTE_LENGTH } from './validation.ts';
export { describeSegments, sessionWarnings } from './warnings.ts';
export type { Warning, WarningInput, WarningMark, WarningRule } from './warnings.ts';
export { codingView } from './view.ts';
export { WATCHED_SHARE, mergeSpans, playedShares, recordPlayed, segmentShares } from './watched-share.ts';
export type { PlayedSpan } from './watched-share.ts';
export { confirmRatingsReviewed, earlyRatings } from './early-ratings.ts';
export type { CodingView } from './view.ts';
export { codingsOf, everyCoding, ownCodings } from './codings.ts';
export type { CodingSummary } from './codings.ts';
