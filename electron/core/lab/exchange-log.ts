// What a study remembers of its packets: each one made or taken in (sequence, hash, signer, anchor), which
// recordings are assigned to whom, and the state of each coding at its last exchange.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { statement } from '../store/statements.ts';
import { digestState, isEmptyState, readCodingState, type CodingKey, type CodingState } from './coding-state.ts';
import type { PacketKind } from './packet.ts';

export type Direction = 'in' | 'out';

export interface PacketRecord {
  direction: Direction;
  kind: PacketKind;
  studyUid: string;
  coderId: number;
  sequence: number;
  answersTo: number;
  sha256: string;
  signer: string;
  anchor: { seq: number; hash: string } | null;
  at: string;
}

interface PacketRow {
  direction: Direction;
  kind: PacketKind;
  study_uid: string;
  coder_id: number;
  sequence: number;
  answers_to: number;
  sha256: string;
  signer: string;
  anchor_seq: number | null;
  anchor_hash: string | null;
  at: string;
}

const fromRow = (r: PacketRow): PacketRecord => ({
  direction: r.direction,
  kind: r.kind,
  studyUid: r.study_uid,
  coderId: r.coder_id,
  sequence: r.sequence,
  answersTo: r.answers_to,
  sha256: r.sha256,
  signer: r.signer,
  anchor: r.anchor_seq === null || r.anchor_hash === null ? null : { seq: r.anchor_seq, hash: r.anchor_hash },
  at: r.at,
});

/** The latest packet of a kind in one direction with one coder of one study, or undefined. */
export function lastPacket(db: Database, direction: Direction, kind: PacketKind, studyUid: string, coderId: number): PacketRecord | undefined {
  const row = statement(
    db,
    'SELECT * FROM lab_packets WHERE direction = ? AND kind = ? AND study_uid = ? AND coder_id = ? ORDER BY sequence DESC LIMIT 1',
  ).get(direction, kind, studyUid, coderId) as PacketRow | undefined;
  return row && fromRow(row);
}

export function packetByHash(db: Database, sha256: string): PacketRecord | undefined {
  const row = statement(db, 'SELECT * FROM lab_packets WHERE sha256 = ?').get(sha256) as PacketRow | undefined;
  return row && fromRow(row);
}

export function packetsWith(db: Database, coderId: number): PacketRecord[] {
  return (statement(db, 'SELECT * FROM lab_packets WHERE coder_id = ? ORDER BY id').all(coderId) as PacketRow[]).map(fromRow);
}

export function recordPacket(db: Database, p: PacketRecord): void {
  statement(
    db,
    `INSERT INTO lab_packets (direction, kind, study_uid, coder_id, sequence, answers_to, sha256, signer, anchor_seq, anchor_hash, at)
     VALUES (@direction, @kind, @studyUid, @coderId, @sequence, @answersTo, @sha256, @signer, @anchorSeq, @anchorHash, @at)`,
  ).run({
    direction: p.direction,
    kind: p.kind,
    studyUid: p.studyUid,
    coderId: p.coderId,
    sequence: p.sequence,
    answersTo: p.answersTo,
    sha256: p.sha256,
    signer: p.signer,
    anchorSeq: p.anchor?.seq ?? null,
    anchorHash: p.anchor?.hash ?? null,
    at: p.at,
  });
}

/** Recording ids assigned to a coder, in code order. */
export function assignedRecordingIds(db: Database, coderId: number): number[] {
  return (
    statement(
      db,
      'SELECT a.recording_id AS id FROM lab_assignments a JOIN recordings r ON r.id = a.recording_id WHERE a.coder_id = ? ORDER BY r.code',
    ).all(coderId) as { id: number }[]
  ).map((r) => r.id);
}

export function assign(db: Database, key: CodingKey, at: string): void {
  statement(db, 'INSERT INTO lab_assignments (recording_id, coder_id, assigned_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
    key.recordingId,
    key.coderId,
    at,
  );
}

export function setBaseline(db: Database, key: CodingKey, digest: string, at: string): void {
  statement(
    db,
    `INSERT INTO lab_sync (recording_id, coder_id, digest, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (recording_id, coder_id) DO UPDATE SET digest = excluded.digest, at = excluded.at`,
  ).run(key.recordingId, key.coderId, digest, at);
}

/**
 * Whether this side changed the coding since its last exchange: its state differs from the one recorded then
 * (or, never exchanged, it is not empty). A packet may replace a coding only when it was not.
 */
export function changedSinceExchange(db: Database, key: CodingKey, state: CodingState = readCodingState(db, key)): boolean {
  const row = statement(db, 'SELECT digest FROM lab_sync WHERE recording_id = ? AND coder_id = ?').get(key.recordingId, key.coderId) as
    { digest: string } | undefined;
  return row === undefined ? !isEmptyState(state) : row.digest !== digestState(state);
}
