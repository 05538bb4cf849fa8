// Types for a coding scheme held as data. A scheme is versioned by its `id`
// (e.g. '3rs-2015'); a lab can add another scheme without touching code paths.

export type Category = 'withdrawal' | 'confrontation' | 'resolution';

/** How sure the coder is that a marker meets criteria. */
export type Clarity = 'check' | 'check-minus';

export interface CodeDef {
  /** Short id, e.g. 'W1', 'C3', 'R10'. */
  id: string;
  category: Category;
  name: string;
  /** A few words that fit a scoresheet row where the name does not, e.g. 'Complaints: therapist'. */
  shortName: string;
  /** 1-3 sentences, in our own words. */
  definition: string;
  /** What it is easily mistaken for and how to tell them apart, in our own words. */
  notToConfuseWith: string;
  /** A KeyboardEvent.code, e.g. 'Digit1' or 'KeyQ'. */
  defaultKey: string;
}

export interface ScaleAnchor {
  value: number;
  label: string;
  description: string;
}

export interface ScaleDef {
  id: 'significance' | 'overall-resolution' | 'therapist-contribution';
  name: string;
  min: 1;
  max: 5;
  /** Where the coder starts before moving up or down, if the scale is anchored. */
  anchorAt?: number;
  anchors: ScaleAnchor[];
}

export interface RatingItemDef {
  id: string;
  label: string;
  scale: ScaleDef['id'];
  /** Set for the 24 per-code significance items. */
  code?: string;
  category?: Category;
}

export interface Scheme {
  id: string;
  title: string;
  categories: { id: Category; name: string; description: string; codePrefix: 'W' | 'C' | 'R' }[];
  codes: CodeDef[];
  scales: ScaleDef[];
  ratingItems: RatingItemDef[];
}
