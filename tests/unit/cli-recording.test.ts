import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { makeClip, makeTestVideo } from '../helpers/video.ts';

const dir = useSharedDir();
const studyPath = () => join(dir(), 'recordings study.3rs');
let video: string;

const cli = (...args: string[]) => run3rs([...args, ...WITH_PASS], { env: PASS_ENV });

async function studyInfo(): Promise<unknown> {
  const r = await cli('study', 'info', studyPath(), '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

async function recordings(): Promise<Record<string, unknown>[]> {
  const r = await cli('recording', 'list', studyPath(), '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A failed add exits 2 with one line naming the error code, and leaves the study file byte for byte as it was. */
async function expectRefused(args: string[], pattern: RegExp): Promise<void> {
  const before = readFileSync(studyPath());
  const r = await cli('recording', 'add', studyPath(), ...args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(readFileSync(studyPath()).equals(before)).toBe(true);
}

beforeAll(async () => {
  const videos = join(dir(), 'vidéos à coder');
  mkdirSync(videos);
  [video] = await Promise.all([
    makeTestVideo(videos, { seconds: 630, name: 'séance 1 (dyade D01).mp4' }),
    cli('study', 'create', studyPath(), '--segment-seconds', '60').then((r) => expect(r.code).toBe(0)),
  ]);
});

describe('3rs recording add', () => {
  it('registers a video where it lies, with its facts, and never changes the original', async () => {
    const hashBefore = sha256(video);
    const modifiedBefore = statSync(video).mtimeMs;
    const r = await cli('recording', 'add', studyPath(), video, '--code', 'D01-S01');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/Added D01-S01: 10:30, h264 160x120 at 2 fps, aac; 11 segments\./);
    const [rec] = await recordings();
    expect(rec).toEqual({
      code: 'D01-S01',
      durationMs: expect.any(Number),
      segments: 11,
      dyad: 'D01',
      session: 1,
      path: video,
      container: expect.stringContaining('mp4'),
      videoCodec: 'h264',
      audioCodec: 'aac',
      pixFmt: 'yuv420p',
      width: 160,
      height: 120,
      fps: 2,
      sizeBytes: statSync(video).size,
      sha256: hashBefore,
      audioOnly: false,
      playable: 'direct',
      proxy: 'missing',
      available: 'ok',
    });
    expect(Math.abs((rec!['durationMs'] as number) - 630_000)).toBeLessThan(100);
    expect(sha256(video)).toBe(hashBefore);
    expect(statSync(video).mtimeMs).toBe(modifiedBefore);
  });

  it('lists recordings as a readable table', async () => {
    const r = await cli('recording', 'list', studyPath());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^CODE\s+LENGTH\s+SEGMENTS\s+MEDIA\s+PLAYBACK\s+PATH$/m);
    expect(r.stdout).toMatch(/^D01-S01\s+10:30\s+11\s+h264 160x120 at 2 fps, aac\s+plays as it is\s+.*séance 1 \(dyade D01\)\.mp4$/m);
  });

  it('refuses the same video a second time, even renamed, naming the recording it already is', async () => {
    const copy = join(dir(), 'copie.mp4');
    copyFileSync(video, copy);
    await expectRefused([copy, '--code', 'D09-S09'], /already in the study as D01-S01.*\(DUPLICATE\)/);
  });

  it('refuses a text file renamed .mp4 and leaves the study unchanged', async () => {
    const fake = join(dir(), 'notes de séance.mp4');
    writeFileSync(fake, 'These are session notes, not a video.\n'.repeat(20));
    const before = await studyInfo();
    await expectRefused(
      [fake, '--code', 'D02-S01'],
      /notes de séance\.mp4 is not a video or audio file ffprobe can read.*chose the recording itself.*\(NOT_MEDIA\)/,
    );
    expect(await studyInfo()).toEqual(before);
  });

  it('refuses an empty file', async () => {
    const empty = join(dir(), 'empty.mp4');
    writeFileSync(empty, '');
    await expectRefused([empty, '--code', 'D02-S01'], /the file is empty.*\(NOT_MEDIA\)/);
  });

  it('refuses a missing file and a folder', async () => {
    await expectRefused([join(dir(), 'nowhere.mp4'), '--code', 'D02-S01'], /No file at .*nowhere\.mp4.*\(FILE_NOT_FOUND\)/);
    await expectRefused([dir(), '--code', 'D02-S01'], /is not a file.*\(NOT_MEDIA\)/);
  });

  it('refuses a second recording with a code already in use', async () => {
    const tone = await makeTestVideo(dir(), { seconds: 20, audioOnly: true, name: 'other tone.m4a' });
    await expectRefused([tone, '--code', 'D01-S01'], /code D01-S01 already exists.*\(DUPLICATE\)/);
  });

  it('accepts an audio-only recording, with dyad and session given as options', async () => {
    const tone = await makeTestVideo(dir(), { seconds: 20, audioOnly: true, name: 'entretien audio.m4a' });
    const r = await cli('recording', 'add', studyPath(), tone, '--code', 'intake-audio', '--dyad', 'D02', '--session', '3');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/no video, aac; 1 segment\./);
    expect(r.stdout).toMatch(/^Note: intake-audio is audio only: it is coded from the sound; the nonverbal side of ruptures .* cannot be seen\.$/m);
    const audio = (await recordings()).find((x) => x['code'] === 'intake-audio');
    expect(audio).toMatchObject({
      dyad: 'D02',
      session: 3,
      videoCodec: null,
      audioCodec: 'aac',
      width: null,
      height: null,
      fps: null,
      segments: 1,
      audioOnly: true,
      playable: 'direct',
    });
  });

  it('refuses an MP4 cut short before its index (moov atom), saying to copy it again', async () => {
    const whole = await makeClip(dir(), { format: 'h264-mp4', seconds: 6, name: 'copie interrompue.mp4' });
    const bytes = readFileSync(whole);
    // Without +faststart the index is written last, so a copy that stops halfway has none.
    expect(bytes.subarray(0, bytes.length / 2).includes('moov')).toBe(false);
    writeFileSync(whole, bytes.subarray(0, bytes.length / 2));
    await expectRefused(
      [whole, '--code', 'D02-S01'],
      /copie interrompue\.mp4 is incomplete: its index \(the MP4 "moov" atom\) is missing.*Copy it again.*\(NOT_MEDIA\)/,
    );
  });

  it('refuses a session number that is not a whole number', async () => {
    const r = await cli('recording', 'add', studyPath(), video, '--code', 'D05-S01', '--session', 'one');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^3rs: --session must be a whole number/);
  });
});

describe('3rs recording relink', () => {
  it('finds a moved original again: listed as missing, relinked to the moved copy, refused for a different file', async () => {
    const original = await makeClip(dir(), { format: 'vp9-webm', seconds: 3, name: 'à déplacer.webm' });
    expect((await cli('recording', 'add', studyPath(), original, '--code', 'D03-S01')).code).toBe(0);
    mkdirSync(join(dir(), 'rangé ailleurs'));
    const moved = join(dir(), 'rangé ailleurs', 'séance déplacée.webm');
    renameSync(original, moved);
    const listed = await cli('recording', 'list', studyPath());
    expect(listed.stdout).toMatch(/^D03-S01 .* original missing: relink /m);
    expect((await recordings()).find((r) => r['code'] === 'D03-S01')).toMatchObject({ available: 'missing', path: original });

    // Same size, other content: refused after hashing, and the study is unchanged.
    const impostor = join(dir(), 'autre séance.webm');
    const bytes = readFileSync(moved);
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(impostor, bytes);
    const before = readFileSync(studyPath());
    const refused = await cli('recording', 'relink', studyPath(), '--recording', 'D03-S01', impostor);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/autre séance\.webm is a different recording, not D03-S01: its content differs.*\(CONFLICT\)$/m);
    expect(readFileSync(studyPath()).equals(before)).toBe(true);

    const r = await cli('recording', 'relink', studyPath(), '--recording', 'D03-S01', moved);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/Relinked D03-S01 to .*séance déplacée\.webm \(same content, checked by SHA-256\)/);
    expect((await recordings()).find((x) => x['code'] === 'D03-S01')).toMatchObject({ available: 'ok', path: moved });
  });
});
