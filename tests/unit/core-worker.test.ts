// The core in its worker thread (electron/main/core-client.ts, electron/worker/): a window's handlers there answer
// as the same handlers in this process do, its pushes and media reach the main process, and a worker that dies
// leaves no call hanging.

import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobStatus } from '../../electron/core/api/contract.ts';
import { createApiHandlers, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import type { Result } from '../../electron/core/errors.ts';
import { insertRecording } from '../../electron/core/recordings/registry.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { CORE_STOPPED, startCore, type CoreClient } from '../../electron/main/core-client.ts';
import { createPageEvents } from '../../electron/main/page-events.ts';
import { windowStudy } from '../../electron/main/window-study.ts';
import type { FromWorker, ToWorker } from '../../electron/worker/protocol.ts';
import { serveCore } from '../../electron/worker/serve-core.ts';
import { value } from '../helpers/api.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { makeTestVideo } from '../helpers/video.ts';

const tempDir = useTempDir();
const clients: CoreClient[] = [];

/** A worker for this test, stopped after it (registered after useTempDir: hooks run last-registered first, so before the folder goes). */
function core(entry?: URL): CoreClient {
  const client = startCore(entry);
  clients.push(client);
  return client;
}

afterEach(async () => {
  while (clients.length) await clients.pop()!.terminate();
});

/** A closed study with a coder, in its own folder. */
function studyFile(): string {
  const study = makeStudy(tempDir(), 60);
  addTestCoder(study, 'C01');
  addFakeRecording(study, 'D01-S01', 10 * 60_000);
  closeStudy(study);
  return study.path;
}

/** What a window does first: a mistyped passphrase, open its study, choose its coder, add a mark, send a malformed one, read the coding. */
async function session(api: ApiHandlers, path: string): Promise<Result<unknown>[]> {
  const answers: Result<unknown>[] = [];
  answers.push(await api['study.open']({ path, passphrase: 'not the passphrase' }));
  answers.push(await api['study.open']({ path, passphrase: PASSPHRASE }));
  answers.push(await api['session.selectCoder']({ code: 'C01' }));
  answers.push(await api['recordings.list']({}));
  answers.push(await api['marks.add']({ recording: 'D01-S01', code: 'W4', clarity: 'check', timeMs: 61_000 }));
  answers.push(await api['marks.add']({ recording: 'D01-S01', code: 'W4', clarity: 'check', timeMs: '1:01' }));
  answers.push(await api['coding.view']({ recording: 'D01-S01' }));
  answers.push(await api['study.close']({}));
  answers.push(await api['session.state']({}));
  return answers;
}

/** The answers with the study's folder and the moments of writing put the same way, so two copies of one study compare. */
const samePaths = (answers: Result<unknown>[], path: string): unknown =>
  JSON.parse(
    JSON.stringify(answers)
      .replaceAll(path, '<study>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>'),
  );

describe('the core in a worker thread', () => {
  it('answers a window’s calls as the same handlers in this process do, a refusal and a malformed request included', async () => {
    const inProcess = studyFile();
    // A byte-for-byte copy: the same study, created at the same moment.
    const inWorker = join(tempDir(), 'copy.3rs');
    copyFileSync(inProcess, inWorker);
    const here = await session(createApiHandlers(), inProcess);
    const there = await session(core().open().handlers, inWorker);
    expect(samePaths(there, inWorker)).toEqual(samePaths(here, inProcess));
    expect(there.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['WRONG_PASSPHRASE', 'ok', 'ok', 'ok', 'ok', 'BAD_REQUEST', 'ok', 'ok', 'ok']);
  });

  it('keeps one window’s study apart from another’s in the one worker, and refuses what cannot cross to it', async () => {
    const client = core();
    const first = client.open().handlers;
    const second = client.open().handlers;
    const path = studyFile();
    value(await first['study.open']({ path, passphrase: PASSPHRASE }));
    expect(value(await second['session.state']({}))).toEqual({ open: false });
    value(await first['session.selectCoder']({ code: 'C01' }));
    expect(value(await first['coders.list']({})).map((c) => c.code)).toContain('C01');
    expect(await second['coders.list']({})).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
    // What cannot cross to the worker (no IPC would carry a function either) is refused as a malformed request.
    expect(await first['marks.add']({ recording: 'D01-S01', timeMs: () => 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('carries a job’s pushed progress to the window’s page and serves the imported recording’s bytes by range', async () => {
    const dir = tempDir();
    const video = await makeTestVideo(dir, { seconds: 4 });
    const pushed: JobStatus[] = [];
    const window = core().open({ push: (name, payload) => name === 'job.changed' && pushed.push(payload as JobStatus) });
    const api = window.handlers;
    value(await api['study.create']({ path: join(dir, 'study.3rs'), passphrase: PASSPHRASE, coder: { code: 'C01', name: 'Coder' } }));
    const { jobId } = value(await api['recordings.import']({ path: video, code: 'D01-S01' }));
    await vi.waitFor(() => expect(pushed.filter((s) => s.jobId === jobId).at(-1)?.state).toBe('done'), { timeout: 30_000 });
    expect(value(await api['recordings.list']({})).map((r) => r.code)).toEqual(['D01-S01']);

    const original = readFileSync(video);
    const reply = await window.media({ kind: 'recording', code: 'D01-S01' }, 'bytes=100-199');
    expect(reply.status).toBe(206);
    expect(reply.headers['Content-Range']).toBe(`bytes 100-199/${original.length}`);
    expect(Buffer.from(await new Response(reply.body).arrayBuffer())).toEqual(original.subarray(100, 200));
    // A read the player cancels (a seek) stops in the worker; the next one is served as ever.
    const cancelled = await window.media({ kind: 'recording', code: 'D01-S01' }, 'bytes=0-');
    await cancelled.body!.cancel();
    // A whole file read through the reader's pulls, chunk after chunk.
    const whole = await window.media({ kind: 'recording', code: 'D01-S01' }, null);
    expect(Buffer.from(await new Response(whole.body).arrayBuffer())).toEqual(original);
    await expect(window.media({ kind: 'recording', code: 'D09-S09' }, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('asks the main process for the native dialog and answers with the path chosen there', async () => {
    const chooseFile = vi.fn(async () => '/data/sessions/d01-s01.mp4');
    const api = core().open({ chooseFile }).handlers;
    expect(value(await api['files.canChoose']({}))).toBe(true);
    expect(value(await api['files.choose']({ kind: 'recording' }))).toEqual({ path: '/data/sessions/d01-s01.mp4' });
    expect(chooseFile).toHaveBeenCalledWith('recording');
    expect(value(await core().open().handlers['files.canChoose']({}))).toBe(false);
  });

  it('a worker that crashes answers the call under way and every later one with an error that says to restart, and locking still ends', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const window = core(new URL('./fixtures/crashing-core-worker.ts', import.meta.url)).open();
      const path = studyFile();
      // The fixture worker dies as it receives this call.
      expect(await window.handlers['study.open']({ path, passphrase: PASSPHRASE })).toEqual({ ok: false, error: CORE_STOPPED });
      expect(CORE_STOPPED.message).toMatch(/restart the app/);
      expect(await window.handlers['session.state']({})).toEqual({ ok: false, error: CORE_STOPPED });
      await expect(window.media({ kind: 'recording', code: 'D01-S01' }, null)).rejects.toMatchObject({ code: 'INTERNAL' });
      const events = createPageEvents(() => undefined);
      await windowStudy({ handlers: window.handlers, events, waitMs: 50 }).lock('system');
      await window.release();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('worker failed: '));
    } finally {
      log.mockRestore();
    }
  });
});

describe('the worker’s side of a media read', () => {
  it('sends no more chunks than the reader granted, and the rest as it grants more, byte for byte', async () => {
    const dir = tempDir();
    // A sound recording (MP3 plays as it is), its bytes random: served as they are, never decoded here.
    const file = join(dir, 'session.mp3');
    const original = randomBytes(2 * 1024 * 1024);
    writeFileSync(file, original);
    const study = makeStudy(dir);
    insertRecording(
      study.db,
      {
        code: 'D01-S01',
        path: file,
        sizeBytes: original.length,
        sha256: '0'.repeat(64),
        durationMs: 60_000,
        container: 'mp3',
        videoCodec: null,
        audioCodec: 'mp3',
        fps: null,
        width: null,
        height: null,
      },
      ACTOR,
    );
    closeStudy(study);

    // The worker's side on one end of a channel, this test as the main process on the other.
    const { port1, port2 } = new MessageChannel();
    serveCore(port1);
    const received: FromWorker[] = [];
    port2.on('message', (message: FromWorker) => void received.push(message));
    const post = (message: ToWorker) => port2.postMessage(message);
    const chunks = () => received.flatMap((m) => (m.type === 'media.chunk' ? [Buffer.from(m.chunk)] : []));
    try {
      post({ type: 'open', window: 1, setup: { canChoose: false } });
      post({ type: 'call', window: 1, id: 1, channel: 'study.open', input: { path: study.path, passphrase: PASSPHRASE }, blocked: 0 });
      await vi.waitFor(() =>
        expect(received).toContainEqual(expect.objectContaining({ type: 'answer', id: 1, result: expect.objectContaining({ ok: true }) })),
      );
      post({ type: 'media', window: 1, id: 2, asked: { kind: 'recording', code: 'D01-S01' }, range: null });
      await vi.waitFor(() => expect(received).toContainEqual(expect.objectContaining({ type: 'media.head', id: 2, body: true })));

      post({ type: 'media.pull', id: 2, chunks: 3 });
      await vi.waitFor(() => expect(chunks()).toHaveLength(3));
      await sleep(200);
      expect(chunks()).toHaveLength(3);

      post({ type: 'media.pull', id: 2, chunks: 1000 });
      await vi.waitFor(() => expect(received.at(-1)?.type).toBe('media.end'));
      expect(Buffer.concat(chunks())).toEqual(original);

      post({ type: 'call', window: 1, id: 3, channel: 'study.close', input: {}, blocked: 0 });
      await vi.waitFor(() => expect(received).toContainEqual(expect.objectContaining({ type: 'answer', id: 3 })));
    } finally {
      port1.close();
      port2.close();
    }
  });
});
