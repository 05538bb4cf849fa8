// Registry of coding schemes. Add a new scheme by adding a data module and one
// entry to `schemes`; nothing else should need to change.

import type { Category, CodeDef, Scheme } from './types.ts';
import { scheme3rs2015 } from './scheme-3rs-2015.ts';

export type { Category, Clarity, CodeDef, RatingItemDef, ScaleAnchor, ScaleDef, Scheme } from './types.ts';
export { scheme3rs2015 } from './scheme-3rs-2015.ts';

export const schemes: Record<string, Scheme> = Object.freeze({
  [scheme3rs2015.id]: scheme3rs2015,
});

export const DEFAULT_SCHEME_ID = '3rs-2015';

/** The scheme with this id; throws a plain Error naming the known ids if there is none. */
export function getScheme(id: string): Scheme {
  const scheme = Object.hasOwn(schemes, id) ? schemes[id] : undefined;
  if (!scheme) {
    const known = Object.keys(schemes)
      .map((k) => `'${k}'`)
      .join(', ');
    throw new Error(`Unknown coding scheme '${id}'. Known schemes: ${known}.`);
  }
  return scheme;
}

/** Each scheme's codes by id: looked up once for every mark a coding view lists. */
const codesById = new WeakMap<Scheme, Map<string, CodeDef>>();

/** The code with this id (e.g. 'W1') in the scheme, or undefined. */
export function codeById(scheme: Scheme, id: string): CodeDef | undefined {
  let byId = codesById.get(scheme);
  if (!byId) codesById.set(scheme, (byId = new Map(scheme.codes.map((c) => [c.id, c]))));
  return byId.get(id);
}

/** True for the two rupture categories (withdrawal, confrontation); false for resolution. */
export function isRuptureCategory(cat: Category): cat is 'withdrawal' | 'confrontation' {
  return cat === 'withdrawal' || cat === 'confrontation';
}

/** Ids of the scheme's global rating items, in scoresheet order. */
export function ratingItemIds(scheme: Scheme): string[] {
  return scheme.ratingItems.map((item) => item.id);
}
