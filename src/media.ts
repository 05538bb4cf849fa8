// Whether a recording can be played now, and if not, what the coder can do about it. Read from what
// the core reports (recordings.list and media.info carry the same four facts).

import type { MediaInfo } from '../electron/core/api/contract.ts';

export type MediaFacts = Pick<MediaInfo, 'playable' | 'proxy' | 'available' | 'audioOnly'>;

export type Readiness =
  /** Plays now: the original as it is, or its playable copy. */
  | 'ready'
  /** The format needs a playable copy, and the original is there to make it from. */
  | 'needs-copy'
  | 'copy-failed'
  /** The original is not where the study expects it (and no playable copy stands in for it). */
  | 'missing'
  | 'changed'
  | 'unplayable';

export function readiness({ playable, proxy, available }: MediaFacts): Readiness {
  if (playable === 'none') return 'unplayable';
  // A ready copy lives in the study's media file: it plays even if the original moved.
  if (playable === 'proxy' && proxy === 'ready') return 'ready';
  if (available !== 'ok') return available;
  if (playable === 'direct') return 'ready';
  return proxy === 'failed' ? 'copy-failed' : 'needs-copy';
}

export const READINESS_LABELS: Record<Readiness, string> = {
  ready: 'Ready',
  'needs-copy': 'Needs a playable copy',
  'copy-failed': 'Copy failed',
  missing: 'File missing',
  changed: 'File changed',
  unplayable: 'Cannot play',
};

/** What the player area says when it cannot play, and what to do. */
export function readinessAdvice(state: Readiness, code: string): string {
  switch (state) {
    case 'ready':
      return '';
    case 'needs-copy':
      return `${code} is in a format the player cannot read. Make a playable copy once (it stays encrypted in the study); you can mark meanwhile.`;
    case 'copy-failed':
      return `Making a playable copy of ${code} failed. Try again; if it fails again, check the original with another player.`;
    case 'missing':
      return `The original of ${code} is not where it was added. If it was moved or renamed, relink it to its new place.`;
    case 'changed':
      return `The file where ${code} was added is now a different file. Relink the recording to the original.`;
    case 'unplayable':
      return `${code} has no stream the app can decode, so it cannot be played here.`;
  }
}
