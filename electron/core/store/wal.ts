// Reads a study's write-ahead log (the `-wal` file beside it) the way SQLite's recovery does, to find committed
// transactions that SQLite would drop without a word: recovery keeps frames up to the first one that fails its
// salt or checksum test and treats everything after it as never written. Format: https://sqlite.org/fileformat.html
// (4.1 WAL file format, 4.4 checksum algorithm, 4.5 wal-index header). SQLite3 Multiple Ciphers encrypts each
// frame's page but leaves the 32-byte WAL header and the 24-byte frame headers plain, and the checksums cover the
// bytes as written, so all of this is checked without the key and without opening the database.

import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { endianness } from 'node:os';

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const WAL_VERSION = 3007000;
const MAGIC = 0x377f0682; // | 1 when the checksums are big-endian
/** The wal-index (`-shm`) header: two copies of 48 bytes at the start of the file. */
const SHM_HEADER_BYTES = 48;

export type WalDamage =
  /** A committed frame (or one before it) fails the cumulative checksum. */
  | 'checksum'
  /** A frame's salt differs from the WAL header's in one of its two words: a changed byte, not an older frame. */
  | 'salt'
  /** The file ends inside a commit frame's page. */
  | 'truncated'
  /** The WAL header itself does not check: SQLite ignores the whole file. */
  | 'header'
  /** The `-shm` index says frames were committed that the `-wal` no longer holds (deleted, emptied or cut short). */
  | 'missing';

export interface WalInspection {
  /** Whether a non-empty `-wal` file is present. */
  present: boolean;
  /** Committed transactions SQLite will keep. */
  kept: number;
  /** What SQLite would silently drop, or null when nothing committed would be lost. */
  damage: null | {
    kind: WalDamage;
    /** Committed transactions at stake; with `atLeast`, a lower bound (the index knows frames, not transactions). */
    transactions: number;
    atLeast: boolean;
    /** Frames at stake. */
    frames: number;
  };
}

interface Checksum {
  s0: number;
  s1: number;
}

/** SQLite's WAL checksum: 32-bit words in pairs, each sum feeding the other. `data.length` is a multiple of 8. */
function checksum(data: Buffer, bigEndian: boolean, start: Checksum): Checksum {
  let { s0, s1 } = start;
  for (let i = 0; i < data.length; i += 8) {
    const a = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const b = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + a + s1) >>> 0;
    s1 = (s1 + b + s0) >>> 0;
  }
  return { s0, s1 };
}

interface ShmHeader {
  mxFrame: number;
  salt1: number;
  salt2: number;
}

