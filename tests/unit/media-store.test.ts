import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { buffer, text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { assetStream, CHUNK_SIZE, findAsset, readAssetBytes, recordFailedAsset, writeAsset } from '../../electron/core/media/assets.ts';
import { findMediaKey } from '../../electron/core/media/media-key.ts';
import { proxyStatus } from '../../electron/core/media/proxy.ts';
import { closeMediaStore, mediaStoreExists, mediaStorePath, openMediaStore, type MediaStore } from '../../electron/core/media/store.ts';
import { closeStudy, openStudy, rekeyStudy } from '../../electron/core/store/study-file.ts';
import { ACTOR, makeStudy, NEW_PASSPHRASE, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir('3rs-media-store-');
const SHA = 'a'.repeat(64);

function openFresh(): { media: MediaStore; dir: string } {
  const dir = tempDir();
  const study = makeStudy(dir);
  return { media: openMediaStore(study, ACTOR), dir };
}

function close(media: MediaStore): void {
  closeMediaStore(media);
  closeStudy(media.study);
}

async function* failingAfter(data: Buffer, bytes: number): AsyncGenerator<Buffer> {
  yield data.subarray(0, bytes);
  throw new Error('the encoder stopped');
}

const counts = (media: MediaStore) => ({
  assets: (media.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }).n,
  chunks: (media.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n,
});

describe('the companion media file', () => {
  it('sits beside the study, encrypted, with no SQLite header, and opens without a key derivation', () => {
    const { media } = openFresh();
    expect(media.path).toBe(`${media.study.path}.media`);
    expect(mediaStorePath(media.study)).toBe(media.path);
    expect(mediaStoreExists(media.study)).toBe(true);
    media.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(media.path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    const started = performance.now();
    closeMediaStore(media);
    closeMediaStore(openMediaStore(media.study, ACTOR));
    // The passphrase KDF of the study takes hundreds of milliseconds; a raw key needs none.
    expect(performance.now() - started).toBeLessThan(100);
    closeStudy(media.study);
  });

  it('is keyed by a random 32-byte key kept inside the study, made once and audited without the key', () => {
    const { media } = openFresh();
    const key = findMediaKey(media.study.db)!;
    expect(key).toHaveLength(32);
    closeMediaStore(media);
    closeMediaStore(openMediaStore(media.study, ACTOR));
    expect(findMediaKey(media.study.db)!.equals(key)).toBe(true);
    const made = listAudit(media.study.db).filter((e) => e.action === 'media.key.create');
    expect(made).toHaveLength(1);
    expect(JSON.stringify(made)).not.toContain(key.toString('hex'));
    closeStudy(media.study);
  });

  it('still opens after the study passphrase changes: the key moves with the study', async () => {
    const { media, dir } = openFresh();
    await writeAsset(media, { recordingSha256: SHA, kind: 'waveform', contentType: 'application/octet-stream', params: {} }, [Buffer.from('peaks')]);
    closeMediaStore(media);
    rekeyStudy(media.study, PASSPHRASE, NEW_PASSPHRASE, ACTOR);
    closeStudy(media.study);
    const study = openStudy(`${dir}/study.3rs`, NEW_PASSPHRASE);
    const again = openMediaStore(study, ACTOR);
    expect(findAsset(again, SHA, 'waveform')?.totalSize).toBe(5);
    close(again);
  });

  it('refuses a media file made for another study, and says to delete it', () => {
    const first = openFresh();
    const second = openFresh();
    close(second.media);
    writeFileSync(second.media.path, readFileSync(first.media.path));
    close(first.media);
    const study = openStudy(second.media.study.path, PASSPHRASE);
    expect(() => openMediaStore(study, ACTOR)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/not made for this study.*delete it/) }),
    );
    closeStudy(study);
  });
});

