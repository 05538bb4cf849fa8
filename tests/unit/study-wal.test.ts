// The write-ahead log: a closed study has none, and a damaged one is reported, never silently dropped.
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMark, listMarks } from '../../electron/core/coding/marks.ts';
import { closeStudy, openStudy, type Study } from '../../electron/core/store/study-file.ts';
import { verifyStudy } from '../../electron/core/store/verify.ts';
import { inspectWal } from '../../electron/core/store/wal.ts';
import { caught } from '../helpers/errors.ts';
import { addFakeRecording, addTestCoder, ACTOR, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { commitsIn, damageWal, WAL_DAMAGE_CASES, walFrames } from '../helpers/wal-damage.ts';

const tempDir = useTempDir();

/** A study with a recording and a coder, open, with `marks` marks committed to its log only. */
function studyWithLoggedMarks(marks: number): Study {
  const study = makeStudy(tempDir());
  addFakeRecording(study, 'D01-S01', 600_000);
  addTestCoder(study, 'C01');
  study.db.pragma('wal_checkpoint(TRUNCATE)');
  for (let i = 0; i < marks; i++) addMark(study.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: i * 1000 }, ACTOR);
  return study;
}

/** The files on disk as they are while `study` is open, copied elsewhere: what a kill -9 of its process leaves. */
function crashImage(study: Study): string {
  const path = join(tempDir(), 'crashed.3rs');
  for (const suffix of ['', '-wal', '-shm']) copyFileSync(study.path + suffix, path + suffix);
  return path;
}

const bytesOf = (path: string): (Buffer | null)[] => ['', '-wal', '-shm'].map((s) => (existsSync(path + s) ? readFileSync(path + s) : null));

describe('a closed study has no write-ahead log', () => {
  it('closing checkpoints the log to nothing even while another connection still has the study open', () => {
    const study = makeStudy(tempDir());
    const other = openStudy(study.path, PASSPHRASE);
    addTestCoder(study, 'C01');
    expect(statSync(`${study.path}-wal`).size).toBeGreaterThan(0);
    closeStudy(study);
    expect(statSync(`${study.path}-wal`).size).toBe(0);
    closeStudy(other);
    expect(existsSync(`${study.path}-wal`)).toBe(false);
  });
});

describe('a damaged write-ahead log is reported, and nothing is written', () => {
  it('an undamaged log left by a crash opens with every committed mark (no false alarm)', () => {
    const study = studyWithLoggedMarks(5);
    const path = crashImage(study);
    closeStudy(study);
    expect(inspectWal(path)).toMatchObject({ present: true, kept: 5, damage: null });
    const reopened = openStudy(path, PASSPHRASE);
    expect(listMarks(reopened.db, 'D01-S01', 'C01')).toHaveLength(5);
    closeStudy(reopened);
  });

  it('a bare frame header at the end (a crash between the two writes of a frame) is an unfinished transaction, not damage', () => {
    const study = studyWithLoggedMarks(3);
    const path = crashImage(study);
    closeStudy(study);
    const wal = readFileSync(`${path}-wal`);
    const last = walFrames(wal).frames.at(-1)!;
    writeFileSync(`${path}-wal`, Buffer.concat([wal, wal.subarray(last.offset, last.offset + 24)]));
    expect(inspectWal(path).damage).toBeNull();
  });

  for (const how of WAL_DAMAGE_CASES) {
    it(`${how}: open refuses, naming the committed transactions at stake, and leaves every file as it was`, () => {
      const study = studyWithLoggedMarks(4);
      const path = crashImage(study);
      closeStudy(study);
      const atStake = damageWal(path, how);
      const before = bytesOf(path);
      const err = caught(() => openStudy(path, PASSPHRASE));
      expect(err.code).toBe('STUDY_CORRUPT');
      const named =
        how === 'deleted -wal' ? `at least ${atStake} committed transaction` : `${atStake} committed transaction${atStake === 1 ? '' : 's'} in`;
      expect(err.message).toContain(named);
      expect(err.message).toMatch(/would be silently dropped.*Nothing was changed/);
      expect(bytesOf(path)).toEqual(before);
    });
  }

  it('verify reads the log of an open study and names what it would lose', () => {
    const study = studyWithLoggedMarks(3);
    expect(verifyStudy(study).checks.find((c) => c.name === 'wal')).toMatchObject({ ok: true });
    // verify folded that log into the file: three more marks make a new one, damaged under the running study
    // (as a disk error would do it).
    for (let i = 0; i < 3; i++) addMark(study.db, 'D01-S01', 'C01', { code: 'C1', clarity: 'check', timeMs: i * 1000 }, ACTOR);
    const commits = commitsIn(`${study.path}-wal`);
    const wal = readFileSync(`${study.path}-wal`);
    wal[walFrames(wal).frames.find((f) => f.commit)!.offset + 100]! ^= 0x01;
    writeFileSync(`${study.path}-wal`, wal);
    const check = verifyStudy(study).checks.find((c) => c.name === 'wal');
    expect(check).toMatchObject({ ok: false, detail: expect.stringContaining(`${commits} committed transactions`) });
    study.db.close();
  });
});

describe('a study file too short to hold its first page', () => {
  for (const size of [0, 1]) {
    it(`a ${size}-byte file is damage, not "not a study", and is left as it is`, () => {
      const study = makeStudy(tempDir());
      closeStudy(study);
      truncateSync(study.path, size);
      expect(caught(() => openStudy(study.path, PASSPHRASE))).toMatchObject({
        code: 'STUDY_CORRUPT',
        message: expect.stringContaining(`holds only ${size} byte`),
      });
      expect(statSync(study.path).size).toBe(size);
    });
  }

  it('a damaged first page reads as "a wrong passphrase or a damaged first page", as the cipher cannot tell them apart', () => {
    const study = makeStudy(tempDir());
    closeStudy(study);
    const bytes = readFileSync(study.path);
    bytes[100]! ^= 0x01;
    writeFileSync(study.path, bytes);
    expect(caught(() => openStudy(study.path, PASSPHRASE))).toMatchObject({
      code: 'WRONG_PASSPHRASE',
      message: expect.stringContaining('a wrong passphrase or a damaged first page'),
    });
  });
});
