// What segment-level agreement is computed for: each code, each category (any code of it) and any rupture
// (any withdrawal or confrontation code). A segment's marks are held as a bit set over the scheme's codes,
// so each key is a mask and "present" is one AND.

import { AppError } from '../errors.ts';
import { isRuptureCategory, type Category, type Scheme } from '../scheme/index.ts';

export interface SegmentKey {
  /** As in the report: 'W1'…'R10', 'withdrawal', 'confrontation', 'resolution', 'rupture'. */
  id: string;
  mask: number;
  /** How a reason, printed beside the key, refers to it: "this code", "any code of this category", … */
  label: string;
}

const RUPTURE_KEY = 'rupture';

/** Bit of each code, in scheme order. */
export function codeBits(scheme: Scheme): Map<string, number> {
  if (scheme.codes.length > 31) {
    throw new AppError('INTERNAL', `The scheme ${scheme.id} has ${scheme.codes.length} codes; segment agreement handles at most 31.`);
  }
  return new Map(scheme.codes.map((code, i) => [code.id, 1 << i]));
}

function categoryMask(scheme: Scheme, bits: Map<string, number>, keep: (c: Category) => boolean): number {
  return scheme.codes.filter((c) => keep(c.category)).reduce((mask, c) => mask | bits.get(c.id)!, 0);
}

/** Codes in scheme order, then the categories, then any rupture. */
export function segmentKeys(scheme: Scheme): SegmentKey[] {
  const bits = codeBits(scheme);
  return [
    ...scheme.codes.map((c) => ({ id: c.id, mask: bits.get(c.id)!, label: 'this code' })),
    ...scheme.categories.map((cat) => ({
      id: cat.id,
      mask: categoryMask(scheme, bits, (c) => c === cat.id),
      label: 'any code of this category',
    })),
    { id: RUPTURE_KEY, mask: categoryMask(scheme, bits, isRuptureCategory), label: 'any withdrawal or confrontation code' },
  ];
}
