import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../electron/core/api/handlers.ts';
import { importMarks } from '../../electron/core/coding/index.ts';
import { startConsensus } from '../../electron/core/consensus/index.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { PASSPHRASE, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { useApiHandlers, value } from '../helpers/api.ts';

const tempDir = useTempDir();
const REC = 'D01-S01';
const handlers = useApiHandlers();

/** A study where lead L01 started a consensus of D01-S01 from C01's coding; `extra` coders are added first. */
async function unlockedWithConsensus(extra: string[] = []): Promise<ApiHandlers> {
  const study = makeStudy(tempDir());
  addFakeRecording(study, REC, 600_000);
  addFakeRecording(study, 'D01-S02', 600_000);
  for (const code of ['C01', ...extra]) addTestCoder(study, code);
  addTestCoder(study, 'L01', 'lead');
  importMarks(study.db, REC, 'C01', [{ code: 'W1', clarity: 'check', timeMs: 10_000 }], 'C01');
  startConsensus(study.db, REC, 'C01', { actor: 'L01' });
  closeStudy(study);
  const api = handlers();
  value(await api['study.open']({ path: study.path, passphrase: PASSPHRASE }));
  return api;
}

describe('who is coding: a consensus coder is nobody', () => {
  it('a consensus coder cannot be chosen at unlock: FORBIDDEN, saying to pick your own coder code', async () => {
    const api = await unlockedWithConsensus();
    expect(await api['session.selectCoder']({ code: 'CONSENSUS' })).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message:
          'CONSENSUS is the coder of consensus codings, not a person: pick your own coder code. A lead edits a consensus coding from the recording’s page.',
      },
    });
    expect(await api['recordings.list']({})).toMatchObject({ ok: false, error: { code: 'NO_CODER' } });
  });

  it('a refused choice leaves the coder chosen before in place', async () => {
    const api = await unlockedWithConsensus();
    value(await api['session.selectCoder']({ code: 'L01' }));
    expect(await api['session.selectCoder']({ code: 'CONSENSUS' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Still the lead: the lead's tools answer, and a write lands in the lead's own coding.
    expect(await api['reliability.report']({ coders: ['C01', 'CONSENSUS'] })).toMatchObject({ ok: true });
    expect(value(await api['marks.add']({ recording: 'D01-S02', code: 'W2', clarity: 'check', timeMs: 5_000 })).scoresheet.coder).toBe('L01');
  });

  it('the coder list marks the consensus coder, so the unlock picker can leave it out', async () => {
    const api = await unlockedWithConsensus(['C02']);
    expect(value(await api['coders.list']({})).map((c) => [c.code, c.consensus])).toEqual([
      ['C01', false],
      ['C02', false],
      ['CONSENSUS', true],
      ['L01', false],
    ]);
  });

  it('a person whose code is CONSENSUS, added before any consensus was started, is an ordinary coder', async () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'CONSENSUS');
    closeStudy(study);
    const api = handlers();
    value(await api['study.open']({ path: study.path, passphrase: PASSPHRASE }));
    expect(value(await api['coders.list']({}))).toEqual([expect.objectContaining({ code: 'CONSENSUS', consensus: false })]);
    expect(value(await api['session.selectCoder']({ code: 'CONSENSUS' })).code).toBe('CONSENSUS');
  });
});
