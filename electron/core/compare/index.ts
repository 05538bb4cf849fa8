// Public API of comparing two codings of one recording: the lead's side-by-side comparison and a trainee's
// check against a reference coding.

export type { Cell, CellMark } from './cells.ts';
export { compareCodings } from './compare-codings.ts';
export type { CellDifference, CodingComparison, DifferenceKind, RatingDifference } from './compare-codings.ts';
export { compareToReference } from './training.ts';
export type {
  CellShare,
  CodeTraining,
  MarkedCells,
  RatingTraining,
  SegmentTraining,
  TrainingCell,
  TrainingComparison,
  TrainingOptions,
} from './training.ts';
