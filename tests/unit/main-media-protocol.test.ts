import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Protocol } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiHandlers, sessionOf } from '../../electron/core/api/handlers.ts';
import { AppError } from '../../electron/core/errors.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { closeStudy, type Study } from '../../electron/core/store/study-file.ts';
import { serveMedia } from '../../electron/main/media-protocol.ts';
import type { MediaSession } from '../../electron/worker/media.ts';
import { addFakeRecording, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { mediaReaderOf } from '../helpers/media-reader.ts';
import { useTempDir } from '../helpers/temp.ts';
import { makeTestVideo } from '../helpers/video.ts';

// Counts how often the per-request media file is closed, while keeping the real store.
const closed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../electron/core/media/store.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/media/store.ts')>();
  return {
    ...real,
    closeMediaStore: (media: Parameters<typeof real.closeMediaStore>[0]) => {
      closed.count++;
      real.closeMediaStore(media);
    },
  };
});

type Handler = (request: Request) => Response | Promise<Response>;

/** Registers the media scheme on a stand-in for Electron's protocol module and returns its handler. */
function handlerFor(session: MediaSession): Handler {
  let registered: Handler | null = null;
  const protocol = {
    handle: (scheme: string, handle: Handler) => {
      expect(scheme).toBe('media');
      registered = handle;
    },
  } as unknown as Protocol;
  serveMedia(
    protocol,
    mediaReaderOf(() => session),
  );
  if (!registered) throw new Error('serveMedia registered no handler');
  return registered;
}

const studySession = (study: Study): MediaSession => ({ study: () => study, actor: () => 'test' });
const get = (url: string, range?: string) => new Request(url, range ? { headers: { range } } : {});

const tempDir = useTempDir();
const studies: Study[] = [];
const open = (study: Study): Study => (studies.push(study), study);

beforeEach(() => {
  closed.count = 0;
});

// Runs before useTempDir's cleanup (after-hooks run last-registered first).
afterEach(() => {
  while (studies.length) closeStudy(studies.pop()!);
});

describe('the media scheme in the main process', () => {
  it('answers a seek’s byte range of a recording that plays as it is with 206, Content-Range and those bytes of the original', async () => {
    const dir = tempDir();
    const study = open(makeStudy(dir));
    const video = await makeTestVideo(dir, { seconds: 4 });
    await addRecording(study.db, { videoPath: video, code: 'D01-S01' }, 'test');
    const original = readFileSync(video);
    const handle = handlerFor(studySession(study));

    const res = await handle(get('media://recording/D01-S01', 'bytes=100-199'));
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-199/${original.length}`);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(original.subarray(100, 200));
    // The media file opened for the request is closed once its body is read.
    expect(closed.count).toBe(1);

    const past = await handle(get('media://recording/D01-S01', `bytes=${original.length}-`));
    expect([past.status, past.headers.get('content-range')]).toEqual([416, `bytes */${original.length}`]);
    expect(closed.count).toBe(2);
  });

  it('closes the request’s media file when the player cancels the answer, as it does on a seek', async () => {
    const dir = tempDir();
    const study = open(makeStudy(dir));
    await addRecording(study.db, { videoPath: await makeTestVideo(dir, { seconds: 4 }), code: 'D01-S01' }, 'test');
    const res = await handlerFor(studySession(study))(get('media://recording/D01-S01', 'bytes=0-'));
    expect(res.status).toBe(206);
    expect(closed.count).toBe(0);
    await res.body!.cancel();
    await vi.waitFor(() => expect(closed.count).toBe(1));
  });

  it('serves the study a window opened through its api, and nothing once the window closed it', async () => {
    const dir = tempDir();
    const handlers = createApiHandlers();
    const created = await handlers['study.create']({ path: join(dir, 'window.3rs'), passphrase: PASSPHRASE, coder: { code: 'C01', name: 'Coder' } });
    expect(created.ok).toBe(true);
    const session = sessionOf(handlers)!;
    await addRecording(session.study().db, { videoPath: await makeTestVideo(dir, { seconds: 4 }), code: 'D01-S01' }, 'C01');
    const handle = handlerFor(session);
    expect((await handle(get('media://recording/D01-S01', 'bytes=0-9'))).status).toBe(206);
    await handlers['study.close']({});
    expect((await handle(get('media://recording/D01-S01', 'bytes=0-9'))).status).toBe(404);
  });

  it('answers 404 for a URL that names no recording, without opening the study', async () => {
    const study = vi.fn((): Study => {
      throw new Error('the study was asked');
    });
    const handle = handlerFor({ study, actor: () => 'test' });
    for (const url of ['media://recording/', 'media://other/D01-S01', 'media://recording/a/b']) {
      expect((await handle(get(url))).status, url).toBe(404);
    }
    expect(study).not.toHaveBeenCalled();
  });

  it('answers 404 when there is nothing to play: an unknown recording, or one with neither its original nor a playable copy at hand', async () => {
    const study = open(makeStudy(tempDir()));
    addFakeRecording(study, 'D02-S01', 60_000);
    const handle = handlerFor(studySession(study));
    expect((await handle(get('media://recording/D09-S09'))).status).toBe(404);
    expect((await handle(get('media://recording/D02-S01'))).status).toBe(404);
    expect(closed.count).toBe(2);
  });

  it('answers 404 when no study is open', async () => {
    const handle = handlerFor({
      study: () => {
        throw new AppError('NO_STUDY_OPEN', 'No study is open.');
      },
      actor: () => 'app',
    });
    expect((await handle(get('media://recording/D01-S01'))).status).toBe(404);
  });

  it('answers 500 with neither stack nor reason for the page when reading fails, and logs the reason', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const handle = handlerFor({
        study: () => {
          throw new Error('database disk image is malformed');
        },
        actor: () => 'app',
      });
      const res = await handle(get('media://recording/D01-S01', 'bytes=0-'));
      expect(res.status).toBe(500);
      expect(await res.text()).toBe('Media error');
      expect(log).toHaveBeenCalledWith(expect.stringContaining('database disk image is malformed'));
    } finally {
      log.mockRestore();
    }
  });
});
