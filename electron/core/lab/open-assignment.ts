// At the coder's workstation: opening an assignment. The workstation study must already hold the coder's
// identity (the packet is encrypted to it); the first assignment links the study to its lab and trusts the
// lead's key — the coder compares the fingerprint shown with the lead's in person — and every later one must
// come from that lab and that key.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { recordingAvailability } from '../recordings/availability.ts';
import { findRecording, findRecordingByHash, insertRecording, NOT_PROBED, type Recording } from '../recordings/registry.ts';
import { renameRecording } from '../recordings/retire.ts';
import { getScheme, type Scheme } from '../scheme/index.ts';
import { getCoder } from '../store/coders.ts';
import { liveMarks } from '../store/settings.ts';
import { statement } from '../store/statements.ts';
import { assignBodySchema, type AssignBody } from './bodies.ts';
import { canonicalJson } from './canonical-json.ts';
import { sameKeys } from './card.ts';
import { applyCodingState, auditedCoding, checkCodingState, digestState, liveMarkIds, readCodingState, type CodingState } from './coding-state.ts';
import { assign, changedSinceExchange, lastPacket, packetByHash, recordPacket, setBaseline } from './exchange-log.ts';
import { getPrivateIdentity } from './identity.ts';
import { openPacket, type OpenedPacket } from './packet.ts';

export interface LabLink {
  studyUid: string;
  leadCode: string;
  leadRecipient: string;
  leadSigningKey: string;
}

export function labLink(db: Database): LabLink | undefined {
  const row = statement(db, 'SELECT study_uid, lead_code, lead_recipient, lead_signing_key FROM lab_link WHERE id = 1').get() as
    { study_uid: string; lead_code: string; lead_recipient: string; lead_signing_key: string } | undefined;
  return row && { studyUid: row.study_uid, leadCode: row.lead_code, leadRecipient: row.lead_recipient, leadSigningKey: row.lead_signing_key };
}

export interface AssignmentOpened {
  alreadyOpened: boolean;
  sequence: number;
  lead: string;
  leadFingerprint: string;
  /** True on the first assignment: the lead's key is trusted from now on, so compare its fingerprint in person. */
  firstContact: boolean;
  recordings: { code: string; located: boolean; coding: 'taken' | 'kept' | 'none' }[];
}

const refused = (code: 'INVALID_INPUT' | 'FORBIDDEN' | 'CONFLICT', why: string) => new AppError(code, `Packet refused: ${why}. Nothing was changed.`);

function checkScheme(body: AssignBody): Scheme {
  let scheme: Scheme;
  try {
    scheme = getScheme(body.scheme.id);
  } catch {
    throw refused('CONFLICT', `it uses the coding scheme "${body.scheme.id}", which this version of 3RS Station does not know; update the app`);
  }
  if (canonicalJson(scheme) !== canonicalJson(body.scheme.data)) {
    throw refused('CONFLICT', `the lab's scheme "${body.scheme.id}" differs from this app's; install the same version of 3RS Station as your lead`);
  }
  return scheme;
}

/** The lab's scheme and grid, so segments here are the lab's segments; refused once marks would move. */
function adoptSettings(db: Database, body: AssignBody, actor: string, at: string): void {
  const before = statement(
    db,
    'SELECT scheme_id AS schemeId, segment_seconds AS segmentSeconds, min_final_seconds AS minFinalSeconds, blind_coding AS blind FROM study WHERE id = 1',
  ).get() as {
    schemeId: string;
    segmentSeconds: number;
    minFinalSeconds: number;
    blind: number;
  };
  const after = {
    schemeId: body.scheme.id,
    segmentSeconds: body.settings.segmentSeconds,
    minFinalSeconds: body.settings.minFinalSeconds,
    blind: body.settings.blindCoding ? 1 : 0,
  };
  if (canonicalJson(before) === canonicalJson(after)) return;
  const gridMoves =
    before.schemeId !== after.schemeId || before.segmentSeconds !== after.segmentSeconds || before.minFinalSeconds !== after.minFinalSeconds;
  if (gridMoves && liveMarks(db) > 0) {
    throw refused(
      'CONFLICT',
      "the lab's scheme or segment grid differs from this study's, which already has marks; open it in a new workstation study",
    );
  }
  statement(
    db,
    'UPDATE study SET scheme_id = @schemeId, segment_seconds = @segmentSeconds, min_final_seconds = @minFinalSeconds, blind_coding = @blind WHERE id = 1',
  ).run(after);
  appendAudit(db, { actor, action: 'lab.settings', entity: 'study', entityId: 1, before, after }, at);
}

