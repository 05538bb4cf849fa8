// Assets in the media file: one row per (recording, kind) and its bytes in fixed-size chunks.

import { Readable } from 'node:stream';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { parseJson } from '../io/checked-json.ts';
import type { Recording } from '../recordings/registry.ts';
import type { MediaStore } from './store.ts';

export type AssetKind = 'proxy' | 'thumbs' | 'waveform';

/** 256 KiB: a seek reads at most two chunks more than it needs, and a chunk decrypts in well under a millisecond. */
export const CHUNK_SIZE = 256 * 1024;

/** Chunks written per transaction: fewer commits, while a crash loses little. */
const CHUNKS_PER_COMMIT = 16;

export interface Asset {
  id: number;
  recordingSha256: string;
  kind: AssetKind;
  contentType: string;
  totalSize: number;
  chunkSize: number;
  status: 'ready' | 'failed';
  error: string | null;
  /** What writeAsset was given as params, as JSON text: read it through assetParams with the kind's schema. */
  paramsJson: string;
  createdAt: string;
}

interface AssetRow {
  id: number;
  recording_sha256: string;
  kind: AssetKind;
  content_type: string;
  total_size: number;
  chunk_size: number;
  status: 'ready' | 'failed';
  error: string | null;
  params: string;
  created_at: string;
}

const fromRow = (r: AssetRow): Asset => ({
  id: r.id,
  recordingSha256: r.recording_sha256,
  kind: r.kind,
  contentType: r.content_type,
  totalSize: r.total_size,
  chunkSize: r.chunk_size,
  status: r.status,
  error: r.error,
  paramsJson: r.params,
  createdAt: r.created_at,
});

const chunkStatements = new WeakMap<MediaStore, Statement>();

function chunkStatement(media: MediaStore): Statement {
  let stmt = chunkStatements.get(media);
  if (!stmt) {
    stmt = media.db.prepare('SELECT data FROM chunks WHERE asset_id = ? AND idx = ?');
    chunkStatements.set(media, stmt);
  }
  return stmt;
}

/** The current asset of a kind for a recording (by content hash, so a relinked original keeps its media). */
export function findAsset(media: MediaStore, recordingSha256: string, kind: AssetKind): Asset | undefined {
  const row = media.db.prepare(`SELECT * FROM assets WHERE recording_sha256 = ? AND kind = ? AND status <> 'writing'`).get(recordingSha256, kind) as
    AssetRow | undefined;
  return row && fromRow(row);
}

export interface NewAsset {
  recordingSha256: string;
  kind: AssetKind;
  contentType: string;
  /** Anything JSON can hold that describes the bytes, e.g. a duration or picture offsets. */
  params: object;
}