describe('assets in chunks', () => {
  it('stores bytes in 256 KiB chunks and reads any range, across chunk boundaries, from only its chunks', async () => {
    const { media } = openFresh();
    const data = randomBytes(3 * CHUNK_SIZE + 1234);
    // Uneven pieces, as a stream delivers them.
    const pieces = [data.subarray(0, 1000), data.subarray(1000, CHUNK_SIZE + 7), data.subarray(CHUNK_SIZE + 7)];
    const asset = await writeAsset(media, { recordingSha256: SHA, kind: 'proxy', contentType: 'video/mp4', params: { durationMs: 1 } }, pieces);
    expect(asset).toMatchObject({
      status: 'ready',
      totalSize: data.length,
      chunkSize: CHUNK_SIZE,
      contentType: 'video/mp4',
      paramsJson: '{"durationMs":1}',
    });
    expect(counts(media)).toEqual({ assets: 1, chunks: 4 });
    for (const [start, end] of [
      [0, 0],
      [CHUNK_SIZE - 3, CHUNK_SIZE + 3],
      [CHUNK_SIZE, 2 * CHUNK_SIZE - 1],
      [10, 3 * CHUNK_SIZE + 5],
      [data.length - 10, data.length - 1],
    ] as const) {
      expect(readAssetBytes(media, asset, start, end).equals(data.subarray(start, end + 1))).toBe(true);
      expect((await buffer(assetStream(media, asset, start, end))).equals(data.subarray(start, end + 1))).toBe(true);
    }
    expect(() => readAssetBytes(media, asset, 0, data.length)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    close(media);
  });

  it('streams chunk by chunk: a range of one chunk never reads the others', async () => {
    const { media } = openFresh();
    const asset = await writeAsset(media, { recordingSha256: SHA, kind: 'proxy', contentType: 'video/mp4', params: {} }, [
      randomBytes(4 * CHUNK_SIZE),
    ]);
    // Break every chunk but the third: reading inside the third still works.
    media.db.prepare('UPDATE chunks SET idx = idx + 100 WHERE idx <> 2').run();
    const slice = await buffer(assetStream(media, asset, 2 * CHUNK_SIZE + 10, 2 * CHUNK_SIZE + 20));
    expect(slice).toHaveLength(11);
    await expect(text(assetStream(media, asset, 0, 10))).rejects.toMatchObject({ code: 'MEDIA_NOT_READY' });
    close(media);
  });

  it('a write that fails midway leaves nothing of itself, and the previous asset stays current', async () => {
    const { media } = openFresh();
    const old = await writeAsset(media, { recordingSha256: SHA, kind: 'proxy', contentType: 'video/mp4', params: {} }, [Buffer.from('old proxy')]);
    const big = randomBytes(40 * CHUNK_SIZE);
    await expect(
      writeAsset(media, { recordingSha256: SHA, kind: 'proxy', contentType: 'video/mp4', params: {} }, failingAfter(big, big.length)),
    ).rejects.toThrow('the encoder stopped');
    expect(counts(media)).toEqual({ assets: 1, chunks: 1 });
    expect(findAsset(media, SHA, 'proxy')).toEqual(old);
    expect(proxyStatus(media, { sha256: SHA })).toBe('ready');
    close(media);
  });

  it('a second write replaces the first in one step; a failure is recorded as a row without chunks', async () => {
    const { media } = openFresh();
    expect(proxyStatus(media, { sha256: SHA })).toBe('missing');
    const first = await writeAsset(media, { recordingSha256: SHA, kind: 'proxy', contentType: 'video/mp4', params: {} }, [
      randomBytes(CHUNK_SIZE + 1),
    ]);
    const second = await writeAsset(media, { recordingSha256: SHA, kind: 'proxy', contentType: 'video/webm', params: {} }, [Buffer.from('new')]);
    expect(second.id).not.toBe(first.id);
    expect(findAsset(media, SHA, 'proxy')).toMatchObject({ contentType: 'video/webm', totalSize: 3 });
    expect(counts(media)).toEqual({ assets: 1, chunks: 1 });
    recordFailedAsset(media, SHA, 'proxy', 'ffmpeg says no');
    expect(proxyStatus(media, { sha256: SHA })).toBe('failed');
    expect(findAsset(media, SHA, 'proxy')).toMatchObject({ error: 'ffmpeg says no', totalSize: 0 });
    expect(counts(media)).toEqual({ assets: 1, chunks: 0 });
    close(media);
  });
});
