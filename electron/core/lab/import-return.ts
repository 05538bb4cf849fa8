// At the lead: a coder's return packet, inspected (nothing changes) or imported (one transaction, one audit
// entry). Every check runs before the first write, so a refused packet leaves the lab study as it was.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { consensusCoderCodes } from '../consensus/index.ts';
import { AppError } from '../errors.ts';
import { findRecordingByHash, type Recording } from '../recordings/registry.ts';
import { getScheme } from '../scheme/index.ts';
import { findCoder, type Coder } from '../store/coders.ts';
import { statement } from '../store/statements.ts';
import { returnBodySchema, type ReturnBody } from './bodies.ts';
import { coderByKeys } from './coder-cards.ts';
import {
  applyCodingState,
  auditedCoding,
  checkCodingState,
  diffStates,
  digestState,
  liveMarkIds,
  readCodingState,
  type CodingState,
  type StateDiff,
} from './coding-state.ts';
import { changedSinceExchange, lastPacket, packetByHash, recordPacket, setBaseline } from './exchange-log.ts';
import { getPrivateIdentity } from './identity.ts';
import { openPacket, type OpenedPacket } from './packet.ts';
import { studyUid } from './study-id.ts';

export interface RecordingChange extends StateDiff {
  recording: string;
  /** The lab changed this coding since the last exchange with the coder: applied only with take-theirs. */
  labChanged: boolean;
}

export interface PacketReview {
  coder: string;
  sequence: number;
  answersTo: number;
  sha256: string;
  signer: string;
  alreadyImported: boolean;
  recordings: RecordingChange[];
}

export interface ImportResult extends PacketReview {
  applied: boolean;
  tookTheirs: boolean;
}

interface Plan {
  review: PacketReview;
  coder: Coder;
  opened: OpenedPacket;
  body: ReturnBody;
  items: { rec: Recording; before: CodingState; after: CodingState }[];
}

const refused = (code: 'INVALID_INPUT' | 'FORBIDDEN' | 'CONFLICT', why: string) => new AppError(code, `Packet refused: ${why}. Nothing was changed.`);

function signerCoder(db: Database, opened: OpenedPacket): Coder {
  const { sender } = opened.document;
  const coder = coderByKeys(db, sender);
  if (coder) return coder;
  const named = findCoder(db, sender.code);
  throw refused(
    'FORBIDDEN',
    named
      ? `it is signed by a key not registered for ${named.code} (fingerprint ${opened.signer}); if ${named.code} has a new identity, register it with "3rs coder identity"`
      : `it is signed by ${sender.code}, whose key is not registered in this study (fingerprint ${opened.signer})`,
  );
}

/** Everything an import checks, run inside the transaction that applies it (or alone, for inspect). */
function plan(db: Database, opened: OpenedPacket): Plan {
  const { document } = opened;
  if (document.kind !== 'return') throw refused('INVALID_INPUT', 'it is an assignment; a coder opens it on their workstation with "3rs packet open"');
  if (document.study !== studyUid(db)) throw refused('FORBIDDEN', 'it belongs to another study');
  const coder = signerCoder(db, opened);
  if (consensusCoderCodes(db).has(coder.code))
    throw refused('FORBIDDEN', `${coder.code} is the coder of consensus codings, which packets never change`);
  const parsed = returnBodySchema.safeParse(document.body);
  if (!parsed.success) throw refused('INVALID_INPUT', 'its codings are incomplete or malformed');
  const body = parsed.data;
  const base = { coder: coder.code, sequence: document.sequence, answersTo: document.answersTo, sha256: opened.sha256, signer: opened.signer };
  if (packetByHash(db, opened.sha256)) return { review: { ...base, alreadyImported: true, recordings: [] }, coder, opened, body, items: [] };
  const uid = document.study;
  const last = lastPacket(db, 'in', 'return', uid, coder.id);
  if (last && document.sequence <= last.sequence) {
    throw refused(
      'CONFLICT',
      `it is ${coder.code}'s return packet ${document.sequence}, older than packet ${last.sequence} already imported (a replay)`,
    );
  }
  if (last?.anchor && body.audit.head.seq < last.anchor.seq) {
    throw refused('CONFLICT', `${coder.code}'s audit log ends before the point packet ${last.sequence} signed (its history went backwards)`);
  }
  // The entries are signed with the rest; each must come from the log the head ends.
  for (const entry of body.audit.entries) {
    if (entry.seq > body.audit.head.seq)
      throw refused('INVALID_INPUT', `its audit entry ${entry.seq} lies beyond the head it names (${body.audit.head.seq})`);
  }
  const scheme = getScheme((statement(db, 'SELECT scheme_id FROM study WHERE id = 1').get() as { scheme_id: string }).scheme_id);
  const assigned = statement(db, 'SELECT 1 FROM lab_assignments WHERE recording_id = ? AND coder_id = ?');
  const seen = new Set<string>();
  const items = body.recordings.map((r) => {
    const rec = findRecordingByHash(db, r.sha256);
    if (!rec || !assigned.get(rec.id, coder.id))
      throw refused('FORBIDDEN', `it holds a coding of ${r.code}, which is not assigned to ${coder.code} in this study`);
    if (seen.has(r.sha256)) throw refused('INVALID_INPUT', `it holds two codings of ${rec.code}`);
    seen.add(r.sha256);
    checkCodingState(r.coding, scheme, rec.durationMs, rec.code);
    return { rec, before: readCodingState(db, { recordingId: rec.id, coderId: coder.id }), after: r.coding };
  });
  const recordings = items.map(({ rec, before, after }) => ({
    recording: rec.code,
    ...diffStates(before, after),
    labChanged: changedSinceExchange(db, { recordingId: rec.id, coderId: coder.id }, before),
  }));
  return { review: { ...base, alreadyImported: false, recordings }, coder, opened, body, items };
}

