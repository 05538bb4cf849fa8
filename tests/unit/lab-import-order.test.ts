import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMark, setSegmentNote } from '../../electron/core/coding/index.ts';
import { digestState, readCodingState } from '../../electron/core/lab/coding-state.ts';
import { importReturn } from '../../electron/core/lab/import-return.ts';
import { getCoder } from '../../electron/core/store/coders.ts';
import { getRecording } from '../../electron/core/recordings/registry.ts';
import { closeStudy, openStudy, type Study } from '../../electron/core/store/study-file.ts';
import { assignAndOpen, completeWithRatings, makeLab, RECORDINGS, returnPacket, type Lab } from '../helpers/lab.ts';
import { ACTOR, PASSPHRASE } from '../helpers/study.ts';

let dir: string;
let lab: Lab;
let template: string;
const packets: { name: string; bytes: Uint8Array }[] = [];

/** Every coder's coding of every recording, as digests: equal digests, equal codings. */
function codings(study: Study): Record<string, string> {
  const out: Record<string, string> = {};
  for (const coder of ['C01', 'C02']) {
    for (const recording of Object.keys(RECORDINGS)) {
      out[`${recording}/${coder}`] = digestState(
        readCodingState(study.db, { recordingId: getRecording(study.db, recording).id, coderId: getCoder(study.db, coder).id }),
      );
    }
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), '3rs-lab-order-'));
  lab = await makeLab(dir);
  for (const coder of ['C01', 'C02'] as const) {
    await assignAndOpen(lab, coder);
    const w = lab.work[coder];
    addMark(w.db, 'D01-S01', coder, { code: coder === 'C01' ? 'W1' : 'C4', clarity: 'check', timeMs: 1_500 }, coder);
    packets.push({ name: `${coder} 1`, bytes: await returnPacket(lab, coder) });
    addMark(w.db, 'D01-S02', coder, { code: 'R2', clarity: 'check-minus', timeMs: 4_000, note: 'clarifies' }, coder);
    setSegmentNote(w.db, 'D01-S01', coder, 0, `${coder} saw a shift`, coder);
    completeWithRatings(w, 'D01-S01', coder);
    packets.push({ name: `${coder} 2`, bytes: await returnPacket(lab, coder) });
  }
  closeStudy(lab.lead);
  template = join(dir, 'lab-template.3rs');
  copyFileSync(lab.lead.path, template);
});

afterAll(() => {
  for (const s of Object.values(lab.work)) closeStudy(s);
  rmSync(dir, { recursive: true, force: true });
});

describe('importing a set of return packets', () => {
  it('gives the same lab study in every order: a newer packet wins and an older one after it is refused as a replay', async () => {
    // The order that only moves forward: every packet applies.
    copyFileSync(template, join(dir, 'reference.3rs'));
    const ref = openStudy(join(dir, 'reference.3rs'), PASSPHRASE);
    const empty = codings(ref);
    for (const p of packets) expect((await importReturn(ref.db, p.bytes, {}, ACTOR)).applied).toBe(true);
    const expected = codings(ref);
    closeStudy(ref);
    for (const key of Object.keys(expected)) expect(expected[key], key).not.toBe(empty[key]);

    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(packets, { minLength: packets.length, maxLength: packets.length }), async (order) => {
        const path = join(dir, `run-${run++}.3rs`);
        copyFileSync(template, path);
        const study = openStudy(path, PASSPHRASE);
        try {
          for (const p of order) {
            await importReturn(study.db, p.bytes, {}, ACTOR).catch((err: Error) => {
              // The only refusal an order may cause: an older packet of a coder after a newer one.
              expect(err.message).toMatch(/a replay/);
            });
          }
          expect(codings(study)).toEqual(expected);
        } finally {
          closeStudy(study);
          rmSync(path, { force: true });
        }
      }),
      { numRuns: 10 },
    );
  });
});
