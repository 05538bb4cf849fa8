// Who may see or change a coding that is not their own. Coding is blind (unless a lead turns that off for
// the study): a coder sees only their own coding, and writes only their own either way. A lead sees
// everyone's (the reliability report, comparisons, the export) and may edit a consensus coding, but never
// an ordinary coder's work. A trainee may check their coding against a
// reference coding: a lead's or a consensus coding, never a fellow coder's (that would unblind them).
//
// A consensus coding is one that startConsensus began: its record is the audit log's consensus.start entry.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { codingLabel, resolveCoding } from '../coding/coding-ref.ts';
import { CONSENSUS_START, consensusCodings } from '../consensus/index.ts';
import { AppError } from '../errors.ts';
import { getRecording } from '../recordings/registry.ts';
import type { Coder } from '../store/coders.ts';
import { getSettings } from '../store/settings.ts';
import { statement } from '../store/statements.ts';

export function requireLead(coder: Coder, what: string): void {
  if (coder.role !== 'lead') {
    throw new AppError('FORBIDDEN', `Only a lead can ${what}: it is a lead’s task in this study. Ask a lead of this study.`);
  }
}

/** Whether `me` may look at codings not their own: a lead always, a coder only when a lead turned blind coding off. */
export function maySeeOthers(db: Database, me: Coder): boolean {
  return me.role === 'lead' || !getSettings(db).blindCoding;
}

/** Whether `coder`'s coding of `recording` was begun by startConsensus. Unknown codes throw NOT_FOUND. */
export function isConsensusCoding(db: Database, recording: string, coder: string): boolean {
  const label = codingLabel(resolveCoding(db, recording, coder));
  const row = statement(db, "SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = ? AND entity = 'coding' AND entity_id = ?) AS found").get(
    CONSENSUS_START,
    label,
  ) as { found: number };
  return row.found === 1;
}

/** The coders whose coding of `recording` is a consensus coding. */
export function consensusCoders(db: Database, recording: string): Set<string> {
  const { code } = getRecording(db, recording);
  return new Set(consensusCodings(db).flatMap((c) => (c.recording === code ? [c.coder] : [])));
}

/**
 * The coding a write acts on: the chosen coder's own, or (named by `coder`) a consensus coding when the
 * chosen coder is a lead. The audit names the chosen coder as the actor either way.
 */
export function writableCoding(db: Database, me: Coder, recording: string, coder: string | undefined): string {
  if (coder === undefined || coder === me.code) return me.code;
  if (me.role !== 'lead') {
    throw new AppError('FORBIDDEN', `You can change only your own coding, not ${coder}’s.`);
  }
  if (!isConsensusCoding(db, recording, coder)) {
    throw new AppError(
      'FORBIDDEN',
      `${coder}’s coding of ${recording} is that coder’s own work, so not even a lead may change it. A lead edits only consensus codings: compare the codings and start a consensus from one of them.`,
    );
  }
  return coder;
}
