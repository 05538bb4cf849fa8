import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listMarks } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { printable } from '../../electron/cli/output.ts';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';

const dir = useSharedDir();
const studyPath = () => join(dir(), 'study.3rs');
const importEvents = (csvPath: string, ...extra: string[]) =>
  run3rs(['events', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C01', csvPath, ...extra, ...WITH_PASS], { env: PASS_ENV });

function marksInStudy() {
  const study = openStudy(studyPath(), PASSPHRASE);
  try {
    return listMarks(study.db, 'D01-S01', 'C01');
  } finally {
    closeStudy(study);
  }
}

beforeAll(() => {
  const study = makeStudy(dir(), 300, 'study.3rs');
  addTestCoder(study, 'C01');
  addFakeRecording(study, 'D01-S01', 600_000);
  closeStudy(study);
});

describe('printing names from outside', () => {
  it('control characters and direction overrides become visible escapes; ordinary letters stay', () => {
    expect(printable('évènement\u0000\u0007\u001b[31m\u009b\u202eliam.csv\t\n')).toBe('évènement\\x00\\x07\\x1b[31m\\x9b\\u202eliam.csv\\t\\n');
  });
});

describe('3rs events import: what it reads', () => {
  const latin1 = Buffer.from('time,code,clarity,note\n1,W1,check,caf\xe9 cr\xe8me\n', 'latin1');

  it('a Latin-1 file is refused with "save it as UTF-8" and the option that reads it, and nothing is imported', async () => {
    const file = join(dir(), 'latin1.csv');
    writeFileSync(file, latin1);
    const r = await importEvents(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /latin1\.csv, line 2 has bytes that are not UTF-8 text.*Save the file as UTF-8.*add --encoding latin1 \(or windows-1252\)\. Nothing was imported/,
    );
    expect(marksInStudy()).toEqual([]);
  });

  it('with --encoding latin1 the accents arrive as they were written', async () => {
    const file = join(dir(), 'latin1 again.csv');
    writeFileSync(file, latin1);
    const r = await importEvents(file, '--encoding', 'latin1');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(marksInStudy().map((m) => m.note)).toEqual(['café crème']);
  });

  it('a named pipe is refused at once, before the passphrase is asked for, with what to do', async () => {
    const fifo = join(dir(), 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    // No passphrase given: the refusal must come before one is needed.
    const r = await run3rs(['events', 'import', studyPath(), '--recording', 'D01-S01', '--coder', 'C01', fifo]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pipe\.csv is a named pipe \(FIFO\).*Save the CSV file as an ordinary file/);
  });

  it('file names with control characters are printed escaped, on success and in errors', async () => {
    const name = 'marks\u001b[2J\u0007.csv';
    writeFileSync(join(dir(), name), 'time,code,clarity,note\n2,W2,check,\n');
    const ok = await importEvents(join(dir(), name));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('marks\\x1b[2J\\x07.csv');
    expect(ok.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const missing = await importEvents(join(dir(), 'gone\u0007.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('gone\\x07.csv');
    expect(missing.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});
