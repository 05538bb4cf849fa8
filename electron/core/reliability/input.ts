// What a reliability report compares, gathered one mark and one rating at a time from wherever they are:
// the study's rows as they are read (read.ts), or codings a caller already holds (codings.ts; the export
// reads every mark and rating once for its own tables). Marks become a bit set of the codes marked per
// compared segment and coder, ratings a recordings × coders grid per item; nothing else is kept, so
// gathering is one pass and holds no rows.

import { segmentGrid, segmentIndexAt, type GridRule } from '../coding/segments.ts';
import { AppError } from '../errors.ts';
import type { Clarity, Scheme } from '../scheme/index.ts';
import { codeBits } from './keys.ts';
import type { CheckMinus } from './selection.ts';

export interface CodingMark {
  code: string;
  clarity: Clarity;
  timeMs: number;
}

/** The chosen coders and recordings, in report order, and which codings of them exist. */
export interface ReliabilityScope extends GridRule {
  scheme: Scheme;
  coders: readonly { code: string }[];
  recordings: readonly { code: string; durationMs: number }[];
  /** coded[recording][coder]: that coder's coding of that recording is compared (complete, or started when unfinished ones are included). */
  coded: readonly (readonly boolean[])[];
}

/** The segments compared: those of every chosen recording that every chosen coder has coded. */
export interface SegmentUnits {
  /** bits[coder][unit]: the codes that coder marked in that segment, one bit per code (see codeBits). */
  bits: Int32Array[];
  count: number;
}

export class ReliabilityInput {
  readonly scope: ReliabilityScope;
  readonly checkMinus: CheckMinus;
  readonly units: SegmentUnits;
  private readonly bitOf: Map<string, number>;
  /** Per recording: its first unit, or -1 when not every coder has coded it, so its marks are not compared. */
  private readonly offsets: number[];
  /** Per item: cells[recording * coders + coder], NaN where not rated. */
  private readonly ratings: Map<string, Float64Array>;

  constructor(scope: ReliabilityScope, checkMinus: CheckMinus) {
    this.scope = scope;
    this.checkMinus = checkMinus;
    this.bitOf = codeBits(scope.scheme);
    let count = 0;
    this.offsets = scope.recordings.map((recording, r) => {
      if (!scope.coded[r]!.every(Boolean)) return -1;
      const offset = count;
      count += segmentGrid(recording.durationMs, scope).length;
      return offset;
    });
    this.units = { bits: scope.coders.map(() => new Int32Array(count)), count };
    const cells = scope.recordings.length * scope.coders.length;
    this.ratings = new Map(scope.scheme.ratingItems.map((item) => [item.id, new Float64Array(cells).fill(Number.NaN)]));
  }

  /** A live mark of the coding of recording r (index in scope.recordings) by coder c. */
  addMark(r: number, c: number, mark: CodingMark): void {
    const offset = this.offsets[r]!;
    if (offset < 0 || (this.checkMinus === 'absent' && mark.clarity === 'check-minus')) return;
    const { code, durationMs } = this.scope.recordings[r]!;
    const bit = this.bitOf.get(mark.code);
    if (bit === undefined) {
      throw new AppError(
        'STUDY_CORRUPT',
        `A mark in ${code} has code "${mark.code}", which the study's scheme does not know. Restore the study from a backup.`,
      );
    }
    this.units.bits[c]![offset + segmentIndexAt(mark.timeMs, this.scope, durationMs)]! |= bit;
  }

  /** A global rating of recording r by coder c; items the scheme does not rate, and codings not compared, are ignored. */
  addRating(r: number, c: number, item: string, value: number): void {
    if (!this.scope.coded[r]![c]) return;
    const cells = this.ratings.get(item);
    if (cells) cells[r * this.scope.coders.length + c] = value;
  }

  /**
   * Per compared recording (one coded by every coder) and coder, the number of its segments in which that
   * coder marked any code of `mask`: recordings in rows, coders in columns.
   */
  sessionCounts(mask: number): number[][] {
    const { bits, count } = this.units;
    const starts = this.offsets.filter((offset) => offset >= 0);
    return starts.map((start, i) => {
      const end = starts[i + 1] ?? count;
      return bits.map((coder) => {
        let segments = 0;
        for (let u = start; u < end; u++) if ((coder[u]! & mask) !== 0) segments++;
        return segments;
      });
    });
  }

  /** The item's ratings over the recordings that every coder rated on it: recordings in rows, coders in columns. */
  ratingMatrix(item: string): number[][] {
    const cells = this.ratings.get(item)!;
    const m = this.scope.coders.length;
    const rows: number[][] = [];
    for (let r = 0; r < this.scope.recordings.length; r++) {
      const row = new Array<number>(m);
      let rated = true;
      for (let c = 0; c < m && rated; c++) {
        row[c] = cells[r * m + c]!;
        rated = !Number.isNaN(row[c]);
      }
      if (rated) rows.push(row);
    }
    return rows;
  }
}
