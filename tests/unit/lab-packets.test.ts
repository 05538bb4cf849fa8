import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { addMark, listMarks, reopenCoding, setSegmentNote, getRatings, getCodingState } from '../../electron/core/coding/index.ts';
import { startConsensus } from '../../electron/core/consensus/index.ts';
import { makeAssignment } from '../../electron/core/lab/assign.ts';
import { importReturn, inspectReturn } from '../../electron/core/lab/import-return.ts';
import { openAssignment } from '../../electron/core/lab/open-assignment.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { ACTOR } from '../helpers/study.ts';
import { assignAndOpen, completeWithRatings, makeLab, returnPacket, type Lab } from '../helpers/lab.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir('3rs-lab-');
let lab: Lab | undefined;
afterEach(() => {
  if (!lab) return;
  closeStudy(lab.lead);
  for (const s of Object.values(lab.work)) closeStudy(s);
  lab = undefined;
});

const marksOf = (db: Lab['lead']['db'], rec: string, coder: string) =>
  listMarks(db, rec, coder).map(({ code, clarity, timeMs, note }) => ({ code, clarity, timeMs, note }));

describe('an assignment packet', () => {
  it('gives the coder the lab scheme, grid and recordings by content, and links the workstation to the lab', async () => {
    lab = await makeLab(tempDir());
    const made = await makeAssignment(lab.lead.db, { coder: 'C01', out: lab.dir }, ACTOR);
    const opened = await openAssignment(lab.work.C01.db, readFileSync(made.path), 'C01');
    expect(opened).toMatchObject({ firstContact: true, lead: 'L01', sequence: 1 });
    expect(opened.leadFingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(opened.recordings.map((r) => [r.code, r.located, r.coding])).toEqual([
      ['D01-S01', false, 'none'],
      ['D01-S02', false, 'none'],
    ]);
    const seg = lab.work.C01.db.prepare('SELECT segment_seconds FROM study').get() as { segment_seconds: number };
    expect(seg.segment_seconds).toBe(10);
  });

  it('opened twice changes nothing the second time, and an older one after a newer is refused as a replay', async () => {
    lab = await makeLab(tempDir());
    const first = await makeAssignment(lab.lead.db, { coder: 'C01', out: lab.dir }, ACTOR);
    const second = await makeAssignment(lab.lead.db, { coder: 'C01', recordings: ['D01-S01'], out: lab.dir }, ACTOR);
    await openAssignment(lab.work.C01.db, readFileSync(second.path), 'C01');
    expect((await openAssignment(lab.work.C01.db, readFileSync(second.path), 'C01')).alreadyOpened).toBe(true);
    await expect(openAssignment(lab.work.C01.db, readFileSync(first.path), 'C01')).rejects.toThrow(/older than assignment 2.*replay/);
  });

  it('from a key other than the lead who first assigned work is refused', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    const other = await makeLab(tempDir());
    try {
      // Another lab's lead, who somehow holds C01's card: their packet is not opened.
      const card = (await import('../../electron/core/lab/identity.ts')).showIdentity(lab.work.C01.db).card;
      const { setCoderIdentity } = await import('../../electron/core/lab/coder-cards.ts');
      setCoderIdentity(other.lead.db, 'C01', card, ACTOR);
      const foreign = await makeAssignment(other.lead.db, { coder: 'C01', out: other.dir }, ACTOR);
      await expect(openAssignment(lab.work.C01.db, readFileSync(foreign.path), 'C01')).rejects.toThrow(/another lab study/);
    } finally {
      closeStudy(other.lead);
      for (const s of Object.values(other.work)) closeStudy(s);
    }
  });

  it('carries only the receiving coder’s own codings, so reassigned work continues on a new workstation', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 5_000 }, 'C01');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    // C01's machine is lost: a new workstation with a new identity, registered by the lead.
    const { makeStudy } = await import('../helpers/study.ts');
    const { createIdentity } = await import('../../electron/core/lab/identity.ts');
    const { setCoderIdentity } = await import('../../electron/core/lab/coder-cards.ts');
    const fresh = makeStudy(lab.dir, 300, 'C01-new.3rs');
    try {
      const id = await createIdentity(fresh.db, { code: 'C01', name: 'Annika Coderson', role: 'coder' }, 'C01');
      expect(setCoderIdentity(lab.lead.db, 'C01', id.card, ACTOR).replaced).toBe(true);
      const made = await makeAssignment(lab.lead.db, { coder: 'C01', out: lab.dir }, ACTOR);
      const opened = await openAssignment(fresh.db, readFileSync(made.path), 'C01');
      expect(opened.recordings.find((r) => r.code === 'D01-S01')?.coding).toBe('taken');
      expect(marksOf(fresh.db, 'D01-S01', 'C01')).toEqual([{ code: 'W2', clarity: 'check', timeMs: 5_000, note: '' }]);
      // The old key is no longer taken.
      addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W3', clarity: 'check', timeMs: 6_000 }, 'C01');
      await expect(importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR)).rejects.toThrow(/not registered for C01/);
    } finally {
      closeStudy(fresh);
    }
  });
});

