import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { useApiHandlers } from '../helpers/api.ts';

const tempDir = useTempDir();
const handlers = useApiHandlers();

const newStudy = (path: string) => ({ path, passphrase: PASSPHRASE, coder: { code: 'C01', name: 'Ada' } });

describe('study.create and study.open: where a study may be', () => {
  it('a study is never created or opened at a relative path: INVALID_INPUT asks for the full path, and the app’s folder stays as it was', async () => {
    const dir = tempDir();
    const before = process.cwd();
    process.chdir(dir);
    try {
      const api = handlers();
      for (const answer of [
        await api['study.create'](newStudy('alliance.3rs')),
        await api['study.open']({ path: 'alliance.3rs', passphrase: PASSPHRASE }),
      ]) {
        expect(answer).toEqual({
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: expect.stringMatching(/^"alliance\.3rs" is not a full path.*Give its full path, starting at \/ or ~/),
          },
        });
      }
      expect(await api['study.info']({})).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
    } finally {
      process.chdir(before);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a study inside a "folder" that is a file answers IO_ERROR saying to choose a folder, not an internal error', async () => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'plain notes');
    expect(await handlers()['study.create'](newStudy(join(file, 'study.3rs')))).toEqual({
      ok: false,
      error: { code: 'IO_ERROR', message: `${file} is a file, not a folder. Choose a folder to hold the new study.` },
    });
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
