// Lead → coder: the assignment packet. It carries what the coder's workstation needs to code the chosen
// recordings exactly as the lab does (scheme, grid, blind setting), the recordings by content and this coder's
// own codings of them, and nothing of anyone else's.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { getRecording, type Recording } from '../recordings/registry.ts';
import { getScheme } from '../scheme/index.ts';
import { getCoder, retiredCoderIds } from '../store/coders.ts';
import { statement } from '../store/statements.ts';
import type { AssignBody } from './bodies.ts';
import { fingerprint } from './card.ts';
import { coderIdentity } from './coder-cards.ts';
import { digestState, isEmptyState, readCodingState } from './coding-state.ts';
import { assign, lastPacket, recordPacket, setBaseline } from './exchange-log.ts';
import { getPrivateIdentity } from './identity.ts';
import { packetSha256, sealPacket } from './packet.ts';
import { packetPath, writePacketFile } from './packet-file.ts';
import { retiredRecordingIds } from '../recordings/retire.ts';
import { studyUid } from './study-id.ts';

export interface AssignmentMade {
  path: string;
  sha256: string;
  sequence: number;
  coder: string;
  recordings: string[];
}

interface GridRow {
  scheme_id: string;
  segment_seconds: number;
  min_final_seconds: number;
  blind_coding: number;
}

function chosenRecordings(db: Database, codes: string[] | undefined): Recording[] {
  const retired = retiredRecordingIds(db);
  if (codes !== undefined) {
    const chosen = codes.map((c) => getRecording(db, c));
    const gone = chosen.find((r) => retired.has(r.id));
    if (gone) throw new AppError('CONFLICT', `${gone.code} is retired; bring it back before you assign it.`);
    if (chosen.length === 0) throw new AppError('INVALID_INPUT', 'Name at least one recording to assign.');
    return chosen;
  }
  const all = (statement(db, 'SELECT code FROM recordings WHERE retired = 0 ORDER BY code').all() as { code: string }[]).map((r) =>
    getRecording(db, r.code),
  );
  if (all.length === 0) throw new AppError('INVALID_INPUT', 'This study has no recordings to assign. Add them first with "3rs recording add".');
  return all;
}

/** Makes the packet, writes it to `out` (a folder or a new file) and records it, or changes nothing. */
export async function makeAssignment(
  db: Database,
  input: { coder: string; recordings?: string[]; out: string },
  actor: string,
): Promise<AssignmentMade> {
  const me = getPrivateIdentity(db);
  const coder = getCoder(db, input.coder);
  if (retiredCoderIds(db).has(coder.id))
    throw new AppError('CONFLICT', `${coder.code} is retired; bring them back ("3rs coder retire --restore") before assigning work.`);
  const card = coderIdentity(db, coder.code);
  if (!card)
    throw new AppError(
      'NOT_FOUND',
      `${coder.code} has no identity card in this study. Register it first: 3rs coder identity LAB --code ${coder.code} --identity CARD.`,
    );
  if (coder.code === me.code) throw new AppError('INVALID_INPUT', `${coder.code} is this study's own identity; assign work to a coder.`);
  const uid = studyUid(db);
  const recordings = chosenRecordings(db, input.recordings);
  const grid = statement(db, 'SELECT scheme_id, segment_seconds, min_final_seconds, blind_coding FROM study WHERE id = 1').get() as GridRow;
  const codings = recordings.map((r) => readCodingState(db, { recordingId: r.id, coderId: coder.id }));
  const body: AssignBody = {
    scheme: { id: grid.scheme_id, data: getScheme(grid.scheme_id) },
    settings: { segmentSeconds: grid.segment_seconds, minFinalSeconds: grid.min_final_seconds, blindCoding: grid.blind_coding === 1 },
    recordings: recordings.map((r, i) => ({
      code: r.code,
      dyad: r.dyad,
      sessionNumber: r.sessionNumber,
      durationMs: r.durationMs,
      sizeBytes: r.sizeBytes,
      sha256: r.sha256,
      coding: isEmptyState(codings[i]!) ? null : codings[i]!,
    })),
  };
  const sequence = (lastPacket(db, 'out', 'assign', uid, coder.id)?.sequence ?? 0) + 1;
  const answersTo = lastPacket(db, 'in', 'return', uid, coder.id)?.sequence ?? 0;
  const path = packetPath(input.out, `${coder.code}-assignment-${sequence}.age`);
  const bytes = await sealPacket(me, {
    kind: 'assign',
    study: uid,
    receiver: { code: coder.code, recipient: card.recipient },
    sequence,
    answersTo,
    body,
  });
  const sha256 = packetSha256(bytes);
  return db.transaction(() => {
    if ((lastPacket(db, 'out', 'assign', uid, coder.id)?.sequence ?? 0) + 1 !== sequence) {
      throw new AppError('CONFLICT', `Another assignment for ${coder.code} was made meanwhile. Make this one again.`);
    }
    const at = new Date().toISOString();
    recordings.forEach((r, i) => {
      const key = { recordingId: r.id, coderId: coder.id };
      assign(db, key, at);
      // What the coder now holds: a change the lab makes after this is found at the next import.
      setBaseline(db, key, digestState(codings[i]!), at);
    });
    recordPacket(db, {
      direction: 'out',
      kind: 'assign',
      studyUid: uid,
      coderId: coder.id,
      sequence,
      answersTo,
      sha256,
      signer: fingerprint(me),
      anchor: null,
      at,
    });
    appendAudit(
      db,
      {
        actor,
        action: 'packet.assign',
        entity: 'packet',
        entityId: sha256,
        after: { coder: coder.code, sequence, answersTo, sha256, recordings: recordings.map((r) => r.code) },
      },
      at,
    );
    writePacketFile(path, bytes);
    return { path, sha256, sequence, coder: coder.code, recordings: recordings.map((r) => r.code) };
  })();
}
