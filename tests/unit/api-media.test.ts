import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Protocol } from 'electron';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../electron/core/api/contract.ts';
import { createApiHandlers, sessionOf, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { serveMedia } from '../../electron/main/media-protocol.ts';
import { PASSPHRASE } from '../helpers/study.ts';
import { mediaReaderOf } from '../helpers/media-reader.ts';
import { useTempDir } from '../helpers/temp.ts';
import { makeTestVideo } from '../helpers/video.ts';
import { value } from '../helpers/api.ts';

const tempDir = useTempDir();

/** A study behind handlers that push to a page, and every job status pushed so far. */
async function newStudy(): Promise<{ api: ApiHandlers; dir: string; pushed: JobStatus[] }> {
  const dir = tempDir();
  const pushed: JobStatus[] = [];
  const api = createApiHandlers({ push: (name, payload) => name === 'job.changed' && pushed.push(payload as JobStatus) });
  value(
    await api['study.create']({ path: join(dir, 'study.3rs'), passphrase: PASSPHRASE, segmentSeconds: 60, coder: { code: 'C01', name: 'Coder' } }),
  );
  return { api, dir, pushed };
}

/** Follows a job as the screen does, by what the core pushes: every status of it until its end. */
async function follow(pushed: JobStatus[], jobId: string): Promise<JobStatus[]> {
  for (let i = 0; i < 1200; i++) {
    const seen = pushed.filter((s) => s.jobId === jobId);
    if (seen.at(-1)?.state !== undefined && seen.at(-1)?.state !== 'running') return seen;
    await sleep(25);
  }
  throw new Error('job did not finish');
}

describe('importing a recording through the api', () => {
  it('runs as a job with progress pushed, then the recording lists with its playback state and the player gets a URL, filmstrip and waveform', async () => {
    const { api, dir, pushed } = await newStudy();
    const video = await makeTestVideo(dir, { seconds: 25, name: 'session one.mp4' });
    const { jobId } = value(await api['recordings.import']({ path: video, code: 'D01-S01' }));
    const seen = await follow(pushed, jobId);
    expect(seen.at(-1)).toMatchObject({
      kind: 'import',
      state: 'done',
      percent: 100,
      result: { recording: 'D01-S01', media: { thumbnails: { count: 3, everySeconds: 10 } } },
    });
    expect(value(await api['jobs.status']({ jobId }))).toEqual(seen.at(-1));
    // Pushes sample the stages (at most four a second; a short clip's filmstrip can come and go between two):
    // the ones seen come in the job's order, never back; that the filmstrip was made is checked below.
    const ORDER = ['starting', 'hashing', 'proxy', 'thumbnails', 'waveform'];
    const positions = seen.map((s) => ORDER.indexOf(s.stage));
    expect(
      positions.every((p) => p >= 0),
      `stages: ${seen.map((s) => s.stage).join(', ')}`,
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(Math.max(...positions)).toBeGreaterThan(ORDER.indexOf('hashing'));

    const [listed] = value(await api['recordings.list']({}));
    expect(listed).toMatchObject({ code: 'D01-S01', segments: 1, playable: 'direct', available: 'ok', audioOnly: false });
    expect(listed!.codings).toEqual([{ coder: 'C01', state: 'not-started', watchedSegments: 0 }]);

    const info = value(await api['media.info']({ recording: 'D01-S01' }));
    expect(info.url).toBe('media://recording/D01-S01');
    expect(info.thumbnails).toMatchObject({ everySeconds: 10, count: 3 });
    expect(info.thumbnails!.urls[2]).toBe('media://thumbnail/D01-S01/2');
    expect(info.waveform!.peaks.length).toBeGreaterThan(0);
    expect(info.waveform!.peaks.length % 2).toBe(0);

    // The URLs it hands out are the ones the main process serves.
    let handler: ((r: Request) => Response | Promise<Response>) | undefined;
    serveMedia(
      { handle: (_: string, h: typeof handler) => (handler = h) } as unknown as Protocol,
      mediaReaderOf(() => sessionOf(api)!),
    );
    const picture = await handler!(new Request(info.thumbnails!.urls[1]!));
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await picture.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect((await handler!(new Request('media://thumbnail/D01-S01/99'))).status).toBe(404);
  });

  it('a text file renamed .mp4 fails the job with the core’s message and adds nothing', async () => {
    const { api, dir, pushed } = await newStudy();
    const fake = join(dir, 'notes.mp4');
    writeFileSync(fake, 'these are my session notes, not a video\n'.repeat(50));
    const { jobId } = value(await api['recordings.import']({ path: fake, code: 'D01-S01' }));
    const last = (await follow(pushed, jobId)).at(-1)!;
    expect(last).toMatchObject({ state: 'failed', error: { code: 'NOT_MEDIA' } });
    expect(value(await api['recordings.list']({}))).toEqual([]);
  });

  it('locking the study while an import runs stops the job first and leaves nothing half-done', async () => {
    const { api, dir } = await newStudy();
    const video = await makeTestVideo(dir, { seconds: 25, name: 'session two.mp4' });
    const { jobId } = value(await api['recordings.import']({ path: video, code: 'D01-S02' }));
    value(await api['study.close']({}));
    expect(await api['jobs.status']({ jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    value(await api['study.open']({ path: join(dir, 'study.3rs'), passphrase: PASSPHRASE }));
    value(await api['session.selectCoder']({ code: 'C01' }));
    const listed = value(await api['recordings.list']({}));
    // Either the hash finished before the lock (then it is listed, fully) or nothing was added.
    expect(listed.length === 0 || listed[0]!.available === 'ok').toBe(true);
  });

  it('a malformed import request is refused as a bug (BAD_REQUEST) before any job starts', async () => {
    const { api } = await newStudy();
    expect(await api['recordings.import']({ path: 42, code: 'D01-S01' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
