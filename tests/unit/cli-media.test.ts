import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mediaSourceFor } from '../../electron/core/media/sources.ts';
import { closeMediaStore, openMediaStore } from '../../electron/core/media/store.ts';
import { readThumbnail } from '../../electron/core/media/thumbnails.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import { makeClip } from '../helpers/video.ts';

const CLI = fileURLToPath(new URL('../../electron/cli/3rs.mjs', import.meta.url));
const dir = useSharedDir();
const studyFolder = () => join(dir(), 'étude');
const studyPath = () => join(studyFolder(), 'lab study.3rs');
const jobTemp = () => join(dir(), 'temp privé');

const cli = (args: string[], env: Record<string, string> = {}) => run3rs([...args, ...WITH_PASS], { env: { ...PASS_ENV, ...env } });

async function recordings(): Promise<Record<string, unknown>[]> {
  const r = await cli(['recording', 'list', studyPath(), '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** Signatures of plaintext media, long enough that encrypted bytes never show them by chance. */
const PLAINTEXT_SIGNATURES: Record<string, RegExp> = {
  'WebM/Matroska EBML header': /\x1a\x45\xdf\xa3[\s\S]{1,8}\x42\x86\x81/,
  'MP4 ftyp box': /ftyp[A-Za-z0-9 ]{4}/,
  'JPEG start (JFIF or Exif)': /\xff\xd8\xff(\xe0[\s\S]{2}JFIF\x00|\xe1[\s\S]{2}Exif\x00)/,
  'PNG signature': /\x89PNG\r\n\x1a\n/,
};

function plaintextSignatures(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  return Object.entries(PLAINTEXT_SIGNATURES)
    .filter(([, re]) => re.test(text))
    .map(([name]) => name);
}

const filesIn = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

/** 64-byte runs from the start, middle and end of some plaintext. */
const runsOf = (plain: Buffer): Buffer[] =>
  [0, 0.3, 0.6, 0.9].map((at) => plain.subarray(Math.floor(at * (plain.length - 64)), Math.floor(at * (plain.length - 64)) + 64));

beforeAll(async () => {
  mkdirSync(studyFolder());
  mkdirSync(jobTemp());
  const videos = join(dir(), 'vidéos');
  mkdirSync(videos);
  const [mpg, long, tone] = await Promise.all([
    makeClip(videos, { format: 'mpeg2-mpg', seconds: 25, name: 'séance 1.mpg' }),
    makeClip(videos, { format: 'mpeg2-mpg', seconds: 60, size: '320x240', fps: 25, name: 'séance longue.mpg' }),
    makeClip(videos, { format: 'mp3-audio', seconds: 4, name: 'entretien.mp3' }),
  ]);
  expect((await cli(['study', 'create', studyPath()])).code).toBe(0);
  for (const [file, code] of [
    [mpg, 'D01-S01'],
    [long, 'D01-S02'],
    [tone, 'D02-S01'],
  ] as const) {
    expect((await cli(['recording', 'add', studyPath(), file, '--code', code])).code).toBe(0);
  }
});

describe('3rs media prepare', () => {
  it('makes the proxy, filmstrip and waveform with progress lines, and leaves no plaintext media anywhere', async () => {
    const r = await cli(['media', 'prepare', studyPath(), '--recording', 'D01-S01'], { TMPDIR: jobTemp() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Prepared the media of D01-S01/);
    expect(r.stdout).toMatch(/playable copy: [\d.]+ [KM]B \(video\/mp4\)/);
    expect(r.stdout).toMatch(/filmstrip: 3 pictures, one every 10 s/);
    // Not a terminal: plain lines, at most one per 10 % of each stage.
    expect(r.stderr).toMatch(/^Playable copy +100%/m);
    expect(r.stderr).toMatch(/^Waveform +100%/m);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Playable copy')).length).toBeLessThanOrEqual(11);

    const study = openStudy(studyPath(), PASSPHRASE);
    const media = openMediaStore(study, 'test');
    let proxy: Buffer;
    let thumbnail: Buffer;
    try {
      const source = mediaSourceFor({ study, media }, 'D01-S01');
      proxy = await buffer(source.open(0, source.size - 1));
      thumbnail = readThumbnail(media, 'D01-S01', 1);
    } finally {
      closeMediaStore(media);
      closeStudy(study);
    }
    // The scanner does see plaintext when it is there.
    expect(plaintextSignatures(proxy)).toEqual(['MP4 ftyp box']);
    expect(plaintextSignatures(thumbnail)).toEqual(['JPEG start (JFIF or Exif)']);

    expect(readdirSync(jobTemp())).toEqual([]);
    const files = filesIn(studyFolder());
    expect(files.map((f) => f.slice(studyFolder().length + 1)).sort()).toEqual(['lab study.3rs', 'lab study.3rs.media']);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(plaintextSignatures(bytes), file).toEqual([]);
      for (const run of [...runsOf(proxy), ...runsOf(thumbnail)]) expect(bytes.indexOf(run), file).toBe(-1);
    }
    expect(readFileSync(`${studyPath()}.media`).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('writes not one file to TMPDIR while it works: ffmpeg writes to pipes and the media file takes what it writes', async () => {
    const watched = join(dir(), 'temp surveillé');
    mkdirSync(watched);
    const seen: string[] = [];
    // inotify reports a file even when it is removed at once, as the older job folders were.
    const watcher = watch(watched, { recursive: true }, (event, name) => seen.push(`${event} ${name}`));
    try {
      const r = await cli(['media', 'prepare', studyPath(), '--recording', 'D01-S01'], { TMPDIR: watched });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^Playable copy +100%/m);
      expect(r.stderr).toMatch(/^Filmstrip +100%/m);
    } finally {
      watcher.close();
    }
    expect(seen).toEqual([]);
    expect(readdirSync(watched)).toEqual([]);
  });

  it("removes the plaintext folders an older version's killed job left in TMPDIR, and only those", async () => {
    const temp = join(dir(), 'temp ancien');
    const stale = join(temp, '3rs-media-Xk3p9Q');
    mkdirSync(join(stale, 'thumbnails'), { recursive: true });
    writeFileSync(join(stale, 'proxy.mp4'), 'plaintext copy');
    writeFileSync(join(stale, 'thumbnails', 'thumb-000001.jpg'), 'plaintext picture');
    mkdirSync(join(temp, 'another-app-1234'));
    const r = await cli(['media', 'prepare', studyPath(), '--recording', 'D02-S01'], { TMPDIR: temp });
    expect(r.code).toBe(0);
    expect(readdirSync(temp)).toEqual(['another-app-1234']);
  });

  it('lists how each recording plays, whether its proxy is ready and whether its original is in place', async () => {
    const rows = await recordings();
    expect(rows.map((r) => [r['code'], r['playable'], r['proxy'], r['available'], r['audioOnly']])).toEqual([
      ['D01-S01', 'proxy', 'ready', 'ok', false],
      ['D01-S02', 'proxy', 'missing', 'ok', false],
      ['D02-S01', 'direct', 'missing', 'ok', true],
    ]);
    const table = await cli(['recording', 'list', studyPath()]);
    expect(table.stdout).toMatch(/^D01-S01 .* copy ready /m);
    expect(table.stdout).toMatch(/^D01-S02 .* needs media prepare /m);
    expect(table.stdout).toMatch(/^D02-S01 .* plays as it is /m);
    expect(table.stdout).toMatch(/D02-S01 is audio only: .*nonverbal/);
  });

  it('Ctrl-C cancels cleanly: ffmpeg stopped, nothing kept, no temporary file', async () => {
    const child = spawn(process.execPath, [CLI, 'media', 'prepare', studyPath(), '--recording', 'D01-S02', ...WITH_PASS], {
      env: { ...process.env, ...PASS_ENV, TMPDIR: jobTemp() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let interrupted = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      // Once: a second Ctrl-C is meant to quit at once.
      if (!interrupted && /Playable copy +[1-9]/.test(stderr)) interrupted = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(interrupted).toBe(true);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^3rs: Making the playable copy of D01-S02 was cancelled; nothing was kept\..*\(CANCELLED\)$/m);
    expect(readdirSync(jobTemp())).toEqual([]);
    expect((await recordings()).find((r) => r['code'] === 'D01-S02')).toMatchObject({ proxy: 'missing' });
  });

  it('names an unknown recording and changes nothing', async () => {
    const before = readFileSync(studyPath());
    const r = await cli(['media', 'prepare', studyPath(), '--recording', 'D09-S09']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No recording "D09-S09".*\(NOT_FOUND\)/);
    expect(readFileSync(studyPath()).equals(before)).toBe(true);
  });
});
