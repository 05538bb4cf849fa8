import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { importMarks, importRatings } from '../../electron/core/coding/index.ts';
import { AppError } from '../../electron/core/errors.ts';
import { exportStudy, exportStudyAsync, type ExportProgress } from '../../electron/core/export/index.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** Two coders who both coded two recordings of ten one-minute segments, and signed them off. */
function setup(): Study {
  const study = makeStudy(tempDir(), 60);
  for (const code of ['C01', 'C02']) addTestCoder(study, code);
  for (const recording of ['D01-S01', 'D01-S02']) {
    addFakeRecording(study, recording, 600_000);
    for (const coder of ['C01', 'C02']) {
      importMarks(
        study.db,
        recording,
        coder,
        [
          { code: 'W1', clarity: 'check', timeMs: 30_000 },
          { code: coder === 'C01' ? 'C2' : 'C3', clarity: 'check-minus', timeMs: 200_000 },
        ],
        ACTOR,
      );
      importRatings(study.db, recording, coder, [{ item: 'overall_resolution', value: coder === 'C01' ? 3 : 4 }], ACTOR);
    }
  }
  // Signed off (a fixture written into the status table): the reliability compares complete codings.
  study.db.prepare("UPDATE coding_status SET state = 'complete'").run();
  return study;
}

async function cancelledAt(study: Study, outDir: string, stage: string): Promise<AppError> {
  const controller = new AbortController();
  const onProgress = (p: ExportProgress) => {
    if (p.stage === stage) controller.abort();
  };
  const err = await exportStudyAsync(study.db, { outDir }, { onProgress, signal: controller.signal }).then(
    () => {
      throw new Error('the export was not cancelled');
    },
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  return err;
}

describe('an export shows its progress', () => {
  it('reports each stage in order, each further along than the last, before it is done', async () => {
    const progress: ExportProgress[] = [];
    const outDir = join(tempDir(), 'export');
    await exportStudyAsync(setup().db, { outDir }, { onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.stage)).toEqual([
      'Reading the study',
      'Computing the reliability',
      'Writing events.csv',
      'Writing segments.csv',
      'Writing segments-wide.csv',
      'Writing sessions.csv',
      'Writing reliability.csv',
      'Writing data-dictionary.csv',
      'Writing sequences.sds',
      'Writing manifest.json',
    ]);
    const percents = progress.map((p) => p.percent);
    expect(percents[0]).toBe(0);
    percents.slice(1).forEach((percent, i) => expect(percent).toBeGreaterThan(percents[i]!));
    expect(percents.at(-1)).toBeLessThan(100);
  });

  it('writes the same files stage by stage as in one go', async () => {
    const study = setup();
    const staged = join(tempDir(), 'staged');
    const direct = join(tempDir(), 'direct');
    await exportStudyAsync(study.db, { outDir: staged, format: 'json', includeNotes: true });
    exportStudy(study.db, { outDir: direct, format: 'json', includeNotes: true });
    const files = readdirSync(direct).sort();
    expect(readdirSync(staged).sort()).toEqual(files);
    for (const file of files) expect(readFileSync(join(staged, file)), file).toEqual(readFileSync(join(direct, file)));
  });

  it('shows no file in the folder until every file is written and flushed', async () => {
    const outDir = join(tempDir(), 'export');
    const seen: string[] = [];
    await exportStudyAsync(setup().db, { outDir }, { onProgress: () => seen.push(...(existsSync(outDir) ? readdirSync(outDir) : [])) });
    expect(seen.filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(readdirSync(outDir)).toHaveLength(8);
  });
});

describe('cancelling an export', () => {
  it('cancelling an export midway leaves no file behind, and no folder it made', async () => {
    const study = setup();
    const outDir = join(tempDir(), 'made-by-the-export');
    const err = await cancelledAt(study, outDir, 'Writing sessions.csv');
    expect(err.code).toBe('CANCELLED');
    expect(err.message).toBe('The export was cancelled; it left no file in the folder. Export again when you are ready.');
    expect(existsSync(outDir)).toBe(false);
  });

  it('leaves a folder that was there empty, and the study as it was, so the same export can run again', async () => {
    const study = setup();
    const outDir = join(tempDir(), 'chosen');
    mkdirSync(outDir);
    const audit = listAudit(study.db).length;
    for (const stage of ['Reading the study', 'Computing the reliability', 'Writing events.csv', 'Writing manifest.json']) {
      expect((await cancelledAt(study, outDir, stage)).code, stage).toBe('CANCELLED');
      expect(readdirSync(outDir), stage).toEqual([]);
    }
    expect(listAudit(study.db)).toHaveLength(audit);
    const { manifest } = await exportStudyAsync(study.db, { outDir });
    expect(manifest).toMatchObject({ codings: 4, reliability: { included: true } });
  });
});
