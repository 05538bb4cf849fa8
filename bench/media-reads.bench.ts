// Reading a proxy back for the player: random 1 MiB byte ranges decrypted from the media file through
// mediaSourceFor, against the same plaintext bytes read from an ordinary file with fs.createReadStream.
// SQLite's page cache (16 MB) holds this whole short proxy decrypted after a first pass, which a long
// session's proxy never fits in; so the figure held to the goal empties it before every encrypted read (each
// range is decrypted from the file), and the warm-cache rate is shown beside it.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { mediaSourceFor } from '../electron/core/media/sources.ts';
import type { MediaSource } from '../electron/core/media/serve.ts';
import { mpeg2Clip } from '../tests/e2e/harness/clips.ts';
import { prepare, studyWithRecording } from '../tests/e2e/harness/study.ts';
import { type BenchResult, round } from './types.ts';

const RANGE = 1024 * 1024;
const READS_PER_ROUND = 40;
const ROUNDS = 5;
const CODE = 'BENCH-READS';

/** The same pseudo-random range starts for both sides. */
function rangeStarts(size: number, count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * (size - RANGE));
  });
}

/** Reads every range to the end; returns seconds taken. */
async function timeReads(open: (start: number, end: number) => Readable, starts: number[]): Promise<number> {
  const t0 = performance.now();
  for (const start of starts) {
    let bytes = 0;
    for await (const chunk of open(start, start + RANGE - 1)) bytes += (chunk as Buffer).length;
    if (bytes !== RANGE) throw new Error(`read ${bytes} bytes of a ${RANGE}-byte range at ${start}`);
  }
  return (performance.now() - t0) / 1000;
}

export async function mediaReads(): Promise<BenchResult[]> {
  const recording = await studyWithRecording(await mpeg2Clip(60, '640x360'), CODE);
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-'));
  try {
    await prepare(recording);
    const proxy: MediaSource = mediaSourceFor(recording.ctx, CODE);
    if (proxy.size < 2 * RANGE) throw new Error(`the proxy is too small to read 1 MiB ranges from (${proxy.size} bytes)`);
    const plainFile = join(dir, 'proxy-plain');
    writeFileSync(plainFile, await buffer(proxy.open(0, proxy.size - 1)));
    const plain = (start: number, end: number) => createReadStream(plainFile, { start, end });
    const coldEncrypted = (start: number, end: number) => {
      recording.ctx.media.db.pragma('shrink_memory');
      return proxy.open(start, end);
    };

    const seconds = { cold: 0, warm: 0, plain: 0 };
    // Interleaved rounds, each side reading the same ranges, so machine load and caches treat all alike.
    for (let i = 0; i < ROUNDS; i++) {
      const starts = rangeStarts(proxy.size, READS_PER_ROUND, 0x51 + i);
      seconds.cold += await timeReads(coldEncrypted, starts);
      seconds.warm += await timeReads(proxy.open, starts);
      seconds.plain += await timeReads(plain, starts);
    }
    const megabytes = (ROUNDS * READS_PER_ROUND * RANGE) / 1e6;
    const rate = (s: number) => megabytes / s;
    const ratio = rate(seconds.cold) / rate(seconds.plain);
    return [
      { name: 'random 1 MiB ranges: plain file (fs.createReadStream)', value: round(rate(seconds.plain), 0), unit: 'MB/s', goal: '—', ok: true },
      { name: 'random 1 MiB ranges: encrypted proxy, cold page cache', value: round(rate(seconds.cold), 0), unit: 'MB/s', goal: '—', ok: true },
      { name: 'random 1 MiB ranges: encrypted proxy, warm page cache', value: round(rate(seconds.warm), 0), unit: 'MB/s', goal: '—', ok: true },
      { name: 'range reads: encrypted (cold) / plain', value: round(ratio), unit: 'x', goal: '>= 0.5x', ok: ratio >= 0.5 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    recording.dispose();
  }
}
