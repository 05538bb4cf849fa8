// The scale a global rating item is rated on, looked up in the scheme the core sent.

import type { RatingItemDef, ScaleDef, Scheme } from '../electron/core/scheme/types.ts';

export const scaleOf = (scheme: Scheme, item: RatingItemDef): ScaleDef | undefined => scheme.scales.find((s) => s.id === item.scale);
