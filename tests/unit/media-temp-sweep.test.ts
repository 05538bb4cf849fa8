import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepStaleMediaTemp } from '../../electron/core/media/temp-sweep.ts';

let root: string;
let temp: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), '3rs-sweep-'));
  temp = join(root, 'tmp');
  mkdirSync(temp);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A job folder as versions before the pipes left it after a kill -9: a plaintext copy and pictures. */
function staleJob(name: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, 'thumbnails'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'proxy.mp4'), 'a plaintext copy');
  writeFileSync(join(dir, 'thumbnails', 'thumb-000001.jpg'), 'a plaintext picture');
  return dir;
}

describe('sweeping the temp dir at start', () => {
  it("removes every 3rs-media-* folder an older version's job left, with all it holds, and says which", async () => {
    const jobs = [staleJob('3rs-media-a1B2c3'), staleJob('3rs-media-Zz9')];
    expect((await sweepStaleMediaTemp(temp)).sort()).toEqual(jobs.sort());
    expect(readdirSync(temp)).toEqual([]);
  });

  it('leaves alone what is not such a folder: other names, a file of that name, a link of that name and what it points to', async () => {
    mkdirSync(join(temp, '3rs-cli-keep'));
    mkdirSync(join(temp, 'x-3rs-media-keep'));
    writeFileSync(join(temp, '3rs-media-file'), 'not a folder');
    const elsewhere = join(root, 'precious');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'notes.txt'), 'keep me');
    symlinkSync(elsewhere, join(temp, '3rs-media-link'));
    expect(await sweepStaleMediaTemp(temp)).toEqual([]);
    expect(readdirSync(temp).sort()).toEqual(['3rs-cli-keep', '3rs-media-file', '3rs-media-link', 'x-3rs-media-keep']);
    expect(existsSync(join(elsewhere, 'notes.txt'))).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)("leaves another user's 3rs-media-* folder alone", async () => {
    const theirs = staleJob('3rs-media-theirs');
    chownSync(theirs, 4242, 4242);
    const ours = staleJob('3rs-media-ours');
    expect(await sweepStaleMediaTemp(temp)).toEqual([ours]);
    expect(readdirSync(temp)).toEqual(['3rs-media-theirs']);
  });

  it('a temp dir that does not exist is nothing to sweep', async () => {
    expect(await sweepStaleMediaTemp(join(root, 'absent'))).toEqual([]);
  });
});
