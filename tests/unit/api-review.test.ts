import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../electron/core/api/handlers.ts';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { importMarks, importRatings } from '../../electron/core/coding/index.ts';
import type { Result } from '../../electron/core/errors.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { PASSPHRASE, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { useApiHandlers, value } from '../helpers/api.ts';
import { rateTheRestThrough } from '../helpers/ratings.ts';

const tempDir = useTempDir();
const REC = 'D01-S01';
const handlers = useApiHandlers();

/**
 * A study with two recordings (11 min, 5-min segments: 3 segments each), coders C01 and C02, leads L01 and
 * L02. C01 and C02 coded D01-S01: they agree on W1 in segment 1 and disagree on C2 in segment 2; C01
 * rated overall_resolution 3 and C02 4. L01 coded D01-S01 too, as a reference.
 */
async function openAs(as: string): Promise<{ api: ApiHandlers; path: string; dir: string }> {
  const dir = tempDir();
  const study = makeStudy(dir);
  addFakeRecording(study, REC, 660_000);
  addFakeRecording(study, 'D01-S02', 660_000);
  for (const code of ['C01', 'C02']) addTestCoder(study, code);
  for (const code of ['L01', 'L02']) addTestCoder(study, code, 'lead');
  importMarks(
    study.db,
    REC,
    'C01',
    [
      { code: 'W1', clarity: 'check', timeMs: 10_000 },
      { code: 'C2', clarity: 'check', timeMs: 320_000 },
    ],
    'C01',
  );
  importMarks(study.db, REC, 'C02', [{ code: 'W1', clarity: 'check-minus', timeMs: 20_000 }], 'C02');
  importRatings(study.db, REC, 'C01', [{ item: 'overall_resolution', value: 3 }], 'C01');
  importRatings(study.db, REC, 'C02', [{ item: 'overall_resolution', value: 4 }], 'C02');
  importMarks(study.db, REC, 'L01', [{ code: 'C2', clarity: 'check', timeMs: 330_000 }], 'L01');
  closeStudy(study);
  const api = handlers();
  value(await api['study.open']({ path: study.path, passphrase: PASSPHRASE }));
  value(await api['session.selectCoder']({ code: as }));
  return { api, path: study.path, dir };
}

async function settle(api: ApiHandlers, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const status = value(await api['jobs.status']({ jobId }));
    if (status.state !== 'running') return status;
    await sleep(10);
  }
  throw new Error('the job never ended');
}

const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };

describe('the lead’s review channels keep coding blind', () => {
  it.each([
    ['reliability.report', {}],
    ['compare.codings', { recording: REC, coderA: 'C01', coderB: 'C02' }],
    ['consensus.start', { recording: REC, fromCoder: 'C01' }],
    ['export.run', { outDir: '/tmp/never-written', format: 'csv' }],
    ['export.eaf', { recording: REC, outDir: '/tmp/never-written' }],
  ] as const)('a coder asking %s is refused, told that only a lead can', async (channel, input) => {
    const { api } = await openAs('C02');
    const answer = await (api[channel] as (input: unknown) => Promise<Result<unknown>>)(input);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Only a lead can .*a lead’s task/) } });
  });

  it('a lead gets the reliability report, with a reason in place of each statistic that is not defined', async () => {
    const { api } = await openAs('L01');
    // The codings here are unfinished: the report compares them only when asked to.
    const report = value(await api['reliability.report']({ coders: ['C01', 'C02'], recordings: [REC], includeUnfinished: true }));
    expect(report).toMatchObject({ coders: ['C01', 'C02'], recordings: [REC], checkMinus: 'present' });
    expect(report.segments.W1).toMatchObject({ n: 3, percentAgreement: 1, cohenKappa: 1, fleissKappa: null });
    expect(report.segments.W1!.reasons?.fleissKappa).toMatchObject({ kind: 'does-not-apply' });
    expect(report.segments.R1).toMatchObject({
      cohenKappa: null,
      reasons: { cohenKappa: { kind: 'not-defined', why: expect.stringMatching(/^no coder marked this code/) } },
    });
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('a lead compares two codings: a presence disagreement, a clarity difference and the differing rating', async () => {
    const { api } = await openAs('L01');
    const comparison = value(await api['compare.codings']({ recording: REC, coderA: 'C01', coderB: 'C02' }));
    expect(comparison.differences.map((d) => [d.segmentIndex, d.code, d.kind, d.a, d.b])).toEqual([
      [0, 'W1', 'clarity', 'check', 'check-minus'],
      [1, 'C2', 'presence', 'check', 'none'],
    ]);
    expect(comparison.ratingDifferences).toEqual([{ item: 'overall_resolution', a: 3, b: 4 }]);
  });

  it('lists a lead every coding of a recording, and a coder only their own and the references they may train against', async () => {
    const lead = await openAs('L01');
    expect(value(await lead.api['review.codings']({ recording: REC })).map((c) => c.coder)).toEqual(['C01', 'C02', 'L01']);
    const coder = await openAs('C02');
    expect(value(await coder.api['review.codings']({ recording: REC }))).toEqual([
      { coder: 'C02', name: 'Coder C02', role: 'coder', state: 'in-progress', consensus: false },
      { coder: 'L01', name: 'Coder L01', role: 'lead', state: 'in-progress', consensus: false },
    ]);
  });
});

