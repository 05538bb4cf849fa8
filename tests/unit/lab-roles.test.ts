import { describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { addMark, listMarks } from '../../electron/core/coding/index.ts';
import { makeAssignment } from '../../electron/core/lab/assign.ts';
import { createIdentity, showIdentity } from '../../electron/core/lab/identity.ts';
import { getRecording } from '../../electron/core/recordings/registry.ts';
import { renameRecording, setRecordingRetired } from '../../electron/core/recordings/retire.ts';
import { findCoder, getCoder, renameCoder, setCoderRetired, setCoderRole } from '../../electron/core/store/coders.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { PASS_ENV, run3rs, WITH_PASS } from '../helpers/cli.ts';
import { makeLab } from '../helpers/lab.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir('3rs-lab-roles-');
const lastEntry = (db: Parameters<typeof listAudit>[0]) => listAudit(db, { limit: 1 })[0]!;

describe('a lead managing a lab’s people and recordings', () => {
  it('changes a coder’s role, audited with the role before and after; the same role again changes nothing', () => {
    const study = makeStudy(tempDir());
    addTestCoder(study, 'C01');
    expect(setCoderRole(study.db, 'C01', 'lead', ACTOR).role).toBe('lead');
    expect(lastEntry(study.db)).toMatchObject({ action: 'coder.role', entityId: 'C01', before: '"coder"', after: '"lead"' });
    expect(() => setCoderRole(study.db, 'C01', 'lead', ACTOR)).toThrow(/already a lead/);
    closeStudy(study);
  });

  it('renames a coder’s code: their codings follow, and so does the study’s identity when it is theirs', async () => {
    const study = makeStudy(tempDir());
    await createIdentity(study.db, { code: 'L01', name: 'Lena Leadington' }, ACTOR);
    addFakeRecording(study, 'D01-S01', 60_000);
    addTestCoder(study, 'C01');
    addMark(study.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 1_000 }, 'C01');
    renameCoder(study.db, 'C01', 'C11', ACTOR);
    expect(findCoder(study.db, 'C01')).toBeUndefined();
    expect(listMarks(study.db, 'D01-S01', 'C11').map((m) => m.code)).toEqual(['W1']);
    expect(lastEntry(study.db)).toMatchObject({ action: 'coder.rename', before: '{"code":"C01"}', after: '{"code":"C11"}' });
    renameCoder(study.db, 'L01', 'L02', ACTOR);
    expect(showIdentity(study.db).code).toBe('L02');
    expect(() => renameCoder(study.db, 'C11', 'L02', ACTOR)).toThrow(/already exists/);
    expect(() => renameCoder(study.db, 'C11', 'bad code', ACTOR)).toThrow(/not valid/);
    closeStudy(study);
  });

  it('renames a recording’s code; its codings follow and dyad and session are read from the new code', () => {
    const study = makeStudy(tempDir());
    addFakeRecording(study, 'D01-S01', 60_000);
    addTestCoder(study, 'C01');
    addMark(study.db, 'D01-S01', 'C01', { code: 'C3', clarity: 'check', timeMs: 2_000 }, 'C01');
    const renamed = renameRecording(study.db, 'D01-S01', 'D07-S04', ACTOR);
    expect(renamed).toMatchObject({ code: 'D07-S04', dyad: 'D07', sessionNumber: 4 });
    expect(listMarks(study.db, 'D07-S04', 'C01')).toHaveLength(1);
    expect(lastEntry(study.db).action).toBe('recording.rename');
    closeStudy(study);
  });

  it('retires a recording: hidden from the list and from new assignments, its codings kept', async () => {
    const lab = await makeLab(tempDir());
    addMark(lab.lead.db, 'D01-S02', 'L01', { code: 'W4', clarity: 'check', timeMs: 1_000 }, 'L01');
    setRecordingRetired(lab.lead.db, 'D01-S02', true, ACTOR);
    expect(lastEntry(lab.lead.db)).toMatchObject({ action: 'recording.retire', entityId: 'D01-S02' });
    expect(listMarks(lab.lead.db, 'D01-S02', 'L01')).toHaveLength(1);
    expect((await makeAssignment(lab.lead.db, { coder: 'C01', out: lab.dir }, ACTOR)).recordings).toEqual(['D01-S01']);
    await expect(makeAssignment(lab.lead.db, { coder: 'C01', recordings: ['D01-S02'], out: lab.dir }, ACTOR)).rejects.toThrow(/retired/);
    closeStudy(lab.lead);
    const listed = await run3rs(['recording', 'list', lab.lead.path, '--json', ...WITH_PASS], { env: PASS_ENV });
    expect((JSON.parse(listed.stdout) as { code: string }[]).map((r) => r.code)).toEqual(['D01-S01']);
    const all = await run3rs(['recording', 'list', lab.lead.path, '--json', '--all', ...WITH_PASS], { env: PASS_ENV });
    expect((JSON.parse(all.stdout) as { code: string }[]).map((r) => r.code)).toEqual(['D01-S01', 'D01-S02']);
    for (const s of Object.values(lab.work)) closeStudy(s);
  });

  it('retires a coder: no new work for them, their codings kept, and back on restore', async () => {
    const lab = await makeLab(tempDir());
    setCoderRetired(lab.lead.db, 'C02', true, ACTOR);
    expect(lastEntry(lab.lead.db)).toMatchObject({ action: 'coder.retire', entityId: 'C02' });
    await expect(makeAssignment(lab.lead.db, { coder: 'C02', out: lab.dir }, ACTOR)).rejects.toThrow(/C02 is retired/);
    setCoderRetired(lab.lead.db, 'C02', false, ACTOR);
    expect((await makeAssignment(lab.lead.db, { coder: 'C02', out: lab.dir }, ACTOR)).coder).toBe('C02');
    expect(getCoder(lab.lead.db, 'C02').code).toBe('C02');
    expect(getRecording(lab.lead.db, 'D01-S01').code).toBe('D01-S01');
    closeStudy(lab.lead);
    for (const s of Object.values(lab.work)) closeStudy(s);
  });
});
