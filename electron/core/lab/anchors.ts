// A workstation's promise to its lab: every return packet carried the audit head of the moment it was made,
// and the log must still hold each of them. verify checks it, as it checks an export manifest's anchor.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { checkAuditAnchor } from '../audit/audit-log.ts';
import { statement } from '../store/statements.ts';

/** Null when this study never sent a return packet; otherwise a sentence, or the first anchor that no longer holds. */
export function checkSentAnchors(db: Database): string | { fail: string } | null {
  const sent = statement(
    db,
    "SELECT sequence, anchor_seq AS seq, anchor_hash AS hash FROM lab_packets WHERE direction = 'out' AND kind = 'return' AND anchor_seq IS NOT NULL ORDER BY sequence",
  ).all() as { sequence: number; seq: number; hash: string }[];
  if (sent.length === 0) return null;
  for (const packet of sent) {
    const check = checkAuditAnchor(db, { seq: packet.seq, hash: packet.hash });
    if (!check.ok) return { fail: `return packet ${packet.sequence} signed audit entry ${packet.seq}, but ${check.reason}` };
  }
  const last = sent[sent.length - 1]!;
  return `the log still holds the audit heads of the ${sent.length} return packet${sent.length === 1 ? '' : 's'} sent to the lab (the last at entry ${last.seq})`;
}
