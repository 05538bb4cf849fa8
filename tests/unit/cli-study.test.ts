import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rekeyTempPath } from '../../electron/core/store/study-file.ts';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { NEW_PASSPHRASE, PASSPHRASE } from '../helpers/study.ts';

const dir = useSharedDir();
const studyPath = () => join(dir(), 'ma étude 1.3rs');

/** One line on stderr, naming the problem, and no stack trace. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(/^3rs: .*\n$/);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toMatch(pattern);
}

async function info(path: string, options: { env?: Record<string, string>; input?: string } = { env: PASS_ENV }) {
  const args = options.env ? ['study', 'info', path, '--json', ...WITH_PASS] : ['study', 'info', path, '--json'];
  const r = await run3rs(args, options);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  const r = await run3rs(['study', 'create', studyPath(), '--segment-seconds', '60', ...WITH_PASS], { env: PASS_ENV });
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toContain(studyPath());
});

describe('3rs study create and info', () => {
  it('creates an encrypted study with the chosen segment length in a folder with spaces and accents', async () => {
    expect(await info(studyPath())).toMatchObject({ path: studyPath(), segmentSeconds: 60, scheme: '3rs-2015', recordings: 0, coders: 0, events: 0 });
    expect(readFileSync(studyPath()).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('prints readable info without --json', async () => {
    const r = await run3rs(['study', 'info', studyPath(), ...WITH_PASS], { env: PASS_ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Segments\s+60 s/);
    expect(r.stdout).toMatch(/Scheme\s+3rs-2015/);
  });

  it('reads the passphrase from one line of standard input when no variable is named', async () => {
    const path = join(dir(), 'from stdin.3rs');
    const created = await run3rs(['study', 'create', path], { input: `${PASSPHRASE}\n` });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(await info(path, { input: `${PASSPHRASE}\r\nignored second line\n` })).toMatchObject({ segmentSeconds: 300 });
    expect(await info(path, { input: PASSPHRASE })).toMatchObject({ segmentSeconds: 300 });
  });

  it('a relative FILE means a file in the folder the command runs in, as on any command line', async () => {
    const here = join(dir(), 'relative');
    mkdirSync(here);
    const created = await run3rs(['study', 'create', 'near.3rs', ...WITH_PASS], { env: PASS_ENV, cwd: here });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain(`Created ${join(here, 'near.3rs')} `);
    const r = await run3rs(['study', 'info', './near.3rs', '--json', ...WITH_PASS], { env: PASS_ENV, cwd: here });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ path: join(here, 'near.3rs') });
  });

  it('a study inside a "folder" that is a file exits 2 with an IO_ERROR saying to choose a folder', async () => {
    const file = join(dir(), 'plain notes.txt');
    writeFileSync(file, 'notes');
    const r = await run3rs(['study', 'create', join(file, 'study.3rs'), ...WITH_PASS], { env: PASS_ENV });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /is a file, not a folder\. Choose a folder to hold the new study\. \(IO_ERROR\)/);
    expect(readFileSync(file, 'utf8')).toBe('notes');
  });

  it('a wrong passphrase exits 2 with one line and leaves the file byte for byte as it was', async () => {
    const before = readFileSync(studyPath());
    const r = await run3rs(['study', 'info', studyPath()], { input: 'not the passphrase at all\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, /Could not unlock .*a wrong passphrase or a damaged first page.*\(WRONG_PASSPHRASE\)/);
    expect(readFileSync(studyPath()).equals(before)).toBe(true);
  });

  it('a --passphrase-env variable that is not set exits 2 and says to set it', async () => {
    const r = await run3rs(['study', 'info', studyPath(), '--passphrase-env', 'NO_SUCH_3RS_VAR']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /NO_SUCH_3RS_VAR .*not set or is empty\. Set it/);
    const empty = await run3rs(['study', 'info', studyPath(), '--passphrase-env', 'EMPTY_VAR'], { env: { EMPTY_VAR: '' } });
    expect(empty.code).toBe(2);
  });

  it('empty standard input is not taken as a passphrase', async () => {
    const r = await run3rs(['study', 'info', studyPath()]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /no passphrase on standard input/);
  });

  it('refuses a weak passphrase and leaves no file behind', async () => {
    const path = join(dir(), 'weak.3rs');
    const r = await run3rs(['study', 'create', path], { input: 'short\n' });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /at least 10 characters.*\(WEAK_PASSPHRASE\)/);
    expect(existsSync(path)).toBe(false);
  });

  it('never overwrites an existing study', async () => {
    const before = readFileSync(studyPath());
    const r = await run3rs(['study', 'create', studyPath(), ...WITH_PASS], { env: PASS_ENV });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /already exists.*\(STUDY_EXISTS\)/);
    expect(readFileSync(studyPath()).equals(before)).toBe(true);
  });

  it('a study path that does not exist exits 2', async () => {
    const r = await run3rs(['study', 'info', join(dir(), 'missing.3rs'), ...WITH_PASS], { env: PASS_ENV });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /No study at .*missing\.3rs.*\(STUDY_NOT_FOUND\)/);
  });
});

describe('3rs usage errors and help', () => {
  it.each([
    [[], /no command given\. Run "3rs --help"/],
    [['frobnicate'], /unknown command "frobnicate"\. Run "3rs --help"/],
    [['study', 'destroy', 'x.3rs'], /unknown command "study destroy": use one of create, info, rekey, verify/],
    [['study'], /"3rs study" needs a subcommand/],
    [['study', 'info'], /missing FILE\. Usage: 3rs study info FILE/],
    [['study', 'info', 'a.3rs', 'b.3rs'], /unexpected argument "b\.3rs"/],
    [['study', 'info', 'a.3rs', '--verbose'], /Unknown option '--verbose'\. Usage: 3rs study info/],
    [['study', 'create', 'a.3rs', '--segment-seconds', 'five'], /--segment-seconds must be a whole number, like 300/],
    [['coder', 'add', 'a.3rs', '--code', 'C01'], /missing --name\. Usage: 3rs coder add FILE --code CODE \[--name NAME\]/],
    [['study', 'info', 'a.3rs', '--passphrase', 'secret words here'], /Unknown option '--passphrase'/],
  ])('3rs %j exits 2 and says what to do', async (args, pattern) => {
    const r = await run3rs(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, pattern);
  });

  it('--help lists every command and where passphrases come from', async () => {
    for (const args of [['--help'], ['help'], ['-h']]) {
      const r = await run3rs(args);
      expect(r.code).toBe(0);
      for (const name of [
        'study create',
        'study info',
        'study rekey',
        'study verify',
        'coder add',
        'recording add',
        'recording list',
        'events import',
        'ratings import',
        'scoresheet',
      ]) {
        expect(r.stdout).toContain(`  ${name}  `);
      }
      expect(r.stdout).toMatch(/never taken from the command line/);
    }
  });

  it('a command with --help shows its usage and options', async () => {
    const r = await run3rs(['recording', 'add', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: 3rs recording add FILE VIDEO --code CODE \[--dyad DYAD\] \[--session N\] \[--passphrase-env NAME\]/);
    expect((await run3rs(['help', 'scoresheet'])).stdout).toMatch(/^Usage: 3rs scoresheet FILE --recording CODE --coder CODE \[--json\]/);
  });
});

describe('3rs coder add', () => {
  it('adds a coder with a non-ASCII name, and refuses the same code twice', async () => {
    const add = await run3rs(['coder', 'add', studyPath(), '--code', 'C01', '--name', 'Zoë Ångström', '--role', 'lead', ...WITH_PASS], {
      env: PASS_ENV,
    });
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(add.stdout).toContain('Added coder C01 (Zoë Ångström, lead).');
    const again = await run3rs(['coder', 'add', studyPath(), '--code', 'C01', '--name', 'Someone else', ...WITH_PASS], { env: PASS_ENV });
    expect(again.code).toBe(2);
    expectOneLineError(again.stderr, /Coder C01 already exists.*\(DUPLICATE\)/);
    expect(await info(studyPath())).toMatchObject({ coders: 1 });
  });

  it('refuses an unknown role and a code that is not plain', async () => {
    const role = await run3rs(['coder', 'add', studyPath(), '--code', 'C02', '--name', 'X', '--role', 'boss', ...WITH_PASS], { env: PASS_ENV });
    expect(role.code).toBe(2);
    expectOneLineError(role.stderr, /--role must be coder or lead/);
    const code = await run3rs(['coder', 'add', studyPath(), '--code', 'c 2', '--name', 'X', ...WITH_PASS], { env: PASS_ENV });
    expect(code.code).toBe(2);
    expectOneLineError(code.stderr, /not valid.*like C01.*\(INVALID_INPUT\)/);
  });
});

describe('3rs study verify', () => {
  it('passes a sound study with exit 0, listing each check', async () => {
    const r = await run3rs(['study', 'verify', studyPath(), ...WITH_PASS], { env: PASS_ENV });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^ok\s+integrity/m);
    expect(r.stdout).toMatch(/^ok\s+cipher-pages/m);
    expect(r.stdout).toMatch(/^ok\s+audit-chain/m);
  });

  it('exits 1 when one byte in the middle of the closed file has been flipped', async () => {
    const damaged = join(dir(), 'damaged copy.3rs');
    copyFileSync(studyPath(), damaged);
    const bytes = readFileSync(damaged);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    writeFileSync(damaged, bytes);
    const r = await run3rs(['study', 'verify', damaged, ...WITH_PASS], { env: PASS_ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^3rs: .*(check\(s\) failed|damaged).*backup/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('3rs study verify on damage it cannot tell apart, or a file too short', () => {
  it('a 0- or 1-byte study is damage: exit 1, not "not a study"', async () => {
    for (const size of [0, 1]) {
      const path = join(dir(), `short ${size}.3rs`);
      writeFileSync(path, Buffer.alloc(size, 0x53));
      const r = await run3rs(['study', 'verify', path, ...WITH_PASS], { env: PASS_ENV });
      expect(r.code).toBe(1);
      expectOneLineError(r.stderr, new RegExp(`damaged: it holds only ${size} byte.*\\(STUDY_CORRUPT\\)`));
    }
  });

  it('a damaged first page exits 1 as "a wrong passphrase or a damaged first page"', async () => {
    const damaged = join(dir(), 'first page.3rs');
    copyFileSync(studyPath(), damaged);
    const bytes = readFileSync(damaged);
    bytes[200] = bytes[200]! ^ 0x01;
    writeFileSync(damaged, bytes);
    const r = await run3rs(['study', 'verify', damaged, ...WITH_PASS], { env: PASS_ENV });
    expect(r.code).toBe(1);
    expectOneLineError(r.stderr, /a wrong passphrase or a damaged first page.*\(WRONG_PASSPHRASE\)/);
  });
});

describe('a rekey killed before it finished', () => {
  it('the next command removes its unfinished copy and says so in one line on stderr', async () => {
    const path = join(dir(), 'interrupted.3rs');
    copyFileSync(studyPath(), path);
    writeFileSync(rekeyTempPath(path), 'half a copy');
    const r = await run3rs(['study', 'info', path, '--json', ...WITH_PASS], { env: PASS_ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^3rs: A change of passphrase was interrupted before it finished; its unfinished copy was removed and the study keeps its previous passphrase\.\n$/,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ segmentSeconds: 60 });
    expect(existsSync(rekeyTempPath(path))).toBe(false);
  });
});

describe('3rs study rekey', () => {
  it('changes the passphrase: the old one no longer opens the study, the new one does', async () => {
    const path = join(dir(), 'rekeyed.3rs');
    copyFileSync(studyPath(), path);
    const newPass = { ...PASS_ENV, NEW_PASS: NEW_PASSPHRASE };
    const r = await run3rs(['study', 'rekey', path, ...WITH_PASS, '--new-passphrase-env', 'NEW_PASS'], { env: newPass });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const old = await run3rs(['study', 'info', path, ...WITH_PASS], { env: PASS_ENV });
    expect(old.code).toBe(2);
    expectOneLineError(old.stderr, /\(WRONG_PASSPHRASE\)/);
    expect(await info(path, { input: `${NEW_PASSPHRASE}\n` })).toMatchObject({ coders: 1 });
  });

  it('without --new-passphrase-env and without a terminal it exits 2 before touching the study', async () => {
    const before = readFileSync(studyPath());
    const r = await run3rs(['study', 'rekey', studyPath()], { input: `${PASSPHRASE}\n` });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /--new-passphrase-env NAME/);
    expect(readFileSync(studyPath()).equals(before)).toBe(true);
  });

  it('refuses a weak new passphrase and keeps the old one', async () => {
    const r = await run3rs(['study', 'rekey', studyPath(), ...WITH_PASS, '--new-passphrase-env', 'NEW_PASS'], {
      env: { ...PASS_ENV, NEW_PASS: 'short' },
    });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /\(WEAK_PASSPHRASE\)/);
    expect(await info(studyPath())).toMatchObject({ segmentSeconds: 60 });
  });
});
