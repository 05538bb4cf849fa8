/**
 * The attributes of an input for the segment length, in seconds: the whole numbers from 1 the core accepts
 * (electron/core/coding/segments.ts), so the browser steers the entry before the core has to refuse it.
 */
export const SEGMENT_SECONDS_INPUT = { type: 'number', min: 1, step: 1, inputMode: 'numeric' } as const;