describe('a return packet imported at the lead', () => {
  it('gives the lab the coder’s marks, ratings, notes and status, after an inspect that changes nothing', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    const w = lab.work.C01.db;
    addMark(w, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    addMark(w, 'D01-S01', 'C01', { code: 'R4', clarity: 'check-minus', timeMs: 21_000, note: 'invites talk' }, 'C01');
    setSegmentNote(w, 'D01-S01', 'C01', 2, 'a long pause', 'C01');
    completeWithRatings(lab.work.C01, 'D01-S01', 'C01');
    const packet = await returnPacket(lab, 'C01');

    const auditBefore = listAudit(lab.lead.db).length;
    const review = await inspectReturn(lab.lead.db, packet);
    expect(listAudit(lab.lead.db)).toHaveLength(auditBefore);
    expect(review.recordings.find((r) => r.recording === 'D01-S01')).toMatchObject({
      marksAdded: 2,
      marksChanged: 0,
      marksDeleted: 0,
      ratingsChanged: 28,
      notesChanged: 1,
      statusBefore: null,
      statusAfter: 'complete',
      labChanged: false,
    });
    expect(listMarks(lab.lead.db, 'D01-S01', 'C01')).toEqual([]);

    const result = await importReturn(lab.lead.db, packet, {}, ACTOR);
    expect(result.applied).toBe(true);
    expect(marksOf(lab.lead.db, 'D01-S01', 'C01')).toEqual(marksOf(w, 'D01-S01', 'C01'));
    expect(getRatings(lab.lead.db, 'D01-S01', 'C01')).toEqual(getRatings(w, 'D01-S01', 'C01'));
    expect(getCodingState(lab.lead.db, 'D01-S01', 'C01')).toBe('complete');
    const entries = listAudit(lab.lead.db).filter((e) => e.action === 'packet.import');
    expect(entries).toHaveLength(1);
    const after = JSON.parse(entries[0]!.after!) as { sha256: string; signer: string; sequence: number; anchor: { seq: number } };
    expect(after).toMatchObject({ sha256: result.sha256, signer: result.signer, sequence: 1 });
    expect(after.anchor.seq).toBeGreaterThan(0);
  });

  it('the same packet twice changes nothing and says so; an older one after a newer is refused as a replay', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    const first = await returnPacket(lab, 'C01');
    addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'C3', clarity: 'check', timeMs: 2_000 }, 'C01');
    const second = await returnPacket(lab, 'C01');
    await importReturn(lab.lead.db, second, {}, ACTOR);
    const again = await importReturn(lab.lead.db, second, {}, ACTOR);
    expect(again).toMatchObject({ applied: false, alreadyImported: true });
    await expect(importReturn(lab.lead.db, first, {}, ACTOR)).rejects.toThrow(/older than packet 2 already imported \(a replay\)/);
    expect(listMarks(lab.lead.db, 'D01-S01', 'C01')).toHaveLength(2);
  });

  it('a later packet changes and deletes the marks it names by id, not by content', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    const w = lab.work.C01.db;
    const a = addMark(w, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    const b = addMark(w, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 2_000 }, 'C01');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    const { changeMark, deleteMark } = await import('../../electron/core/coding/index.ts');
    changeMark(w, a.id, { clarity: 'check-minus' }, 'C01');
    deleteMark(w, b.id, 'C01');
    addMark(w, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 2_000 }, 'C01');
    const review = await inspectReturn(lab.lead.db, await returnPacket(lab, 'C01'));
    expect(review.recordings[0]).toMatchObject({ recording: 'D01-S01', marksAdded: 1, marksChanged: 1, marksDeleted: 1 });
  });

  it('is refused when the lab changed the coding since the last exchange, and applied over it with take-theirs (audited)', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    const w = lab.work.C01.db;
    addMark(w, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    completeWithRatings(lab.work.C01, 'D01-S01', 'C01');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    reopenCoding(lab.lead.db, 'D01-S01', 'C01', 'L01');
    const packet = await returnPacket(lab, 'C01');
    await expect(importReturn(lab.lead.db, packet, {}, ACTOR)).rejects.toThrow(/lab changed C01's coding of D01-S01 since the last exchange/);
    expect(getCodingState(lab.lead.db, 'D01-S01', 'C01')).toBe('in-progress');
    const result = await importReturn(lab.lead.db, packet, { takeTheirs: true }, ACTOR);
    expect(result.tookTheirs).toBe(true);
    expect(getCodingState(lab.lead.db, 'D01-S01', 'C01')).toBe('complete');
    const entry = listAudit(lab.lead.db).find((e) => e.action === 'packet.import' && JSON.parse(e.after!).sequence === 2);
    expect(JSON.parse(entry!.after!).takeTheirs).toBe(true);
  });

  it('a reopened coding sent back to the coder in an assignment continues there, and its return imports without take-theirs', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    const w = lab.work.C01.db;
    addMark(w, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    completeWithRatings(lab.work.C01, 'D01-S01', 'C01');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    reopenCoding(lab.lead.db, 'D01-S01', 'C01', 'L01');
    await assignAndOpen(lab, 'C01', ['D01-S01']);
    expect(getCodingState(w, 'D01-S01', 'C01')).toBe('in-progress');
    addMark(w, 'D01-S01', 'C01', { code: 'R1', clarity: 'check', timeMs: 3_000 }, 'C01');
    const result = await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    expect(result.tookTheirs).toBe(false);
    expect(listMarks(lab.lead.db, 'D01-S01', 'C01').map((m) => m.code)).toEqual(['W1', 'R1']);
  });

  it('never touches a consensus coding', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    completeWithRatings(lab.work.C01, 'D01-S01', 'C01');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    startConsensus(lab.lead.db, 'D01-S01', 'C01', { actor: 'L01' });
    const consensus = marksOf(lab.lead.db, 'D01-S01', 'CONSENSUS');
    addMark(lab.work.C01.db, 'D01-S02', 'C01', { code: 'C1', clarity: 'check', timeMs: 1_000 }, 'C01');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    expect(marksOf(lab.lead.db, 'D01-S01', 'CONSENSUS')).toEqual(consensus);
  });

  it('refuses a coding of a recording that was not assigned to its coder', async () => {
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01', ['D01-S01']);
    // The lead assigned only D01-S01 to C02; C02's packet may not speak for D01-S02.
    await assignAndOpen(lab, 'C02', ['D01-S01']);
    lab.lead.db.prepare("DELETE FROM lab_assignments WHERE coder_id = (SELECT id FROM coders WHERE code = 'C02')").run();
    addMark(lab.work.C02.db, 'D01-S01', 'C02', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C02');
    await expect(importReturn(lab.lead.db, await returnPacket(lab, 'C02'), {}, ACTOR)).rejects.toThrow(/not assigned to C02/);
  });
});

