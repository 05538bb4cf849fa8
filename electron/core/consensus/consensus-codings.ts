// Which codings are consensus codings. A coding's kind is data: the `kind` of its status row, 'consensus'
// when startConsensus began it (in the same transaction as the copy), 'own' for every person's coding.
// The audit log's consensus.start entry stays the record of it; the replay rebuilds the kind from it.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CodingRef } from '../coding/coding-ref.ts';
import { statement } from '../store/statements.ts';

export type CodingKind = 'own' | 'consensus';

/**
 * The lookups of consensus codings, named so a migration test can check their query plans. The kind is
 * written as a literal so SQLite may use the partial index coding_status_consensus.
 */
export const CONSENSUS_LOOKUPS = {
  codings: `SELECT r.code AS recording, c.code AS coder FROM coding_status s
    JOIN recordings r ON r.id = s.recording_id JOIN coders c ON c.id = s.coder_id
    WHERE s.kind = 'consensus' ORDER BY r.code, c.code`,
  coders: `SELECT code FROM coders WHERE id IN (SELECT coder_id FROM coding_status WHERE kind = 'consensus')`,
  codersOfRecording: `SELECT c.code FROM coding_status s JOIN recordings r ON r.id = s.recording_id JOIN coders c ON c.id = s.coder_id
    WHERE r.code = ? AND s.kind = 'consensus'`,
  kindOfCoding: 'SELECT kind FROM coding_status WHERE recording_id = ? AND coder_id = ?',
} as const;

/** The kind of a coding; one not begun has no status row and is nobody's consensus. */
export function codingKindOf(db: Database, ref: CodingRef): CodingKind {
  const row = statement(db, CONSENSUS_LOOKUPS.kindOfCoding).get(ref.recording.id, ref.coder.id) as { kind: CodingKind } | undefined;
  return row?.kind ?? 'own';
}

/** Makes the coding (its status row written by editCoding) a consensus coding: startConsensus's step. */
export function markConsensus(db: Database, ref: CodingRef): void {
  statement(db, "UPDATE coding_status SET kind = 'consensus' WHERE recording_id = ? AND coder_id = ?").run(ref.recording.id, ref.coder.id);
}

/** Every consensus coding, by recording and coder code. */
export function consensusCodings(db: Database): { recording: string; coder: string }[] {
  return statement(db, CONSENSUS_LOOKUPS.codings).all() as { recording: string; coder: string }[];
}

/** Coders whose coding of some recording is a consensus coding: nobody codes as them, a lead edits their codings. */
export function consensusCoderCodes(db: Database): Set<string> {
  return new Set((statement(db, CONSENSUS_LOOKUPS.coders).all() as { code: string }[]).map((r) => r.code));
}

/** The coders whose coding of the recording is a consensus coding. */
export function consensusCodersOf(db: Database, recording: string): Set<string> {
  return new Set((statement(db, CONSENSUS_LOOKUPS.codersOfRecording).all(recording) as { code: string }[]).map((r) => r.code));
}
