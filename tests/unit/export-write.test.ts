import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportFolder, writeNewFile } from '../../electron/core/export/write.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

const bytesIn = (dir: string): number => readdirSync(dir).reduce((sum, entry) => sum + statSync(join(dir, entry)).size, 0);

describe('writing an export folder', () => {
  it('writes a file a chunk at a time, each on the disk before the next is made, and gives the SHA-256 of the whole', () => {
    const dir = join(tempDir(), 'export');
    const folder = ExportFolder.create(dir);
    const before: number[] = [];
    function* chunks() {
      for (const text of ['recording,value\n', 'D01-S01,1\n', 'D01-S02,2\n']) {
        before.push(bytesIn(dir));
        yield Buffer.from(text);
      }
    }
    const sha256 = folder.add('events.csv', chunks());
    folder.commit();
    expect(before).toEqual([0, 16, 26]);
    const bytes = readFileSync(join(dir, 'events.csv'));
    expect(bytes.toString('utf8')).toBe('recording,value\nD01-S01,1\nD01-S02,2\n');
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('removes every file and the folder it made when a file cannot be made to the end; a disk failure gets advice about the folder', () => {
    const dir = join(tempDir(), 'export');
    const folder = ExportFolder.create(dir);
    folder.add('events.csv', [Buffer.from('recording\n')]);
    function* failing() {
      yield Buffer.from('recording\n');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    expect(() => folder.add('segments.csv', failing())).toThrow(
      `Could not write the export into ${dir}; nothing was left there: ENOSPC: no space left on device, write. Check the folder's permissions and free space, then export again.`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('a fault in making the rows is not passed off as a disk problem, and still leaves nothing behind', () => {
    const dir = join(tempDir(), 'export');
    const folder = ExportFolder.create(dir);
    const fault = new TypeError('row is undefined');
    function* failing(): Generator<Buffer> {
      throw fault;
    }
    expect(() => folder.add('segments.csv', failing())).toThrow(fault);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a folder holding the unfinished files of an interrupted export, says so, and deletes nothing', () => {
    const dir = join(tempDir(), 'export');
    // The app stops here, as in a crash or power cut: neither committed nor aborted.
    ExportFolder.create(dir).add('events.csv', [Buffer.from('recording\n')]);
    const [leftover] = readdirSync(dir);
    expect(leftover).toMatch(/^\.events\.csv\.[0-9a-f]{12}\.partial$/);
    expect(() => ExportFolder.create(dir)).toThrow(
      `The folder ${dir} holds unfinished files of an earlier export into it that was interrupted (e.g. ${leftover}). Delete that folder (or the .partial files in it), or choose another folder for the export.`,
    );
    expect(readdirSync(dir)).toEqual([leftover]);
  });
});

describe('writing a single file', () => {
  it('removes the folders it made for the file when the file cannot be written', () => {
    const base = tempDir();
    // The name itself is allowed, but the temporary name beside it is longer than the 255 bytes a name may
    // have, so the write fails once the folders are made.
    const path = join(base, 'elan', 'D01-S01', `${'x'.repeat(240)}.eaf`);
    expect(() => writeNewFile(path, Buffer.from('<ANNOTATION_DOCUMENT/>'))).toThrow(/^Could not write .*ENAMETOOLONG/);
    expect(readdirSync(base)).toEqual([]);
  });
});
