import type { ReactNode } from 'react';
import { READINESS_LABELS, readinessAdvice, type Readiness } from '../media.ts';
import './MediaState.css';

/** A recording's media readiness: a coloured dot and a word, with what to do about it on hover. */
export function MediaState({ state, recording, children }: { state: Readiness; recording: string; children?: ReactNode }) {
  return (
    <span className={`media-state media-${state}`} title={readinessAdvice(state, recording) || undefined}>
      {READINESS_LABELS[state]}
      {children}
    </span>
  );
}
