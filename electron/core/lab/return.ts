// At the coder's workstation: the return packet. It carries the coder's codings of every recording assigned to
// them, the workstation's audit entries about those codings, and the audit head, which the lab keeps as an
// anchor. Nothing else of the workstation leaves it: no path, no other recording.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit, auditHead, checkAuditAnchor, fromRow, type AuditRecord, type AuditRow } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { getCoder } from '../store/coders.ts';
import { statement } from '../store/statements.ts';
import type { ReturnBody } from './bodies.ts';
import { fingerprint } from './card.ts';
import { digestState, readCodingState } from './coding-state.ts';
import { assignedRecordingIds, lastPacket, recordPacket, setBaseline } from './exchange-log.ts';
import { getPrivateIdentity } from './identity.ts';
import { labLink } from './open-assignment.ts';
import { packetSha256, sealPacket } from './packet.ts';
import { packetPath, writePacketFile } from './packet-file.ts';

export interface ReturnMade {
  path: string;
  sha256: string;
  sequence: number;
  recordings: string[];
  anchor: { seq: number; hash: string };
}

/** Audit actions about a coding's content, whose entries travel with it. */
const CODING_ENTITIES = ['event', 'rating', 'segment-note', 'segment', 'coding'];

/** The entries about these codings: by coding label (`D01-S01/C01…`), and marks by their ids. */
function codingEntries(db: Database, codings: { label: string; recordingId: number }[], coderId: number): AuditRecord[] {
  const labels = new Set(codings.map((c) => c.label));
  const eventIds = new Set<string>();
  const events = statement(db, 'SELECT id FROM events WHERE recording_id = ? AND coder_id = ?');
  for (const c of codings) for (const row of events.all(c.recordingId, coderId) as { id: number }[]) eventIds.add(String(row.id));
  const entries: AuditRecord[] = [];
  const placeholders = CODING_ENTITIES.map(() => '?').join(', ');
  for (const row of db
    .prepare(`SELECT * FROM audit_log WHERE entity IN (${placeholders}) ORDER BY seq`)
    .iterate(...CODING_ENTITIES) as IterableIterator<AuditRow>) {
    const id = row.entity_id ?? '';
    // Marks are named by id (an import by coding label); the rest by `RECORDING/CODER[/item or segment]`.
    const ours = row.entity === 'event' ? eventIds.has(id) || labels.has(id) : labels.has(id.split('/').slice(0, 2).join('/'));
    if (!ours) continue;
    entries.push(fromRow(row));
  }
  return entries;
}

export async function makeReturn(db: Database, input: { out: string }, actor: string): Promise<ReturnMade> {
  const me = getPrivateIdentity(db);
  const link = labLink(db);
  if (!link) throw new AppError('NOT_FOUND', 'This study has no assignment yet: open one from your lead first ("3rs packet open").');
  const self = getCoder(db, me.code);
  const previous = lastPacket(db, 'out', 'return', link.studyUid, self.id);
  // The log this packet extends must still hold what the last one signed: a rewritten history is not sent on.
  if (previous?.anchor) {
    const check = checkAuditAnchor(db, previous.anchor);
    if (!check.ok)
      throw new AppError(
        'STUDY_CORRUPT',
        `This study's audit log no longer holds what return packet ${previous.sequence} signed: ${check.reason}. Run "3rs study verify".`,
      );
  }
  const recordingIds = assignedRecordingIds(db, self.id);
  const recordings = recordingIds.map(
    (id) => statement(db, 'SELECT id, code, sha256 FROM recordings WHERE id = ?').get(id) as { id: number; code: string; sha256: string },
  );
  const states = recordings.map((r) => readCodingState(db, { recordingId: r.id, coderId: self.id }));
  const head = auditHead(db);
  const body: ReturnBody = {
    recordings: recordings.map((r, i) => ({ code: r.code, sha256: r.sha256, coding: states[i]! })),
    audit: {
      entries: codingEntries(
        db,
        recordings.map((r) => ({ label: `${r.code}/${self.code}`, recordingId: r.id })),
        self.id,
      ),
      head,
    },
  };
  const sequence = (previous?.sequence ?? 0) + 1;
  const answersTo = lastPacket(db, 'in', 'assign', link.studyUid, self.id)?.sequence ?? 0;
  const path = packetPath(input.out, `${self.code}-return-${sequence}.age`);
  const bytes = await sealPacket(me, {
    kind: 'return',
    study: link.studyUid,
    receiver: { code: link.leadCode, recipient: link.leadRecipient },
    sequence,
    answersTo,
    body,
  });
  const sha256 = packetSha256(bytes);
  return db.transaction((): ReturnMade => {
    if ((lastPacket(db, 'out', 'return', link.studyUid, self.id)?.sequence ?? 0) + 1 !== sequence) {
      throw new AppError('CONFLICT', 'Another return packet was made meanwhile. Make this one again.');
    }
    const at = new Date().toISOString();
    recordings.forEach((r, i) => setBaseline(db, { recordingId: r.id, coderId: self.id }, digestState(states[i]!), at));
    recordPacket(db, {
      direction: 'out',
      kind: 'return',
      studyUid: link.studyUid,
      coderId: self.id,
      sequence,
      answersTo,
      sha256,
      signer: fingerprint(me),
      anchor: head,
      at,
    });
    appendAudit(
      db,
      {
        actor,
        action: 'packet.return',
        entity: 'packet',
        entityId: sha256,
        after: { sequence, answersTo, sha256, anchor: head, recordings: recordings.map((r) => r.code) },
      },
      at,
    );
    writePacketFile(path, bytes);
    return { path, sha256, sequence, recordings: recordings.map((r) => r.code), anchor: head };
  })();
}