describe('a consensus coding', () => {
  it('starts from one coder’s coding as its own coding, audited with the lead as actor', async () => {
    const { api, path } = await openAs('L01');
    const view = value(await api['consensus.start']({ recording: REC, fromCoder: 'C01' }));
    expect(view.scoresheet.coder).toBe('CONSENSUS');
    expect(view.marks.map((m) => [m.code, m.timeMs])).toEqual([
      ['W1', 10_000],
      ['C2', 320_000],
    ]);
    expect(view.scoresheet.ratings).toEqual({ overall_resolution: 3 });
    expect(value(await api['review.codings']({ recording: REC })).find((c) => c.coder === 'CONSENSUS')).toMatchObject({ consensus: true });
    value(await api['study.close']({}));
    const study = openStudy(path, PASSPHRASE);
    const entry = listAudit(study.db).find((e) => e.action === 'consensus.start');
    closeStudy(study);
    expect(entry).toMatchObject({ actor: 'L01', entityId: `${REC}/CONSENSUS` });
  });

  it('a lead edits it by naming its coder: marks, undo, ratings and completion, each audited as the lead', async () => {
    const { api, path } = await openAs('L01');
    value(await api['consensus.start']({ recording: REC, fromCoder: 'C01' }));
    const added = value(await api['marks.add']({ recording: REC, coder: 'CONSENSUS', code: 'R4', clarity: 'check', timeMs: 400_000 }));
    expect(added.scoresheet.coder).toBe('CONSENSUS');
    expect(added.mark).toMatchObject({ coder: 'CONSENSUS', code: 'R4' });
    const c2 = added.marks.find((m) => m.code === 'C2')!;
    expect(value(await api['marks.change']({ id: c2.id, clarity: 'check-minus' })).marks.find((m) => m.id === c2.id)?.clarity).toBe('check-minus');
    expect(value(await api['marks.undo']({ recording: REC, coder: 'CONSENSUS' })).marks.find((m) => m.id === c2.id)?.clarity).toBe('check');
    const w1 = added.marks.find((m) => m.code === 'W1')!;
    expect(value(await api['marks.delete']({ id: w1.id })).marks.map((m) => m.code)).toEqual(['C2', 'R4']);
    expect(value(await api['ratings.set']({ recording: REC, coder: 'CONSENSUS', item: 'overall_resolution', value: 4 })).scoresheet.ratings).toEqual({
      overall_resolution: 4,
    });
    await rateTheRestThrough(api, REC, 'CONSENSUS');
    expect(value(await api['coding.complete']({ recording: REC, coder: 'CONSENSUS' })).scoresheet.state).toBe('complete');
    // The lead's own coding was never touched.
    expect(value(await api['coding.view']({ recording: REC })).marks.map((m) => m.code)).toEqual(['C2']);
    value(await api['study.close']({}));

    const study = openStudy(path, PASSPHRASE);
    const edits = listAudit(study.db).filter(
      (e) => e.entityId?.includes('CONSENSUS') || e.action.startsWith('event.') || e.action.startsWith('rating.'),
    );
    closeStudy(study);
    const after = edits.slice(
      0,
      edits.findIndex((e) => e.action === 'consensus.start'),
    );
    expect(after.map((e) => e.actor)).toEqual(after.map(() => 'L01'));
    expect(after.length).toBeGreaterThanOrEqual(6);
  });

  it('a coder cannot write into it, even naming it', async () => {
    const { api } = await openAs('L01');
    const view = value(await api['consensus.start']({ recording: REC, fromCoder: 'C01' }));
    value(await api['session.selectCoder']({ code: 'C01' }));
    expect(await api['marks.add']({ recording: REC, coder: 'CONSENSUS', code: 'W2', clarity: 'check', timeMs: 0 })).toMatchObject(forbidden);
    expect(await api['marks.delete']({ id: view.marks[0]!.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await api['ratings.set']({ recording: REC, coder: 'CONSENSUS', item: 'W1', value: 2 })).toMatchObject(forbidden);
  });

  it('a lead cannot use the rule on an ordinary coder’s coding, nor on a consensus coder’s coding of a recording never started by consensus', async () => {
    const { api } = await openAs('L02');
    const c01 = value(await api['coding.view']({ recording: REC, coder: 'C01' }));
    const refused = await api['marks.add']({ recording: REC, coder: 'C01', code: 'W2', clarity: 'check', timeMs: 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/own work.*consensus/) } });
    expect(await api['marks.delete']({ id: c01.marks[0]!.id })).toMatchObject(forbidden);
    expect(await api['marks.undo']({ recording: REC, coder: 'C01' })).toMatchObject(forbidden);
    expect(await api['coding.complete']({ recording: REC, coder: 'L01' })).toMatchObject(forbidden);

    value(await api['consensus.start']({ recording: REC, fromCoder: 'C02' }));
    expect(await api['marks.add']({ recording: 'D01-S02', coder: 'CONSENSUS', code: 'W2', clarity: 'check', timeMs: 0 })).toMatchObject(forbidden);
    expect(value(await api['coding.view']({ recording: REC, coder: 'C01' })).marks).toEqual(c01.marks);
  });
});

