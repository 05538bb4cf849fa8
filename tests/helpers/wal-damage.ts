// The four ways a study's -wal gets damaged, done to the bytes as an accident or an attacker would, and a
// count of the committed transactions each puts at stake, read from the frame headers by this file's own
// simple walk (a frame belongs to the log when it carries the header's two salt words, which a log that
// restarted after a checkpoint changes; a commit frame has a non-zero "size after commit").

import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';

export type WalDamageCase = 'flipped byte in a committed frame' | 'truncated frame' | 'salt mismatch' | 'deleted -wal';
export const WAL_DAMAGE_CASES: readonly WalDamageCase[] = ['flipped byte in a committed frame', 'truncated frame', 'salt mismatch', 'deleted -wal'];

interface FrameAt {
  offset: number;
  commit: boolean;
}

/** The whole frames of the log's current run, in order (older frames left after a restart are skipped). */
export function walFrames(wal: Buffer): { pageSize: number; frames: FrameAt[] } {
  const pageSize = wal.readUInt32BE(8);
  const frames: FrameAt[] = [];
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    if (wal.readUInt32BE(offset + 8) !== wal.readUInt32BE(16) || wal.readUInt32BE(offset + 12) !== wal.readUInt32BE(20)) break;
    frames.push({ offset, commit: wal.readUInt32BE(offset + 4) !== 0 });
  }
  return { pageSize, frames };
}

/** Committed transactions in the log. */
export const commitsIn = (walPath: string): number => walFrames(readFileSync(walPath)).frames.filter((f) => f.commit).length;

/**
 * Damages `studyPath`'s log and returns how many committed transactions the damage puts at stake (for a
 * deleted log, 1: the index beside it says frames were committed, not how many transactions they were).
 */
export function damageWal(studyPath: string, how: WalDamageCase): number {
  const walPath = `${studyPath}-wal`;
  const wal = readFileSync(walPath);
  const { pageSize, frames } = walFrames(wal);
  const commits = frames.filter((f) => f.commit);
  if (commits.length === 0) throw new Error('the log holds no committed transaction to damage');
  const first = commits[0]!;
  const last = commits.at(-1)!;
  switch (how) {
    case 'flipped byte in a committed frame': {
      // In the middle of the first commit frame's page: it and every transaction after it fail the checksum chain.
      wal[first.offset + 24 + (pageSize >> 1)]! ^= 0x01;
      writeFileSync(walPath, wal);
      return commits.length;
    }
    case 'truncated frame':
      truncateSync(walPath, last.offset + 24 + (pageSize >> 1));
      return 1;
    case 'salt mismatch':
      wal[last.offset + 8 + 3]! ^= 0x01;
      writeFileSync(walPath, wal);
      return 1;
    case 'deleted -wal':
      rmSync(walPath);
      return 1;
  }
}
