import { randomBytes, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMark } from '../../electron/core/coding/index.ts';
import { canonicalJson } from '../../electron/core/lab/canonical-json.ts';
import { createIdentity, getPrivateIdentity } from '../../electron/core/lab/identity.ts';
import { importReturn } from '../../electron/core/lab/import-return.ts';
import { sealPacket } from '../../electron/core/lab/packet.ts';
import { studyUid } from '../../electron/core/lab/study-id.ts';
import { closeStudy, openStudy, type Study } from '../../electron/core/store/study-file.ts';
import { assignAndOpen, makeLab, returnPacket, type Lab } from '../helpers/lab.ts';
import { ACTOR, makeStudy, PASSPHRASE } from '../helpers/study.ts';

let lab: Lab;
let dir: string;
/** A good return packet from C01, not imported yet, and an older one from C01 already imported after a newer. */
let fresh: Uint8Array;
let older: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), '3rs-lab-bad-'));
  lab = await makeLab(dir);
  await assignAndOpen(lab, 'C01');
  await assignAndOpen(lab, 'C02');
  const w = lab.work.C01.db;
  addMark(w, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
  older = await returnPacket(lab, 'C01');
  addMark(w, 'D01-S01', 'C01', { code: 'C2', clarity: 'check', timeMs: 2_000 }, 'C01');
  await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
  addMark(w, 'D01-S02', 'C01', { code: 'R3', clarity: 'check', timeMs: 3_000 }, 'C01');
  fresh = await returnPacket(lab, 'C01');
});

afterAll(() => {
  if (lab.lead.db.open) closeStudy(lab.lead);
  for (const s of Object.values(lab.work)) closeStudy(s);
  rmSync(dir, { recursive: true, force: true });
});

/** A return packet as an attacker (or a confused tool) could build it: any signer, any receiver in the document, encrypted to any key. */
async function forge(options: {
  signer: Study;
  study: string;
  signedFor: { code: string; recipient: string };
  encryptTo: string;
  body: unknown;
}): Promise<Uint8Array> {
  const me = getPrivateIdentity(options.signer.db);
  const document = {
    format: '3rs-packet',
    version: 1,
    kind: 'return',
    study: options.study,
    sender: { code: me.code, recipient: me.recipient, signingKey: me.signingKey },
    receiver: options.signedFor,
    sequence: 9,
    answersTo: 1,
    createdAt: new Date().toISOString(),
    body: options.body,
  };
  const signature = sign(null, Buffer.from(`3rs-packet-signature-v1\n${canonicalJson(document)}`, 'utf8'), me.signingPrivate).toString('base64url');
  const encrypter = new Encrypter();
  encrypter.addRecipient(options.encryptTo);
  return encrypter.encrypt(canonicalJson({ document, signature }));
}

/** The body of the good packet, reused by forgeries so only the part under test is wrong. */
async function goodBody(): Promise<unknown> {
  const d = new Decrypter();
  d.addIdentity(getPrivateIdentity(lab.lead.db).ageIdentity);
  return (JSON.parse(await d.decrypt(fresh, 'text')) as { document: { body: unknown } }).document.body;
}

describe('a bad packet at the lead', () => {
  it('is refused with one line saying which fault, and the lab study stays byte-identical', async () => {
    const lead = getPrivateIdentity(lab.lead.db);
    const leadAddress = { code: lead.code, recipient: lead.recipient };
    const body = await goodBody();
    const uid = studyUid(lab.lead.db);
    const rogueStudy = makeStudy(dir, 300, 'rogue.3rs');
    await createIdentity(rogueStudy.db, { code: 'C01', name: 'Impostor Person', role: 'coder' }, 'C01');
    const c02 = getPrivateIdentity(lab.work.C02.db);

    const cases: [string, Uint8Array, RegExp][] = [
      ['a replay of an older packet', older, /older than packet 2 already imported \(a replay\)/],
      [
        'a packet signed by a key not registered for its coder',
        await sealPacket(getPrivateIdentity(rogueStudy.db), { kind: 'return', study: uid, receiver: leadAddress, sequence: 9, answersTo: 1, body }),
        /not registered for C01/,
      ],
      [
        'a packet for another study',
        await forge({ signer: lab.work.C01, study: 'f'.repeat(32), signedFor: leadAddress, encryptTo: lead.recipient, body }),
        /another study/,
      ],
      [
        'a packet encrypted to someone else',
        await sealPacket(getPrivateIdentity(lab.work.C01.db), {
          kind: 'return',
          study: uid,
          receiver: { code: 'C02', recipient: c02.recipient },
          sequence: 9,
          answersTo: 1,
          body,
        }),
        /not addressed to L01/,
      ],
      [
        'a packet signed for someone else and re-addressed',
        await forge({ signer: lab.work.C01, study: uid, signedFor: { code: 'C02', recipient: c02.recipient }, encryptTo: lead.recipient, body }),
        /signed for C02's key.*re-addressed/,
      ],
      ['a truncated packet', fresh.subarray(0, Math.floor(fresh.length / 2)), /damaged: altered or truncated/],
      ['a packet missing its last byte', fresh.subarray(0, fresh.length - 1), /damaged: altered or truncated/],
      ['an empty file', new Uint8Array(0), /empty/],
      ['a random file', randomBytes(4096), /not a 3RS packet/],
      ['a text file', Buffer.from('hello, this is not a packet\n'), /not a 3RS packet/],
    ];
    // Twenty single-byte flips at random positions (fast-check picks them and prints the seed of a failure).
    const flips = fc.sample(fc.tuple(fc.integer({ min: 0, max: fresh.length - 1 }), fc.integer({ min: 1, max: 255 })), { numRuns: 20 });
    for (const [at, xor] of flips) {
      const altered = Uint8Array.from(fresh);
      altered[at] = altered[at]! ^ xor;
      cases.push([`byte ${at} flipped`, altered, /Packet refused/]);
    }
    closeStudy(rogueStudy);

    closeStudy(lab.lead);
    const before = readFileSync(lab.lead.path);
    lab.lead = openStudy(lab.lead.path, PASSPHRASE);
    for (const [what, bytes, reason] of cases) {
      const attempt = importReturn(lab.lead.db, bytes, { takeTheirs: true }, ACTOR);
      await expect(attempt, what).rejects.toThrow(reason);
      const message = await attempt.catch((err: Error) => err.message);
      expect(message, what).toMatch(/^Packet refused: .*Nothing was changed\.$/);
      expect(message, what).not.toContain('\n');
    }
    closeStudy(lab.lead);
    expect(existsSync(`${lab.lead.path}-wal`)).toBe(false);
    expect(readFileSync(lab.lead.path).equals(before)).toBe(true);
    lab.lead = openStudy(lab.lead.path, PASSPHRASE);
    // The good packet still imports afterwards: nothing above used up its sequence.
    expect((await importReturn(lab.lead.db, fresh, {}, ACTOR)).applied).toBe(true);
  });
});