describe('blind coding, on by default, is a lead’s to turn off', () => {
  it('off, coders may look at and compare each other’s codings, but still write only their own; on again, they may not', async () => {
    const { api, path } = await openAs('C02');
    expect(value(await api['settings.get']({})).blindCoding).toBe(true);
    expect(await api['settings.update']({ blindCoding: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Only a lead can turn blind coding on or off/) },
    });

    value(await api['session.selectCoder']({ code: 'L01' }));
    // All or nothing: a refused segment length (marks exist) leaves blind coding as it was.
    expect(await api['settings.update']({ blindCoding: false, segmentSeconds: 120 })).toMatchObject({ ok: false, error: { code: 'LOCKED_SETTING' } });
    expect(value(await api['settings.get']({})).blindCoding).toBe(true);
    expect(value(await api['settings.update']({ blindCoding: false })).blindCoding).toBe(false);
    value(await api['session.selectCoder']({ code: 'C02' }));
    const c01 = value(await api['coding.view']({ recording: REC, coder: 'C01' }));
    expect(c01.marks.map((m) => m.code)).toEqual(['W1', 'C2']);
    expect(value(await api['compare.codings']({ recording: REC, coderA: 'C01', coderB: 'C02' })).differences.length).toBeGreaterThan(0);
    expect(
      value(await api['recordings.list']({}))
        .find((r) => r.code === REC)!
        .codings.map((c) => c.coder),
    ).toEqual(expect.arrayContaining(['C01', 'C02', 'L01']));
    expect(await api['marks.delete']({ id: c01.marks[0]!.id })).toMatchObject(forbidden);
    expect(await api['reliability.report']({})).toMatchObject(forbidden);

    value(await api['session.selectCoder']({ code: 'L01' }));
    expect(value(await api['reliability.report']({ includeUnfinished: true })).blindCodingNote).toMatch(
      /^Blind coding is off in this study: .* not independent/,
    );
    value(await api['settings.update']({ blindCoding: true }));
    // Back on, the reliability still says that codings may not be independent, without a date.
    expect(value(await api['reliability.report']({ includeUnfinished: true })).blindCodingNote).toMatch(
      /^Blind coding was turned off for a time in this study/,
    );
    value(await api['session.selectCoder']({ code: 'C02' }));
    expect(await api['coding.view']({ recording: REC, coder: 'C01' })).toMatchObject(forbidden);
    expect(await api['compare.codings']({ recording: REC, coderA: 'C01', coderB: 'C02' })).toMatchObject(forbidden);

    await api['study.close']({});
    const study = openStudy(path, PASSPHRASE);
    const entries = listAudit(study.db).filter((e) => e.action === 'study.set-blind-coding');
    closeStudy(study);
    // Newest first: turned off, then on again, each by the lead.
    expect(entries.map((e) => [e.actor, e.before, e.after])).toEqual([
      ['L01', 'false', 'true'],
      ['L01', 'true', 'false'],
    ]);
  });
});

