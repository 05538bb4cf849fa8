// Importing several return packets at once (files chosen, or an inbox folder): every packet is opened first,
// then applied oldest first per coder, each in its own transaction, so one refused packet changes nothing and
// does not stop the others.

import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError, toErrorValue, type ErrorValue } from '../errors.ts';
import { getPrivateIdentity } from './identity.ts';
import { importOpenedReturn, inspectReturn, type ImportResult, type PacketReview } from './import-return.ts';
import { openPacket, type OpenedPacket } from './packet.ts';
import { PACKET_EXTENSION, readPacketFile } from './packet-file.ts';

export type PacketOutcome<T> = { file: string; ok: true; value: T } | { file: string; ok: false; error: ErrorValue };

/** The packet files of an inbox folder, by name. */
export function inboxPackets(folder: string): string[] {
  const dir = resolve(folder);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new AppError('FILE_NOT_FOUND', `${dir} is not a folder that can be read. Check the path of the inbox folder.`);
  }
  const files = names
    .filter((n) => n.endsWith(PACKET_EXTENSION))
    .sort()
    .map((n) => join(dir, n));
  if (files.length === 0) throw new AppError('NOT_FOUND', `There are no ${PACKET_EXTENSION} files in ${dir}.`);
  return files;
}

const refusal = <T>(file: string, err: unknown): PacketOutcome<T> => ({ file, ok: false, error: toErrorValue(err) });

/** What each packet would change; changes nothing. A bad packet answers with its refusal. */
export async function inspectPackets(db: Database, files: string[]): Promise<PacketOutcome<PacketReview>[]> {
  const outcomes: PacketOutcome<PacketReview>[] = [];
  for (const file of files) {
    try {
      outcomes.push({ file, ok: true, value: await inspectReturn(db, readPacketFile(file)) });
    } catch (err) {
      outcomes.push(refusal(file, err));
    }
  }
  return outcomes;
}

/** Imports every packet it can, in the order the files were given for refusals, oldest first per coder for the rest. */
export async function importPackets(
  db: Database,
  files: string[],
  options: { takeTheirs?: boolean },
  actor: string,
): Promise<PacketOutcome<ImportResult>[]> {
  const me = getPrivateIdentity(db);
  const outcomes: PacketOutcome<ImportResult>[] = [];
  const opened: { file: string; packet: OpenedPacket }[] = [];
  for (const file of files) {
    try {
      opened.push({ file, packet: await openPacket(readPacketFile(file), me) });
    } catch (err) {
      outcomes.push(refusal(file, err));
    }
  }
  // Oldest first per coder, so a folder holding several packets of one coder is not refused as replays.
  opened.sort(
    (a, b) =>
      a.packet.document.sender.signingKey.localeCompare(b.packet.document.sender.signingKey) ||
      a.packet.document.sequence - b.packet.document.sequence,
  );
  for (const { file, packet } of opened) {
    try {
      outcomes.push({ file, ok: true, value: importOpenedReturn(db, packet, options, actor) });
    } catch (err) {
      outcomes.push(refusal(file, err));
    }
  }
  return outcomes;
}
