// app.security: what the Security panel shows, read from the open study itself.

import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers, sessionOf, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { closeMediaStore, openMediaStore } from '../../electron/core/media/store.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
let open: ApiHandlers | undefined;

afterEach(async () => {
  await open?.['study.close']({});
  open = undefined;
});

async function unlocked(options: Parameters<typeof createApiHandlers>[0] = {}): Promise<ApiHandlers> {
  const study = makeStudy(tempDir());
  addTestCoder(study, 'C01');
  closeStudy(study);
  open = createApiHandlers(options);
  expect(await open['study.open']({ path: study.path, passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  return open;
}

const report = async (handlers: ApiHandlers) => {
  const answer = await handlers['app.security']({});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
};

describe('the security report', () => {
  it('reads the study’s encryption from its connection: SQLCipher 4, AES-256-CBC, HMAC-SHA512, PBKDF2-HMAC-SHA512 with 256,000 iterations', async () => {
    const { study } = await report(await unlocked());
    expect(study).toEqual({
      format: 'SQLCipher 4',
      cipher: 'AES-256-CBC',
      hmac: 'HMAC-SHA512',
      kdf: 'PBKDF2-HMAC-SHA512',
      kdfIterations: 256_000,
      pageSize: 4096,
    });
  });

  it('names the media file’s cipher and key, and says whether the file exists yet', async () => {
    const handlers = await unlocked();
    expect((await report(handlers)).media).toEqual({
      cipher: 'AEGIS-256',
      key: 'random 256-bit key kept inside the encrypted study',
      present: false,
    });
    closeMediaStore(openMediaStore(sessionOf(handlers)!.study(), 'C01'));
    expect((await report(handlers)).media.present).toBe(true);
  });

  it('gives the host’s count of stopped requests: 0 when the host stops none (the browser harness)', async () => {
    expect((await report(await unlocked())).blockedRequests).toBe(0);
    await open!['study.close']({});
    let stopped = 0;
    const counted = await unlocked({ blockedRequests: () => stopped });
    stopped = 3;
    expect((await report(counted)).blockedRequests).toBe(3);
  });

  it('checks the audit chain: intact, then broken at the entry someone edited outside the app', async () => {
    const handlers = await unlocked();
    const before = (await report(handlers)).audit;
    expect(before).toEqual({ ok: true, entries: 2 });
    // The app's own trigger refuses edits; someone with the passphrase and a SQLite tool can drop it first.
    sessionOf(handlers)!.study().db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
    expect((await report(handlers)).audit).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/altered/) });
  });

  it('needs an open study', async () => {
    expect(await createApiHandlers()['app.security']({})).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
  });
});
