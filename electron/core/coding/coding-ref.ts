import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getRecording, type Recording } from '../recordings/registry.ts';
import { getScheme, type Scheme } from '../scheme/index.ts';
import { getCoder, type Coder } from '../store/coders.ts';
import { getSettings } from '../store/settings.ts';

/** One coding: one coder's work on one recording. */
export interface CodingRef {
  recording: Recording;
  coder: Coder;
}

/** Resolves the codes the API speaks in; unknown codes throw NOT_FOUND with a hint. */
export function resolveCoding(db: Database, recording: string, coder: string): CodingRef {
  return { recording: getRecording(db, recording), coder: getCoder(db, coder) };
}

/** Names a coding in audit entries and messages, e.g. 'D01-S01/C01'. */
export function codingLabel(ref: CodingRef): string {
  return `${ref.recording.code}/${ref.coder.code}`;
}

export function studyScheme(db: Database): Scheme {
  return getScheme(getSettings(db).schemeId);
}
