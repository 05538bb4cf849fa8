import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, toErrorValue } from '../../electron/core/errors.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** What a call throws, as the boundary (IPC, CLI) would report it. */
function reported(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    return toErrorValue(err);
  }
  throw new Error('expected the call to throw');
}

/** An error shaped as Node makes them, for failures this machine cannot produce on demand (a read-only disk). */
function systemError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, ${syscall} '${path}'`), { code, errno: -1, syscall, path });
}

describe('file-system failures at the boundary', () => {
  it('a file where a folder should be is an IO_ERROR naming the path and what to do, not an internal error', () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'x');
    expect(reported(() => writeFileSync(join(file, 'out.csv'), 'x'))).toEqual({
      code: 'IO_ERROR',
      message: `Part of ${join(file, 'out.csv')} is a file where a folder should be. Check the path and choose a location inside a folder.`,
    });
  });

  it('a missing folder, a folder in place of a file and a full disk are IO_ERRORs that say what to do', () => {
    const dir = tempDir();
    expect(reported(() => writeFileSync(join(dir, 'missing', 'out.csv'), 'x'))).toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(
        /missing\/out\.csv does not exist, or a folder on the way to it is missing\. Check the path, or create the folder first\.$/,
      ),
    });
    mkdirSync(join(dir, 'exports'));
    expect(reported(() => writeFileSync(join(dir, 'exports'), 'x'))).toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/is a folder where a file was expected\. Choose a file/),
    });
    // Linux's /dev/full answers every write with ENOSPC; Node names no path for a failed write.
    expect(reported(() => writeFileSync('/dev/full', 'x'))).toEqual({
      code: 'IO_ERROR',
      message: 'The disk holding a file the app needed is full. Free some space or choose another disk, then try again.',
    });
  });

  it.each([
    ['EACCES', /^You are not allowed to use \/data\/s\.3rs\. Choose a location you may write to, or ask your administrator/],
    ['EPERM', /^You are not allowed to use \/data\/s\.3rs\./],
    ['EROFS', /^\/data\/s\.3rs is on a read-only disk\. Choose a location on a disk you can write to\.$/],
    ['ENOSPC', /^The disk holding \/data\/s\.3rs is full\. Free some space/],
    ['EMLINK', /^The disk could not read or write \/data\/s\.3rs \(EMLINK\)\. Check the path and the disk, then try again\.$/],
  ])('%s is an IO_ERROR with advice', (code, message) => {
    expect(toErrorValue(systemError(code, 'open', '/data/s.3rs'))).toEqual({ code: 'IO_ERROR', message: expect.stringMatching(message) });
  });

  it('app errors keep their code, and failures that are not the file system stay INTERNAL', () => {
    expect(toErrorValue(new AppError('STUDY_EXISTS', 'It exists.'))).toEqual({ code: 'STUDY_EXISTS', message: 'It exists.' });
    // SQLite's errors carry a code but no system call: the store translates those itself.
    const sqlite = Object.assign(new Error('no such table: x'), { code: 'SQLITE_ERROR' });
    expect(toErrorValue(sqlite)).toMatchObject({ code: 'INTERNAL' });
    expect(toErrorValue(new TypeError('x is undefined'))).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/^Unexpected error: x is undefined\./),
    });
  });
});
