// Paths as people give them in the app's forms: typed, pasted with quotes, with ~, without .3rs.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userPath } from '../../electron/core/io/user-path.ts';
import { useApiHandlers } from '../helpers/api.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const handlers = useApiHandlers();
const HOME = '/home/ana';

const refusal = (call: () => unknown) => {
  try {
    call();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
};

describe('a path typed or pasted into a form', () => {
  it('~ and ~/… are the home folder', () => {
    expect(userPath('~/videos/d01-s01.mp4', 'recording', HOME)).toBe('/home/ana/videos/d01-s01.mp4');
    expect(userPath('~', 'folder', HOME)).toBe('/home/ana');
  });

  it('loses the spaces around it and one pair of quotes a file manager or shell put around it', () => {
    expect(userPath('  "/data/sessions/d01 s01.mp4" ', 'recording', HOME)).toBe('/data/sessions/d01 s01.mp4');
    expect(userPath("'~/exports/nov'", 'folder', HOME)).toBe('/home/ana/exports/nov');
    // Quotes that are part of the name (unmatched) stay.
    expect(userPath('/data/"odd name.mp4', 'recording', HOME)).toBe('/data/"odd name.mp4');
  });

  it('is refused when relative, naming what was typed and how to give it in full', () => {
    for (const typed of ['alliance.3rs', './videos/a.mp4', '../a.mp4', '~ana/a.mp4']) {
      expect(refusal(() => userPath(typed, 'recording', HOME))).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(new RegExp(`^"${typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not a full path.*starting at / or ~`)),
      });
    }
  });

  it('is refused when empty or holding a NUL, which no file name can hold', () => {
    expect(refusal(() => userPath('  ""  ', 'folder', HOME))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^No folder was given/),
    });
    expect(refusal(() => userPath('/tmp/a\0b.3rs', 'study', HOME))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/NUL character/),
    });
  });

  it('gets .3rs when a new study file is named without it', () => {
    expect(userPath('~/studies/alliance', 'new-study', HOME)).toBe('/home/ana/studies/alliance.3rs');
    expect(userPath('/s/alliance.3RS', 'new-study', HOME)).toBe('/s/alliance.3RS');
    // A recording or a folder is never renamed.
    expect(userPath('/s/alliance', 'folder', HOME)).toBe('/s/alliance');
  });

  it('finds an existing study given without .3rs, and leaves alone a file that exists as typed', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'alliance.3rs'), '');
    writeFileSync(join(dir, 'old-study'), '');
    expect(userPath(join(dir, 'alliance'), 'study')).toBe(join(dir, 'alliance.3rs'));
    expect(userPath(join(dir, 'old-study'), 'study')).toBe(join(dir, 'old-study'));
  });

  it('uses this user’s home folder by default', () => {
    expect(userPath('~/x.mp4', 'recording')).toBe(join(homedir(), 'x.mp4'));
  });
});

describe('the app’s forms follow the same rules', () => {
  it('a study created as "~/…" without .3rs, quoted, is made in the home folder with .3rs, and opens again as typed', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    mkdirSync(home);
    const before = process.env['HOME'];
    process.env['HOME'] = home;
    try {
      const api = handlers();
      const created = await api['study.create']({ path: '"~/alliance"', passphrase: PASSPHRASE, coder: { code: 'C01', name: 'Ada' } });
      expect(created).toMatchObject({ ok: true, value: { info: { path: join(home, 'alliance.3rs') } } });
      expect(existsSync(join(home, 'alliance.3rs'))).toBe(true);
      await api['study.close']({});
      expect(await api['study.open']({ path: ' ~/alliance ', passphrase: PASSPHRASE })).toMatchObject({
        ok: true,
        value: { path: join(home, 'alliance.3rs') },
      });
    } finally {
      process.env['HOME'] = before;
    }
  });

  it('a recording at a relative path is refused before anything is read, saying to give it in full', async () => {
    const dir = tempDir();
    const api = handlers();
    await api['study.create']({ path: join(dir, 's.3rs'), passphrase: PASSPHRASE, coder: { code: 'C01', name: 'Ada' } });
    expect(await api['recordings.import']({ path: 'videos/d01.mp4', code: 'D01-S01' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^"videos\/d01\.mp4" is not a full path/) },
    });
  });
});