/** What the packet would change, per recording; changes nothing. */
export async function inspectReturn(db: Database, bytes: Uint8Array): Promise<PacketReview> {
  const opened = await openPacket(bytes, getPrivateIdentity(db));
  return plan(db, opened).review;
}

/**
 * Applies the packet: the coder's codings in the lab take the packet's state. Refused when the lab changed one
 * of them since the last exchange (a lead reopened it, say), unless `takeTheirs`. Consensus codings are another
 * coder's and never touched. The same packet again changes nothing.
 */
export async function importReturn(db: Database, bytes: Uint8Array, options: { takeTheirs?: boolean }, actor: string): Promise<ImportResult> {
  return importOpenedReturn(db, await openPacket(bytes, getPrivateIdentity(db)), options, actor);
}

/** The import of a packet already decrypted and its signature checked (a folder's packets are opened first, to go in order). */
export function importOpenedReturn(db: Database, opened: OpenedPacket, options: { takeTheirs?: boolean }, actor: string): ImportResult {
  return db.transaction((): ImportResult => {
    const p = plan(db, opened);
    const takeTheirs = options.takeTheirs === true;
    if (p.review.alreadyImported) return { ...p.review, applied: false, tookTheirs: false };
    const changed = p.review.recordings.filter((r) => r.labChanged).map((r) => r.recording);
    if (changed.length > 0 && !takeTheirs) {
      throw refused(
        'CONFLICT',
        `the lab changed ${p.coder.code}'s coding of ${changed.join(', ')} since the last exchange (a lead reopened or edited it); inspect it, then import with --take-theirs to apply the packet anyway`,
      );
    }
    const at = new Date().toISOString();
    const { document } = p.opened;
    const codings = p.items.map(({ rec, before, after }) => {
      const key = { recordingId: rec.id, coderId: p.coder.id };
      const liveBefore = liveMarkIds(db, key);
      const digest = digestState(after);
      if (digestState(before) !== digest) applyCodingState(db, key, after, at);
      setBaseline(db, key, digest, at);
      return auditedCoding(db, key, { recording: rec.code, coder: p.coder.code }, after, liveBefore);
    });
    const anchor = p.body.audit.head;
    recordPacket(db, {
      direction: 'in',
      kind: 'return',
      studyUid: document.study,
      coderId: p.coder.id,
      sequence: document.sequence,
      answersTo: document.answersTo,
      sha256: p.opened.sha256,
      signer: p.opened.signer,
      anchor,
      at,
    });
    appendAudit(
      db,
      {
        actor,
        action: 'packet.import',
        entity: 'packet',
        entityId: p.opened.sha256,
        before: { codings: p.items.map((i) => ({ recording: i.rec.code, coder: p.coder.code, state: i.before })) },
        after: {
          sha256: p.opened.sha256,
          signer: p.opened.signer,
          coder: p.coder.code,
          sequence: document.sequence,
          answersTo: document.answersTo,
          anchor,
          takeTheirs: takeTheirs && changed.length > 0,
          codings,
          // The coder's own entries stay in the packet (signed, and readable with age and the lab's key); the lab's
          // log keeps which they were, and the head above, which the coder's study must still hold.
          coderAudit: { entries: p.body.audit.entries.length, seqs: p.body.audit.entries.map((e) => e.seq) },
        },
      },
      at,
    );
    return { ...p.review, applied: true, tookTheirs: takeTheirs && changed.length > 0 };
  })();
}