describe('who may become a lead', () => {
  it('a coder may add a coder but not a lead; a lead may add a lead', async () => {
    const { api } = await openAs('C01');
    expect(await api['coders.add']({ code: 'X9', name: 'Self-promoted', role: 'lead' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Only a lead can add a lead/) },
    });
    expect(value(await api['coders.add']({ code: 'C03', name: 'New coder' })).role).toBe('coder');
    value(await api['session.selectCoder']({ code: 'L01' }));
    expect(value(await api['coders.add']({ code: 'L03', name: 'New lead', role: 'lead' })).role).toBe('lead');
    expect(value(await api['coders.list']({})).map((c) => c.code)).not.toContain('X9');
  });
});

describe('the study’s facts keep coding blind', () => {
  it('a coder counts only their own marks, a lead everyone’s, and nobody before choosing who they are', async () => {
    const { api, path } = await openAs('C01');
    expect(value(await api['study.info']({})).events).toBe(2);
    value(await api['session.selectCoder']({ code: 'L01' }));
    expect(value(await api['study.info']({})).events).toBe(4);
    expect(value(await api['study.open']({ path, passphrase: PASSPHRASE })).events).toBeNull();
  });
});

describe('training against a reference coding', () => {
  it('a coder checks their own coding against a lead’s once it is complete, with each disagreement and its time', async () => {
    const { api } = await openAs('C01');
    expect(await api['training.compare']({ recording: REC, trainee: 'C01', reference: 'L01' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^Mark your coding of D01-S01 complete first/) },
    });
    await rateTheRestThrough(api, REC);
    value(await api['coding.complete']({ recording: REC }));
    const training = value(await api['training.compare']({ recording: REC, trainee: 'C01', reference: 'L01' }));
    expect(training.disagreements.map((d) => [d.code, d.segmentIndex, d.traineeTimesMs, d.referenceTimesMs])).toEqual([['W1', 0, [10_000], []]]);
  });

  it('a coder cannot train against a fellow coder’s coding, nor check someone else’s', async () => {
    const { api } = await openAs('C01');
    expect(await api['training.compare']({ recording: REC, trainee: 'C01', reference: 'C02' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/lead’s coding or a consensus coding/) },
    });
    expect(await api['training.compare']({ recording: REC, trainee: 'C02', reference: 'L01' })).toMatchObject(forbidden);
  });

  it('a consensus coding is a reference too, and a lead may check any trainee against any coding', async () => {
    const { api } = await openAs('L01');
    value(await api['consensus.start']({ recording: REC, fromCoder: 'C02' }));
    expect(value(await api['training.compare']({ recording: REC, trainee: 'C01', reference: 'C02' })).disagreements).toHaveLength(1);
    value(await api['session.selectCoder']({ code: 'C01' }));
    await rateTheRestThrough(api, REC);
    value(await api['coding.complete']({ recording: REC }));
    expect(value(await api['training.compare']({ recording: REC, trainee: 'C01', reference: 'CONSENSUS' })).disagreements).toHaveLength(1);
  });
});