/** Cuts any stream of buffers into CHUNK_SIZE pieces (the last may be shorter). */
async function* rechunk(data: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of data) {
    let rest = piece;
    while (pendingBytes + rest.length >= CHUNK_SIZE) {
      const take = CHUNK_SIZE - pendingBytes;
      yield Buffer.concat([...pending, rest.subarray(0, take)]);
      rest = rest.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (rest.length > 0) {
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

/** Bytes that go first but are known only once all the data has been read (e.g. an index of it). */
export interface AssetHead {
  /** Whole chunks kept for it ahead of the data. */
  chunks: number;
  /** Exactly `chunks` × CHUNK_SIZE bytes; asked for once the data has been read. */
  bytes(): Buffer;
}

/**
 * Stores an asset and makes it current in one step: chunks go into a 'writing' row no reader sees, and
 * one transaction then removes the previous asset of that kind and marks the new one ready. A failure or
 * cancel removes the partial row and its chunks, and the previous asset stays as it was. The params (and
 * the head, when there is one) are saved once all data has been read, so they may describe it.
 */
export async function writeAsset(
  media: MediaStore,
  asset: NewAsset,
  data: AsyncIterable<Buffer> | Iterable<Buffer>,
  head?: AssetHead,
): Promise<Asset> {
  const { db } = media;
  const id = db.transaction(() => {
    // Chunks of a job this process never finished (a crash) are of no use to anyone.
    db.prepare(`DELETE FROM assets WHERE recording_sha256 = ? AND kind = ? AND status = 'writing'`).run(asset.recordingSha256, asset.kind);
    return Number(
      db
        .prepare(
          `INSERT INTO assets (recording_sha256, kind, content_type, total_size, chunk_size, status, params, created_at)
           VALUES (?, ?, ?, 0, ?, 'writing', '{}', ?)`,
        )
        .run(asset.recordingSha256, asset.kind, asset.contentType, CHUNK_SIZE, new Date().toISOString()).lastInsertRowid,
    );
  })();
  try {
    const insert = db.prepare('INSERT INTO chunks (asset_id, idx, data) VALUES (?, ?, ?)');
    let index = head?.chunks ?? 0;
    let total = 0;
    const commit = db.transaction((chunks: Buffer[]) => {
      for (const chunk of chunks) insert.run(id, index++, chunk);
    });
    let batch: Buffer[] = [];
    for await (const chunk of rechunk(data)) {
      total += chunk.length;
      batch.push(chunk);
      if (batch.length === CHUNKS_PER_COMMIT) {
        commit(batch);
        batch = [];
      }
    }
    commit(batch);
    const headBytes = head ? head.bytes() : Buffer.alloc(0);
    if (headBytes.length !== (head?.chunks ?? 0) * CHUNK_SIZE) throw new Error(`writeAsset: the head must be ${head?.chunks} whole chunks`);
    total += headBytes.length;
    db.transaction(() => {
      for (let i = 0; i * CHUNK_SIZE < headBytes.length; i++) insert.run(id, i, headBytes.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE));
      db.prepare(`DELETE FROM assets WHERE recording_sha256 = ? AND kind = ? AND status <> 'writing'`).run(asset.recordingSha256, asset.kind);
      db.prepare(`UPDATE assets SET status = 'ready', total_size = ?, params = ?, created_at = ? WHERE id = ?`).run(
        total,
        JSON.stringify(asset.params),
        new Date().toISOString(),
        id,
      );
    })();
  } catch (err) {
    if (db.open) db.prepare('DELETE FROM assets WHERE id = ?').run(id);
    throw err;
  }
  return findAsset(media, asset.recordingSha256, asset.kind)!;
}

/** Records that making an asset failed: a row without chunks that says why, replacing the previous asset. */
export function recordFailedAsset(media: MediaStore, recordingSha256: string, kind: AssetKind, message: string): void {
  const { db } = media;
  db.transaction(() => {
    db.prepare(`DELETE FROM assets WHERE recording_sha256 = ? AND kind = ? AND status <> 'writing'`).run(recordingSha256, kind);
    db.prepare(
      `INSERT INTO assets (recording_sha256, kind, content_type, total_size, chunk_size, status, error, created_at)
       VALUES (?, ?, '', 0, ?, 'failed', ?, ?)`,
    ).run(recordingSha256, kind, CHUNK_SIZE, message, new Date().toISOString());
  })();
}

/** The ready asset of a kind, or a message that says what to do when there is none. */
export function readyAsset(media: MediaStore, rec: Pick<Recording, 'code' | 'sha256'>, kind: AssetKind, what: string): Asset {
  const asset = findAsset(media, rec.sha256, kind);
  if (asset?.status === 'ready') return asset;
  const prepare = `Prepare the media of ${rec.code} (Prepare media in the app, or "3rs media prepare").`;
  if (asset?.status === 'failed') {
    throw new AppError('MEDIA_NOT_READY', `Making the ${what} of ${rec.code} failed last time: ${asset.error} ${prepare}`);
  }
  throw new AppError('MEDIA_NOT_READY', `The ${what} of ${rec.code} has not been made yet. ${prepare}`);
}

/**
 * The params an asset was stored with, as `schema` has them; a damaged row is a MEDIA_FAILED that says to make
 * the media again (which replaces it), never a picture index or a rate of the wrong type further in.
 */
export function assetParams<T>(asset: Asset, schema: z.ZodType<T>, rec: Pick<Recording, 'code'>, what: string): T {
  return parseJson(
    schema,
    asset.paramsJson,
    (problem) =>
      new AppError(
        'MEDIA_FAILED',
        `The stored ${what} of ${rec.code} is damaged (${problem}). Prepare the media of ${rec.code} again (Prepare media in the app, or "3rs media prepare").`,
      ),
  );
}

function chunk(media: MediaStore, asset: Asset, index: number): Buffer {
  const row = chunkStatement(media).get(asset.id, index) as { data: Buffer } | undefined;
  if (!row) {
    throw new AppError('MEDIA_NOT_READY', 'The prepared media was replaced or removed while it was being read. Open the recording again.');
  }
  return row.data;
}

/** The piece of chunk `index` that lies within start..end (inclusive). */
function chunkSlice(media: MediaStore, asset: Asset, index: number, start: number, end: number): Buffer {
  const base = index * asset.chunkSize;
  return chunk(media, asset, index).subarray(Math.max(0, start - base), Math.min(asset.chunkSize, end - base + 1));
}

function checkRange(asset: Asset, start: number, end: number): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end < asset.totalSize)) {
    throw new AppError('INVALID_INPUT', `Bytes ${start}-${end} are outside the ${asset.totalSize} bytes of this media.`);
  }
}

/** Bytes start..end (inclusive) of an asset, reading only the chunks that hold them. */
export function readAssetBytes(media: MediaStore, asset: Asset, start: number, end: number): Buffer {
  checkRange(asset, start, end);
  const parts: Buffer[] = [];
  for (let i = Math.floor(start / asset.chunkSize); i <= Math.floor(end / asset.chunkSize); i++) parts.push(chunkSlice(media, asset, i, start, end));
  return Buffer.concat(parts);
}

/** Bytes start..end (inclusive) as a stream that decrypts one chunk at a time, as the reader asks for more. */
export function assetStream(media: MediaStore, asset: Asset, start: number, end: number): Readable {
  checkRange(asset, start, end);
  let next = Math.floor(start / asset.chunkSize);
  const last = Math.floor(end / asset.chunkSize);
  return new Readable({
    read() {
      if (next > last) {
        this.push(null);
        return;
      }
      try {
        this.push(chunkSlice(media, asset, next++, start, end));
      } catch (err) {
        this.destroy(err as Error);
      }
    },
  });
}