/** The wal-index header, when the `-shm` file holds a valid, initialised one (native byte order, two equal copies). */
function readShmHeader(shmPath: string): ShmHeader | null {
  if (!existsSync(shmPath)) return null;
  const fd = openSync(shmPath, 'r');
  const buf = Buffer.alloc(SHM_HEADER_BYTES * 2);
  try {
    if (readSync(fd, buf, 0, buf.length, 0) < buf.length) return null;
  } finally {
    closeSync(fd);
  }
  if (!buf.subarray(0, SHM_HEADER_BYTES).equals(buf.subarray(SHM_HEADER_BYTES))) return null;
  const le = endianness() === 'LE';
  const u32 = (at: number): number => (le ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const isInit = buf[12];
  if (u32(0) !== WAL_VERSION || isInit !== 1) return null;
  // iVersion, unused, iChange, isInit+bigEndCksum+szPage, mxFrame, nPage, aFrameCksum[2], aSalt[2], aCksum[2];
  // the salts are the WAL header's bytes copied as they are, so big-endian on every machine.
  return { mxFrame: u32(16), salt1: buf.readUInt32BE(32), salt2: buf.readUInt32BE(36) };
}

interface Frame {
  commit: boolean;
  salt1: number;
  salt2: number;
}

/**
 * What SQLite's recovery would make of `studyPath`'s `-wal`, and what it would drop. Reads the files only:
 * call it before any connection opens the study, since the first one rebuilds the index and the last one
 * to close checkpoints and deletes the log.
 */
export function inspectWal(studyPath: string): WalInspection {
  const walPath = `${studyPath}-wal`;
  const shm = readShmHeader(`${studyPath}-shm`);
  const wal = existsSync(walPath) && statSync(walPath).size > 0 ? readFileSync(walPath) : null;
  if (!wal || wal.length < WAL_HEADER_BYTES) {
    // No log to read: only the index can tell that one was there.
    const lost = shm && shm.mxFrame > 0 ? shm.mxFrame : 0;
    return { present: wal !== null, kept: 0, damage: lost ? { kind: 'missing', transactions: 1, atLeast: true, frames: lost } : null };
  }

  const magic = wal.readUInt32BE(0);
  const bigEndian = (magic & 1) === 1;
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const headerSum = checksum(wal.subarray(0, 24), bigEndian, { s0: 0, s1: 0 });
  const headerOk =
    (magic | 1) === (MAGIC | 1) &&
    wal.readUInt32BE(4) === WAL_VERSION &&
    pageSize >= 512 &&
    pageSize <= 65536 &&
    (pageSize & (pageSize - 1)) === 0 &&
    headerSum.s0 === wal.readUInt32BE(24) &&
    headerSum.s1 === wal.readUInt32BE(28);
  // With a damaged header the page size may be wrong too: the first frame's own salts are the best guess of the log's.
  const frameBytes = FRAME_HEADER_BYTES + (headerOk ? pageSize : 4096);
  const readFrame = (at: number): Frame => ({
    commit: wal.readUInt32BE(at + 4) !== 0,
    salt1: wal.readUInt32BE(at + 8),
    salt2: wal.readUInt32BE(at + 12),
  });

  const frames: Frame[] = [];
  let stop: { index: number; kind: WalDamage } | null = headerOk ? null : { index: 0, kind: 'header' };
  let kept = 0;
  let keptFrames = 0;
  let sum = headerSum;
  let at = WAL_HEADER_BYTES;
  for (; at + frameBytes <= wal.length; at += frameBytes) {
    const frame = readFrame(at);
    frames.push(frame);
    if (stop) continue;
    if (frame.salt1 !== salt1 || frame.salt2 !== salt2) {
      stop = { index: frames.length - 1, kind: 'salt' };
      continue;
    }
    sum = checksum(wal.subarray(at, at + 8), bigEndian, sum);
    sum = checksum(wal.subarray(at + FRAME_HEADER_BYTES, at + frameBytes), bigEndian, sum);
    if (wal.readUInt32BE(at) === 0 || sum.s0 !== wal.readUInt32BE(at + 16) || sum.s1 !== wal.readUInt32BE(at + 20)) {
      stop = { index: frames.length - 1, kind: 'checksum' };
      continue;
    }
    if (frame.commit) {
      kept++;
      keptFrames = frames.length;
    }
  }
  // A partial last frame. SQLite writes a frame's header and its page in two writes, so a crash between them
  // leaves a bare header of a transaction that was never acknowledged; a frame cut inside its page was cut later.
  const tail = wal.length - at;
  const cutCommit = tail > FRAME_HEADER_BYTES && readFrame(at).commit ? readFrame(at) : null;
  if (!stop && cutCommit) stop = { index: frames.length, kind: 'truncated' };

  const sameLog = (f: Frame): boolean =>
    headerOk ? f.salt1 === salt1 || f.salt2 === salt2 : f.salt1 === frames[0]?.salt1 && f.salt2 === frames[0]?.salt2;
  if (stop) {
    // Older frames left from before the log restarted differ in both salt words (one is counted up, one is random).
    const after = frames.slice(stop.index).filter((f) => sameLog(f));
    const commits = after.filter((f) => f.commit).length + (cutCommit && sameLog(cutCommit) ? 1 : 0);
    if (commits > 0) return { present: true, kept, damage: { kind: stop.kind, transactions: commits, atLeast: false, frames: after.length } };
  }
  // Whole frames gone from the end: the index still counts them.
  if (shm && shm.salt1 === salt1 && shm.salt2 === salt2 && shm.mxFrame > keptFrames) {
    return { present: true, kept, damage: { kind: 'missing', transactions: 1, atLeast: true, frames: shm.mxFrame - keptFrames } };
  }
  return { present: true, kept, damage: null };
}

/** Size and modification time of the log, to tell a log at rest from one another process is appending to. */
function walStamp(studyPath: string): string {
  const walPath = `${studyPath}-wal`;
  if (!existsSync(walPath)) return 'none';
  const { size, mtimeNs } = statSync(walPath, { bigint: true });
  return `${size}:${mtimeNs}`;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * inspectWal, for a study another process may have open: a frame that process is writing at the moment of
 * reading looks cut short. Damage is believed only once the log has stayed unchanged for a moment.
 */
export function inspectWalAtRest(studyPath: string): WalInspection {
  let result = inspectWal(studyPath);
  for (let tries = 0; result.damage && tries < 3; tries++) {
    const before = walStamp(studyPath);
    Atomics.wait(pause, 0, 0, 50);
    if (walStamp(studyPath) === before) return result;
    result = inspectWal(studyPath);
  }
  return result;
}

const WHY: Record<WalDamage, string> = {
  checksum: 'a frame fails its checksum',
  salt: 'a frame carries a salt that does not match the log',
  truncated: 'the log ends inside a committed frame',
  header: 'the log’s header is damaged',
  missing: 'the log is missing or shorter than its index says',
};

/** One sentence naming what is at stake, for verify and for the refusal to open. */
export function describeWalDamage(damage: NonNullable<WalInspection['damage']>): string {
  const n = damage.transactions;
  const what = damage.atLeast ? `at least ${n} committed transaction${n === 1 ? '' : 's'}` : `${n} committed transaction${n === 1 ? '' : 's'}`;
  return `${what} in the study's write-ahead log (-wal) would be silently dropped: ${WHY[damage.kind]}`;
}
