// The lab's channels: the lead's (overview, cards, assignments, inspect, import) refuse anyone but a lead; the
// coder's (open, send back) refuse anyone but the person whose identity the study holds; a refused packet
// answers with its one line per file and leaves the lab study as it was.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMark } from '../../electron/core/coding/index.ts';
import { makeReturn } from '../../electron/core/lab/return.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { useApiHandlers, value } from '../helpers/api.ts';
import { assignAndOpen, bytesAfterClose, makeLab } from '../helpers/lab.ts';
import { addTestCoder, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const handlers = useApiHandlers();

async function openAs(path: string, coder: string) {
  const api = handlers();
  value(await api['study.open']({ path, passphrase: PASSPHRASE }));
  value(await api['session.selectCoder']({ code: coder }));
  return api;
}

describe('the lab channels', () => {
  it('the lead’s channels refuse a coder of the lab study', async () => {
    const lab = await makeLab(tempDir());
    addTestCoder(lab.lead, 'C09');
    const path = lab.lead.path;
    closeStudy(lab.lead);
    for (const s of Object.values(lab.work)) closeStudy(s);
    const api = await openAs(path, 'C09');
    const out = join(lab.dir, 'to-c01.age');
    const answers = [
      await api['lab.overview']({}),
      await api['lab.assign']({ coder: 'C01', recordings: ['D01-S01'], out }),
      await api['lab.inspect']({ folder: lab.dir }),
      await api['lab.import']({ folder: lab.dir }),
      await api['lab.registerCoder']({ code: 'C07', card: 'x' }),
    ];
    expect(answers.map((a) => (a.ok ? 'answered' : a.error.code))).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('the coder’s channels refuse anyone but the person whose identity the study holds', async () => {
    const lab = await makeLab(tempDir());
    const assignment = await assignAndOpen(lab, 'C01', ['D01-S01']);
    addTestCoder(lab.work.C01, 'C05');
    const path = lab.work.C01.path;
    closeStudy(lab.work.C01);
    const api = await openAs(path, 'C05');
    const open = await api['lab.openAssignment']({ path: assignment });
    const back = await api['lab.sendBack']({ out: lab.dir });
    for (const answer of [open, back])
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Only C01, whose identity this study holds/) },
      });
    closeStudy(lab.lead);
    closeStudy(lab.work.C02);
  });

  it('inspects and imports an inbox: a bad packet gets its refusal, the good one is applied, and inspecting changed nothing', async () => {
    const lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01', ['D01-S01']);
    addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 5_000 }, 'C01');
    const inbox = join(lab.dir, 'inbox');
    mkdirSync(inbox);
    const good = (await makeReturn(lab.work.C01.db, { out: inbox }, 'C01')).path;
    const flipped = Buffer.from(readFileSync(good));
    flipped[flipped.length - 10]! ^= 1;
    writeFileSync(join(inbox, 'C01-altered.age'), flipped);
    const { bytes: before, reopened } = bytesAfterClose(lab.lead);
    closeStudy(reopened);
    for (const s of Object.values(lab.work)) closeStudy(s);

    const api = await openAs(lab.lead.path, 'L01');
    const inspected = value(await api['lab.inspect']({ folder: inbox }));
    expect(inspected.map((o) => [o.file.split('/').pop(), o.ok])).toEqual([
      ['C01-altered.age', false],
      ['C01-return-1.age', true],
    ]);
    const refusal = inspected[0]!;
    expect(refusal.ok ? null : refusal.error.message).toBe(
      'Packet refused: the file is damaged: altered or truncated (decryption failed). Nothing was changed.',
    );
    value(await api['study.close']({}));
    expect(readFileSync(lab.lead.path).equals(before)).toBe(true);

    const again = await openAs(lab.lead.path, 'L01');
    const imported = value(await again['lab.import']({ folder: inbox }));
    expect(imported.map((o) => (o.ok ? `${o.value.coder} ${o.value.sequence} applied ${o.value.applied}` : 'refused'))).toEqual([
      'refused',
      'C01 1 applied true',
    ]);
    const c01 = value(await again['lab.overview']({})).find((c) => c.code === 'C01')!;
    expect([c01.lastReceived?.sequence, c01.assigned]).toEqual([1, [{ recording: 'D01-S01', state: 'in-progress' }]]);
  });
});
