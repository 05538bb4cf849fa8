import { readFileSync } from 'node:fs';
import { Decrypter } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';
import { addMark, setSegmentNote } from '../../electron/core/coding/index.ts';
import { makeAssignment } from '../../electron/core/lab/assign.ts';
import { getPrivateIdentity } from '../../electron/core/lab/identity.ts';
import { importReturn } from '../../electron/core/lab/import-return.ts';
import { closeStudy, type Study } from '../../electron/core/store/study-file.ts';
import { assignAndOpen, makeLab, returnPacket, type Lab } from '../helpers/lab.ts';
import { ACTOR } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir('3rs-lab-plain-');
let lab: Lab | undefined;
afterEach(() => {
  if (!lab) return;
  closeStudy(lab.lead);
  for (const s of Object.values(lab.work)) closeStudy(s);
  lab = undefined;
});

/** The decrypted document without its keys and signature (random text that could spell anything). */
async function readable(bytes: Uint8Array, receiver: Study): Promise<string> {
  const d = new Decrypter();
  d.addIdentity(getPrivateIdentity(receiver.db).ageIdentity);
  const { document } = JSON.parse(await d.decrypt(bytes, 'text')) as { document: Record<string, Record<string, unknown>> };
  const { signingKey: _s, recipient: _r, ...sender } = document['sender']!;
  const { recipient: _t, ...receiverPart } = document['receiver']!;
  return JSON.stringify({ ...document, sender, receiver: receiverPart });
}

describe('the plaintext of a packet', () => {
  it('holds no path, no name, no coder code but the sender’s and receiver’s, and no other coder’s coding', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C02');
    addMark(lab.work.C02.db, 'D01-S01', 'C02', { code: 'W5', clarity: 'check', timeMs: 7_000, note: 'bertold private observation' }, 'C02');
    setSegmentNote(lab.work.C02.db, 'D01-S01', 'C02', 0, 'bertold segment remark', 'C02');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C02'), {}, ACTOR);

    await assignAndOpen(lab, 'C01');
    addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000, note: 'annika own note' }, 'C01');
    const assignment = await readable(readFileSync((await makeAssignment(lab.lead.db, { coder: 'C01', out: lab.dir }, ACTOR)).path), lab.work.C01);
    const ret = await readable(await returnPacket(lab, 'C01'), lab.lead);

    for (const text of [assignment, ret]) {
      for (const forbidden of [lab.dir, '/nowhere', '.mp4', '.3rs', 'Annika Coderson', 'Bertold Coderson', 'Lena Leadington', 'C02', 'bertold']) {
        expect(text).not.toContain(forbidden);
      }
      expect(text).toContain('"L01"');
      expect(text).toContain('"C01"');
    }
    // The coder's own work does travel, both ways.
    expect(ret).toContain('annika own note');
  });
});
