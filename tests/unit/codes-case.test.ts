import { describe, expect, it } from 'vitest';
import { addMark } from '../../electron/core/coding/index.ts';
import { addCoder, renameCoder } from '../../electron/core/store/coders.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

describe('codes typed in lower case are taken as their capitals, not refused', () => {
  it('a coder added as c02 is C02, and a rename to l01 is L01', () => {
    const study = makeStudy(tempDir());
    expect(addCoder(study.db, { code: ' c02 ', name: 'Second' }, ACTOR).code).toBe('C02');
    expect(renameCoder(study.db, 'C02', 'l01', ACTOR).code).toBe('L01');
  });

  it('a mark of w3 is a mark of W3', () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'C01');
    addFakeRecording(study, 'D01-S01', 60_000);
    expect(addMark(study.db, 'D01-S01', 'C01', { code: 'w3', clarity: 'check', timeMs: 0 }, ACTOR).code).toBe('W3');
  });

  it('what is not a code stays refused, in any case', () => {
    const study = makeStudy(tempDir());
    expect(() => addCoder(study.db, { code: '1c', name: 'Digit first' }, ACTOR)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
