// Locking while the coder works: the study closes (its key dropped), and what was being written when the
// lock came is committed first, never lost or cut off.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiHandlers, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { listMarks } from '../../electron/core/coding/index.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

// marks.add as it is, or (when a test sets a delay) yielding before it writes, as any future write that
// awaits something first would.
const slow = vi.hoisted(() => ({ ms: 0 }));
vi.mock('../../electron/core/api/coding-handlers.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/api/coding-handlers.ts')>();
  return {
    codingHandlers: (...args: Parameters<typeof real.codingHandlers>) => {
      const handlers = real.codingHandlers(...args);
      const add = handlers['marks.add'];
      return {
        ...handlers,
        'marks.add': (input: Parameters<typeof add>[0]) => {
          if (slow.ms === 0) return add(input);
          return new Promise((resolve) => setTimeout(resolve, slow.ms)).then(() => add(input));
        },
      };
    },
  };
});

const tempDir = useTempDir();
let open: ApiHandlers | undefined;

afterEach(async () => {
  slow.ms = 0;
  await open?.['study.close']({});
  open = undefined;
});

/** A study with coder C01 and a 10-minute recording, unlocked as C01 through fresh handlers. */
async function codingSession(): Promise<{ handlers: ApiHandlers; path: string }> {
  const study = makeStudy(tempDir(), 120);
  addTestCoder(study, 'C01');
  addFakeRecording(study, 'D01-S01', 10 * 60_000);
  closeStudy(study);
  const handlers = createApiHandlers();
  open = handlers;
  expect(await handlers['study.open']({ path: study.path, passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  expect(await handlers['session.selectCoder']({ code: 'C01' })).toMatchObject({ ok: true });
  return { handlers, path: study.path };
}

function marksOnDisk(path: string): [string, number][] {
  const study = openStudy(path, PASSPHRASE);
  try {
    return listMarks(study.db, 'D01-S01', 'C01').map((m) => [m.code, m.timeMs]);
  } finally {
    closeStudy(study);
  }
}

const mark = (code: string, timeMs: number) => ({ recording: 'D01-S01', code, clarity: 'check', timeMs });

describe('a lock while a mark is being written', () => {
  it('lands after the mark is committed: the mark is answered as saved and is in the file', async () => {
    const { handlers, path } = await codingSession();
    const writing = handlers['marks.add'](mark('W1', 5_000));
    const locking = handlers['study.close']({});
    expect(await writing).toMatchObject({ ok: true, value: { mark: { code: 'W1', timeMs: 5_000 } } });
    expect(await locking).toEqual({ ok: true, value: null });
    expect(await handlers['session.state']({})).toEqual({ ok: true, value: { open: false } });
    expect(marksOnDisk(path)).toEqual([['W1', 5_000]]);
  });

  it('waits even for a write that yields before it commits', async () => {
    const { handlers, path } = await codingSession();
    slow.ms = 30;
    const writes = [handlers['marks.add'](mark('C2', 1_000)), handlers['marks.add'](mark('R3', 2_000))];
    const locking = handlers['study.close']({});
    for (const write of writes) expect(await write).toMatchObject({ ok: true });
    await locking;
    expect(marksOnDisk(path)).toEqual([
      ['C2', 1_000],
      ['R3', 2_000],
    ]);
  });

  it('refuses a mark sent after the lock and writes nothing', async () => {
    const { handlers, path } = await codingSession();
    await handlers['study.close']({});
    const late = await handlers['marks.add'](mark('W1', 5_000));
    expect(late).toMatchObject({ ok: false, error: { code: 'NO_STUDY_OPEN' } });
    expect(marksOnDisk(path)).toEqual([]);
  });
});

describe('session.state', () => {
  it('says whether the window’s study is open, so the renderer learns of a lock it did not start', async () => {
    const handlers = createApiHandlers();
    expect(await handlers['session.state']({})).toEqual({ ok: true, value: { open: false } });
    const { handlers: unlocked } = await codingSession();
    expect(await unlocked['session.state']({})).toEqual({ ok: true, value: { open: true } });
    await unlocked['study.close']({});
    expect(await unlocked['session.state']({})).toEqual({ ok: true, value: { open: false } });
  });
});