describe('the export channels', () => {
  it('a lead’s export runs as a job, whose result once done is the manifest of the files written', async () => {
    const { api, dir } = await openAs('L01');
    const outDir = join(dir, 'export');
    const { jobId } = value(await api['export.run']({ outDir, format: 'csv' }));
    const done = await settle(api, jobId);
    if (done.kind !== 'export' || done.state !== 'done') throw new Error(`the export ended ${done.state}`);
    expect(done.percent).toBe(100);
    const { manifest } = done.result;
    expect(manifest).toMatchObject({ format: 'csv', notesIncluded: false, coders: ['C01', 'C02', 'L01'], recordings: [REC] });
    for (const file of manifest.files) expect(existsSync(join(outDir, file.name))).toBe(true);
    expect(readFileSync(join(outDir, 'events.csv'), 'utf8')).not.toContain('Coder C01');
  });

  it('when another coder is chosen at the window, the last one’s jobs are forgotten: the export’s manifest is not theirs to read', async () => {
    const { api, dir } = await openAs('L01');
    const { jobId } = value(await api['export.run']({ outDir: join(dir, 'export'), format: 'csv' }));
    expect(await settle(api, jobId)).toMatchObject({ state: 'done' });
    value(await api['session.selectCoder']({ code: 'L01' }));
    expect(value(await api['jobs.status']({ jobId }))).toMatchObject({ state: 'done' });
    value(await api['session.selectCoder']({ code: 'C01' }));
    expect(await api['jobs.status']({ jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('an export job reports several increasing progress values before it is done', async () => {
    const { api, dir } = await openAs('L01');
    const { jobId } = value(await api['export.run']({ outDir: join(dir, 'export'), format: 'csv' }));
    const seen: { stage: string; percent: number }[] = [];
    for (let status = value(await api['jobs.status']({ jobId })); status.state === 'running'; status = value(await api['jobs.status']({ jobId }))) {
      if (seen.at(-1)?.percent !== status.percent) seen.push({ stage: status.stage, percent: status.percent });
      await nextTurn();
    }
    expect(value(await api['jobs.status']({ jobId }))).toMatchObject({ state: 'done', percent: 100 });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    seen.slice(1).forEach((s, i) => expect(s.percent).toBeGreaterThan(seen[i]!.percent));
    expect(seen.map((s) => s.stage)).toContain('Writing events.csv');
  });

  it('cancelling an export midway leaves no file behind and the study as it was; the export can then run again', async () => {
    const { api, dir, path } = await openAs('L01');
    const auditEntries = async () => {
      const study = openStudy(path, PASSPHRASE);
      const count = listAudit(study.db).length;
      closeStudy(study);
      return count;
    };
    const before = await auditEntries();
    const outDir = join(dir, 'export');
    const { jobId } = value(await api['export.run']({ outDir, format: 'csv' }));
    while (!value(await api['jobs.status']({ jobId })).stage.startsWith('Writing')) await nextTurn();
    value(await api['jobs.cancel']({ jobId }));
    const cancelled = await settle(api, jobId);
    expect(cancelled).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    expect(cancelled).not.toHaveProperty('result');
    expect(existsSync(outDir)).toBe(false);
    expect(await auditEntries()).toBe(before);
    const again = value(await api['export.run']({ outDir, format: 'csv' }));
    expect(await settle(api, again.jobId)).toMatchObject({ state: 'done' });
  });

  it('a failed export says why in its job, and has no summary', async () => {
    const { api, dir } = await openAs('L01');
    const { jobId } = value(await api['export.run']({ outDir: join(dir, 'e'), format: 'json', recordings: ['D01-S02'] }));
    const failed = await settle(api, jobId);
    expect(failed).toMatchObject({
      state: 'failed',
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/nothing to export/) },
    });
    expect(failed).not.toHaveProperty('result');
  });

  it('a folder must be a full path, so nothing lands where the app happened to start', async () => {
    const { api } = await openAs('L01');
    expect(await api['export.run']({ outDir: 'exports', format: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/full path/) },
    });
  });

  it('the ELAN export writes RECORDING.eaf into the folder and answers with its path; it never overwrites', async () => {
    const { api, dir } = await openAs('L01');
    const written = value(await api['export.eaf']({ recording: REC, outDir: dir, coders: ['C01'] }));
    expect(written).toEqual({ path: join(dir, `${REC}.eaf`), tiers: ['C01 withdrawal', 'C01 confrontation', 'C01 resolution'], annotations: 2 });
    expect(readFileSync(written.path, 'utf8')).toContain('ANNOTATION_DOCUMENT');
    expect(await api['export.eaf']({ recording: REC, outDir: dir })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
