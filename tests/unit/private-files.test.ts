// Files holding a study's data are for their owner only, whatever the umask of whoever starts the app.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const child = fileURLToPath(new URL('../helpers/private-files-child.ts', import.meta.url));

describe('private files', () => {
  it('with umask 000, the study, its -wal and -shm, the media file, a re-keyed study and export files are 0600, their folders 0700', () => {
    const modes = JSON.parse(execFileSync(process.execPath, [child, tempDir()], { encoding: 'utf8' })) as Record<string, string>;
    const expected = Object.fromEntries(Object.keys(modes).map((label) => [label, label.includes('folder') ? '700' : '600']));
    expect(Object.keys(modes)).toHaveLength(12);
    expect(modes).toEqual(expected);
  });
});
