// What a lead sees of the lab at a glance: each coder with the fingerprint of their registered card, the
// recordings assigned to them with the state of their coding, and the last packet each way.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getCodingState, type CodingState } from '../coding/index.ts';
import { consensusCoderCodes } from '../consensus/index.ts';
import { listCoders, retiredCoderIds, type CoderRole } from '../store/coders.ts';
import { statement } from '../store/statements.ts';
import { fingerprint } from './card.ts';
import { coderIdentity } from './coder-cards.ts';
import { assignedRecordingIds, lastPacket, type PacketRecord } from './exchange-log.ts';
import { hasIdentity, getPublicIdentity } from './identity.ts';
import { studyUid } from './study-id.ts';

export interface PacketMoment {
  sequence: number;
  at: string;
}

export interface LabCoder {
  code: string;
  name: string;
  role: CoderRole;
  /** Fingerprint of the registered identity card; null until one is registered. */
  fingerprint: string | null;
  assigned: { recording: string; state: CodingState }[];
  lastSent: PacketMoment | null;
  lastReceived: PacketMoment | null;
}

const moment = (p: PacketRecord | undefined): PacketMoment | null => (p ? { sequence: p.sequence, at: p.at } : null);

/** Every coder of the study but its own identity's person, retired coders and consensus codings' coders. */
export function labOverview(db: Database): LabCoder[] {
  const uid = studyUid(db);
  const self = hasIdentity(db) ? getPublicIdentity(db).code : null;
  const retired = retiredCoderIds(db);
  const consensus = consensusCoderCodes(db);
  const codeOf = statement(db, 'SELECT code FROM recordings WHERE id = ?');
  return listCoders(db)
    .filter((c) => c.code !== self && !retired.has(c.id) && !consensus.has(c.code))
    .map((c) => {
      const card = coderIdentity(db, c.code);
      return {
        code: c.code,
        name: c.name,
        role: c.role,
        fingerprint: card ? fingerprint(card) : null,
        assigned: assignedRecordingIds(db, c.id).map((id) => {
          const { code: recording } = codeOf.get(id) as { code: string };
          return { recording, state: getCodingState(db, recording, c.code) };
        }),
        lastSent: moment(lastPacket(db, 'out', 'assign', uid, c.id)),
        lastReceived: moment(lastPacket(db, 'in', 'return', uid, c.id)),
      };
    });
}
