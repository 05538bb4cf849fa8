// Adding a recording reads the file once: ffprobe looks at its headers while the hash reads it, rather than
// one after the other, and a file that is not media stops the hash. The probe is held here (a promise the
// test settles) so that what runs meanwhile can be seen without timing anything.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../electron/core/errors.ts';
import type { ProbeResult } from '../../electron/core/media/ffmpeg.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { listRecordings } from '../../electron/core/recordings/registry.ts';
import { ACTOR, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const held = vi.hoisted(() => ({ probe: null as null | { resolve: (r: ProbeResult) => void; reject: (e: unknown) => void } }));
vi.mock('../../electron/core/media/ffmpeg.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../electron/core/media/ffmpeg.ts')>()),
  probeMedia: () =>
    new Promise<ProbeResult>((resolve, reject) => {
      held.probe = { resolve, reject };
    }),
}));

const tempDir = useTempDir();

const MB = 1024 * 1024;
const VIDEO: ProbeResult = {
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationMs: 600_000,
  videoCodec: 'h264',
  audioCodec: 'aac',
  pixFmt: 'yuv420p',
  fps: 25,
  width: 1280,
  height: 720,
};

/** A file of `mb` megabytes of the same byte. */
function fileOf(mb: number): string {
  const path = join(tempDir(), 'session.mp4');
  writeFileSync(path, Buffer.alloc(mb * MB, 7));
  return path;
}

describe('adding a recording', () => {
  it('hashes the whole file while the probe is still looking at it', async () => {
    const study = makeStudy(tempDir());
    const path = fileOf(32);
    let hashed = 0;
    const added = addRecording(study.db, { videoPath: path, code: 'D01-S01' }, ACTOR, (done, total) => {
      hashed = done;
      // Read to the end with the probe not answered yet: only now does it answer.
      if (done === total) held.probe!.resolve(VIDEO);
    });
    const recording = await added;
    expect(hashed).toBe(32 * MB);
    expect(recording).toMatchObject({ code: 'D01-S01', durationMs: 600_000, videoCodec: 'h264', sizeBytes: 32 * MB });
    expect(recording.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a file the probe refuses stops the hash, fails with the probe’s reason and adds nothing', async () => {
    const study = makeStudy(tempDir());
    const path = fileOf(64);
    let hashed = 0;
    const added = addRecording(study.db, { videoPath: path, code: 'D01-S01' }, ACTOR, (done) => {
      if (hashed === 0) held.probe!.reject(new AppError('NOT_MEDIA', `${path} is not a recording.`));
      hashed = done;
    });
    await expect(added).rejects.toMatchObject({ code: 'NOT_MEDIA' });
    // The hash stopped within a chunk or two of the refusal, far from the end of the file.
    expect(hashed).toBeLessThan(32 * MB);
    expect(listRecordings(study.db)).toEqual([]);
  });
});