describe('the audit replay of a lab', () => {
  it('rebuilds the lab’s and the workstation’s codings from their logs after packets, renames and role changes', async () => {
    const { checkReplay } = await import('../../electron/core/audit/replay-check.ts');
    const { renameCoder, setCoderRole } = await import('../../electron/core/store/coders.ts');
    const { renameRecording } = await import('../../electron/core/recordings/retire.ts');
    const { changeMark, deleteMark } = await import('../../electron/core/coding/index.ts');
    lab = await makeLab(tempDir());
    await assignAndOpen(lab, 'C01');
    const w = lab.work.C01.db;
    const a = addMark(w, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    const b = addMark(w, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 2_000 }, 'C01');
    setSegmentNote(w, 'D01-S01', 'C01', 1, 'pause', 'C01');
    completeWithRatings(lab.work.C01, 'D01-S01', 'C01');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    renameRecording(lab.lead.db, 'D01-S02', 'D01-S03', ACTOR);
    setCoderRole(lab.lead.db, 'C02', 'lead', ACTOR);
    reopenCoding(lab.lead.db, 'D01-S01', 'C01', 'L01');
    await assignAndOpen(lab, 'C01');
    changeMark(w, a.id, { clarity: 'check-minus' }, 'C01');
    deleteMark(w, b.id, 'C01');
    await importReturn(lab.lead.db, await returnPacket(lab, 'C01'), {}, ACTOR);
    renameCoder(lab.lead.db, 'C01', 'C07', ACTOR);
    for (const db of [lab.lead.db, w]) {
      const replay = checkReplay(db);
      expect(replay.differences).toEqual([]);
      expect(replay.notCompared).toEqual([]);
    }
  });
});

describe('verify on a coder’s workstation', () => {
  it('checks that the log still holds the audit head of every return packet sent, and names the first that does not', async () => {
    const { verifyStudy } = await import('../../electron/core/store/verify.ts');
    lab = await makeLab(tempDir());
    expect(verifyStudy(lab.work.C01).checks.map((c) => c.name)).not.toContain('lab-anchors');
    await assignAndOpen(lab, 'C01');
    addMark(lab.work.C01.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    await returnPacket(lab, 'C01');
    await returnPacket(lab, 'C01');
    const ok = verifyStudy(lab.work.C01);
    expect(ok.checks.find((c) => c.name === 'lab-anchors')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/audit heads of the 2 return packets/),
    });
    // A head the log never had (as after a history rewritten since the packet left).
    lab.work.C01.db.prepare("UPDATE lab_packets SET anchor_hash = ? WHERE direction = 'out' AND sequence = 1").run('0'.repeat(64));
    const broken = verifyStudy(lab.work.C01);
    expect(broken.ok).toBe(false);
    expect(broken.checks.find((c) => c.name === 'lab-anchors')?.detail).toMatch(/^return packet 1 signed audit entry \d+, but/);
  });
});
