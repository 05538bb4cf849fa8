// manifest.json: what an export holds and how it was made, so an analyst can check it is complete and
// unchanged (row counts, SHA-256 of each file) and knows what was removed from it.

import packageJson from '../../../package.json' with { type: 'json' };
import type { AuditAnchor } from '../audit/audit-log.ts';
import type { CheckMinus } from '../reliability/index.ts';
import type { ExportFormat } from './serialize.ts';

export interface ManifestFile {
  name: string;
  rows: number;
  sha256: string;
}

/** A started coding not signed off as complete when the export was made. */
export interface UnfinishedListed {
  recording: string;
  coder: string;
  status: string;
}

/** Unfinished codings, when there are any, and whether the reliability compared them (by default it does not). */
interface UnfinishedNote {
  unfinished?: UnfinishedListed[];
  unfinishedCompared?: boolean;
}

/** Whether the export has a reliability table; when it has, whom it compares over which recordings, and who was left out and why. */
export type ReliabilityIncluded =
  | ({ included: true; coders: string[]; recordings: string[]; leftOut?: string[]; note?: string } & UnfinishedNote)
  | ({ included: false; reason: string } & UnfinishedNote);

export interface ExportManifest {
  app: string;
  appVersion: string;
  scheme: string;
  segmentSeconds: number;
  /** A final part of a recording shorter than this (seconds) joined the previous segment; 0: never. */
  minFinalSeconds: number;
  /** The export's date (YYYY-MM-DD, local time): the only date anywhere in the export. */
  exportDate: string;
  format: ExportFormat;
  /** Whether a check-minus mark counts as its code being present in the presence columns and the reliability. */
  checkMinus: CheckMinus;
  notesIncluded: boolean;
  recordings: string[];
  coders: string[];
  codings: number;
  reliability: ReliabilityIncluded;
  /** Set when coding has not always been blind in the study: its codings may not be independent. */
  blindCodingNote: string | null;
  /**
   * The study's audit chain head when the export read it: `3rs study verify STUDY --anchor manifest.json` later
   * proves the study's history up to this export was not rewritten. A position and a hash: they reveal nothing.
   */
  auditHead: AuditAnchor;
  files: ManifestFile[];
  deidentification: string[];
}

export const MANIFEST_NAME = 'manifest.json';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Today's date where the export is made, without the time of day. */
export function exportDate(now: Date): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

export function deidentificationRules(notesIncluded: boolean): string[] {
  return [
    'Recordings appear only by their study code: no video file names, folders or paths, and no hashes of the videos.',
    'Coders appear only by their code: no names.',
    'Times are positions in the recording (seconds from its start). No dates or clock times: not when anything was added, coded, changed or watched; the only date is the export date.',
    notesIncluded
      ? 'Free-text notes ARE included, on request: mark notes in the note column of events, segment notes in segment-notes. Notes may name or describe people: read them before sharing.'
      : 'No free-text notes: neither notes on marks nor notes on segments.',
    'The audit trail and the edit history stay in the study.',
    'Recording, dyad and coder codes are chosen by the lab: they identify no one only if the lab chose codes that do not.',
  ];
}

export const APP = { name: '3RS Station', version: packageJson.version };