function placeRecording(db: Database, r: AssignBody['recordings'][number], actor: string): Recording {
  const same = findRecordingByHash(db, r.sha256);
  if (same) return same.code === r.code ? same : renameRecording(db, same.code, r.code, actor);
  if (findRecording(db, r.code)) throw refused('CONFLICT', `this study has another recording named ${r.code} (different content)`);
  // Not located yet: "3rs recording locate" finds the file by content and reads its media facts.
  return insertRecording(
    db,
    {
      code: r.code,
      dyad: r.dyad,
      sessionNumber: r.sessionNumber,
      path: '',
      sizeBytes: r.sizeBytes,
      sha256: r.sha256,
      durationMs: r.durationMs,
      ...NOT_PROBED,
    },
    actor,
  );
}

function checkSender(db: Database, opened: OpenedPacket): { firstContact: boolean } {
  const { document } = opened;
  const link = labLink(db);
  if (!link) return { firstContact: true };
  if (link.studyUid !== document.study) throw refused('FORBIDDEN', 'it is for another lab study than the one this workstation codes for');
  if (!sameKeys({ recipient: link.leadRecipient, signingKey: link.leadSigningKey }, document.sender)) {
    throw refused('FORBIDDEN', `it was signed by ${document.sender.code} with a key that is not your lead's (fingerprint ${opened.signer})`);
  }
  return { firstContact: false };
}

export async function openAssignment(db: Database, bytes: Uint8Array, actor: string): Promise<AssignmentOpened> {
  const me = getPrivateIdentity(db);
  const opened = await openPacket(bytes, me);
  const { document } = opened;
  if (document.kind !== 'assign')
    throw refused('INVALID_INPUT', 'it is a return packet; a lead imports it into the lab study with "3rs packet import"');
  const parsed = assignBodySchema.safeParse(document.body);
  if (!parsed.success) throw refused('INVALID_INPUT', 'its assignment is incomplete or malformed');
  const body = parsed.data;
  const scheme = checkScheme(body);
  return db.transaction((): AssignmentOpened => {
    const { firstContact } = checkSender(db, opened);
    const self = getCoder(db, me.code);
    const summary = { sequence: document.sequence, lead: document.sender.code, leadFingerprint: opened.signer, firstContact };
    if (packetByHash(db, opened.sha256)) {
      return {
        ...summary,
        alreadyOpened: true,
        firstContact: false,
        recordings: body.recordings.map((r) => ({ code: r.code, located: false, coding: 'none' })),
      };
    }
    const last = lastPacket(db, 'in', 'assign', document.study, self.id);
    if (last && document.sequence <= last.sequence) {
      throw refused('CONFLICT', `it is assignment ${document.sequence}, older than assignment ${last.sequence} already opened (a replay)`);
    }
    const at = new Date().toISOString();
    if (firstContact) {
      statement(db, 'INSERT INTO lab_link (id, study_uid, lead_code, lead_recipient, lead_signing_key, linked_at) VALUES (1, ?, ?, ?, ?, ?)').run(
        document.study,
        document.sender.code,
        document.sender.recipient,
        document.sender.signingKey,
        at,
      );
    }
    adoptSettings(db, body, actor, at);
    const taken: { recording: string; before: CodingState; after: ReturnType<typeof auditedCoding> }[] = [];
    const recordings = body.recordings.map((r) => {
      const rec = placeRecording(db, r, actor);
      const key = { recordingId: rec.id, coderId: self.id };
      assign(db, key, at);
      let coding: 'taken' | 'kept' | 'none' = 'none';
      if (r.coding !== null) {
        const before = readCodingState(db, key);
        if (changedSinceExchange(db, key, before)) coding = 'kept';
        else {
          checkCodingState(r.coding, scheme, rec.durationMs, rec.code);
          const liveBefore = liveMarkIds(db, key);
          applyCodingState(db, key, r.coding, at);
          setBaseline(db, key, digestState(r.coding), at);
          taken.push({ recording: rec.code, before, after: auditedCoding(db, key, { recording: rec.code, coder: self.code }, r.coding, liveBefore) });
          coding = 'taken';
        }
      }
      return { code: rec.code, located: rec.path !== '' && recordingAvailability(rec) === 'ok', coding };
    });
    recordPacket(db, {
      direction: 'in',
      kind: 'assign',
      studyUid: document.study,
      coderId: self.id,
      sequence: document.sequence,
      answersTo: document.answersTo,
      sha256: opened.sha256,
      signer: opened.signer,
      anchor: null,
      at,
    });
    appendAudit(
      db,
      {
        actor,
        action: 'packet.open',
        entity: 'packet',
        entityId: opened.sha256,
        before: { codings: taken.map((t) => ({ recording: t.recording, coder: self.code, state: t.before })) },
        after: {
          sha256: opened.sha256,
          signer: opened.signer,
          sequence: document.sequence,
          recordings: recordings.map((r) => r.code),
          codings: taken.map((t) => t.after),
        },
      },
      at,
    );
    return { ...summary, alreadyOpened: false, recordings };
  })();
}
