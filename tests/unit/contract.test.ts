import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/core/api/channels.ts';
import { contract } from '../../electron/core/api/contract.ts';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { addFakeRecording, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { useApiHandlers } from '../helpers/api.ts';

const tempDir = useTempDir();
const handlers = useApiHandlers();

const newStudy = (dir: string, extra: Record<string, unknown> = {}) => ({
  path: join(dir, 'study.3rs'),
  passphrase: PASSPHRASE,
  coder: { code: 'C01', name: 'Ada' },
  ...extra,
});

describe('the api contract', () => {
  it('has exactly one schema and one handler for every channel name', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    const api = handlers();
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      expect(typeof api[channel]).toBe('function');
      expect(typeof contract[channel].input.safeParse).toBe('function');
    }
  });

  it.each([
    ['wrong types', 'study.open', { path: 42, passphrase: PASSPHRASE }, 'path'],
    ['a missing field', 'study.open', { path: '/tmp/x.3rs' }, 'passphrase'],
    ['extra junk', 'study.open', { path: '/tmp/x.3rs', passphrase: PASSPHRASE, junk: true }, 'junk'],
    ['a nested wrong type', 'study.create', { path: '/tmp/x.3rs', passphrase: PASSPHRASE, coder: { code: 1, name: 'A' } }, 'coder.code'],
    ['no object at all', 'coders.list', 'hello', 'input'],
    ['undefined', 'session.selectCoder', undefined, 'input'],
  ] as const)(
    'a payload with %s is a bug in the app: answered BAD_REQUEST naming the field, without throwing',
    async (_what, channel, payload, field) => {
      const answer = await handlers()[channel](payload);
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code).toBe('BAD_REQUEST');
      expect(answer.error.message).toContain(channel);
      expect(answer.error.message).toContain(field);
      expect(answer.error.message).toMatch(/nothing was done\. This is a bug in the app/);
    },
  );

  it('asking for study info with no study open says to open or create one', async () => {
    const answer = await handlers()['study.info']({});
    expect(answer).toEqual({ ok: false, error: { code: 'NO_STUDY_OPEN', message: expect.stringMatching(/Open or create a study/) } });
  });

  it('creating a study also creates its first coder and selects them, so writes are attributed to that coder', async () => {
    const dir = tempDir();
    const api = handlers();
    const created = await api['study.create'](newStudy(dir, { segmentSeconds: 120 }));
    expect(created).toMatchObject({ ok: true, value: { info: { segmentSeconds: 120, coders: 1 }, coder: { code: 'C01', role: 'coder' } } });
    expect(await api['coders.add']({ code: 'C02', name: 'Bea', role: 'lead' })).toMatchObject({ ok: true, value: { code: 'C02' } });
    await api['study.close']({});
    const study = openStudy(join(dir, 'study.3rs'), PASSPHRASE);
    const audit = listAudit(study.db).reverse();
    closeStudy(study);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['study.create', 'app'],
      ['coder.add', 'app'],
      ['identity.create', 'app'],
      ['coder.add', 'C01'],
    ]);
  });

  it('a first coder the core refuses leaves no study file behind, so the same path can be used again', async () => {
    const dir = tempDir();
    const api = handlers();
    const refused = await api['study.create'](newStudy(dir, { coder: { code: 'lower case', name: 'Ada' } }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Coder code/) } });
    expect(await api['study.create'](newStudy(dir))).toMatchObject({ ok: true });
  });

  it('lists recordings with their segment count on the study grid (last segment partial)', async () => {
    const dir = tempDir();
    const api = handlers();
    await api['study.create'](newStudy(dir, { segmentSeconds: 300 }));
    await api['study.close']({});
    const study = openStudy(join(dir, 'study.3rs'), PASSPHRASE);
    addFakeRecording(study, 'D014-S05', 12 * 60_000 + 1);
    addFakeRecording(study, 'D014-S06', 10 * 60_000);
    closeStudy(study);
    await api['study.open']({ path: join(dir, 'study.3rs'), passphrase: PASSPHRASE });
    await api['session.selectCoder']({ code: 'C01' });
    expect(await api['recordings.list']({})).toMatchObject({
      ok: true,
      value: [
        { code: 'D014-S05', durationMs: 720_001, segments: 3 },
        { code: 'D014-S06', durationMs: 600_000, segments: 2 },
      ],
    });
  });

  it('choosing an unknown coder fails with the known codes; the scheme is the study’s', async () => {
    const dir = tempDir();
    const api = handlers();
    await api['study.create'](newStudy(dir));
    expect(await api['session.selectCoder']({ code: 'C99' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('C01') },
    });
    expect(await api['scheme.get']({})).toMatchObject({ ok: true, value: { id: '3rs-2015' } });
  });

  it('closing clears the study and the coder; opening while open closes the previous study first', async () => {
    const dir = tempDir();
    const api = handlers();
    await api['study.create'](newStudy(dir));
    await api['study.create']({ ...newStudy(dir), path: join(dir, 'other.3rs') });
    expect(await api['study.info']({})).toMatchObject({ ok: true, value: { path: join(dir, 'other.3rs') } });
    // The first study was closed, so another handle can open it and a wrong passphrase on reopen leaves nothing open.
    const reopened = await api['study.open']({ path: join(dir, 'study.3rs'), passphrase: 'wrong passphrase!' });
    expect(reopened).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await api['study.info']({})).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
    await api['study.open']({ path: join(dir, 'study.3rs'), passphrase: PASSPHRASE });
    await api['study.close']({});
    expect(await api['coders.list']({})).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
  });
});
