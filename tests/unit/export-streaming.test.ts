// The export reads the codings stage by stage as it writes (it never holds the whole study), handing the
// thread back between stages: a save that lands between two stages must not leave files showing two states.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditHead } from '../../electron/core/audit/audit-log.ts';
import { addMark, importMarks } from '../../electron/core/coding/index.ts';
import { AppError } from '../../electron/core/errors.ts';
import { exportStudyAsync, type ExportProgress } from '../../electron/core/export/index.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** Two coders, two recordings of ten one-minute segments, a withdrawal marker each. */
function setup(): Study {
  const study = makeStudy(tempDir(), 60);
  for (const code of ['C01', 'C02']) addTestCoder(study, code);
  for (const recording of ['D01-S01', 'D01-S02']) {
    addFakeRecording(study, recording, 600_000);
    for (const coder of ['C01', 'C02']) importMarks(study.db, recording, coder, [{ code: 'W1', clarity: 'check', timeMs: 30_000 }], ACTOR);
  }
  return study;
}

const lines = (outDir: string, file: string) => readFileSync(join(outDir, file), 'utf8').trim().split('\n');

describe('an export while the study changes', () => {
  it('a mark saved between two stages starts the export again, so every file shows the study with the mark', async () => {
    const study = setup();
    const outDir = join(tempDir(), 'export');
    const stages: string[] = [];
    let saved = false;
    const onProgress = ({ stage }: ExportProgress) => {
      stages.push(stage);
      // events.csv is written by now; the sessions file is not.
      if (stage === 'Writing sessions.csv' && !saved) {
        addMark(study.db, 'D01-S02', 'C02', { code: 'C1', clarity: 'check', timeMs: 400_000 }, ACTOR);
        saved = true;
      }
    };
    const { manifest } = await exportStudyAsync(study.db, { outDir }, { onProgress });
    expect(stages.filter((s) => s === 'Reading the study')).toHaveLength(2);
    expect(lines(outDir, 'events.csv').filter((l) => l.includes(',C1,'))).toEqual(['D01-S02,C02,7,360,400,C1,confrontation,check']);
    const header = lines(outDir, 'sessions.csv')[0]!.split(',');
    const row = lines(outDir, 'sessions.csv')
      .find((l) => l.startsWith('D01-S02,') && l.includes(',C02,'))!
      .split(',');
    expect(row[header.indexOf('count_C1')]).toBe('1');
    expect(manifest.auditHead).toEqual(auditHead(study.db));
    expect(readdirSync(outDir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('a study that changes at every stage is not exported, and the export says why and leaves nothing behind', async () => {
    const study = setup();
    const outDir = join(tempDir(), 'export');
    let at = 0;
    const onProgress = ({ stage }: ExportProgress) => {
      if (stage === 'Writing events.csv') addMark(study.db, 'D01-S01', 'C01', { code: 'W2', clarity: 'check', timeMs: 1_000 * ++at }, ACTOR);
    };
    const err = await exportStudyAsync(study.db, { outDir }, { onProgress }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^The study changed while it was being exported, 3 times over/) as string,
    });
    expect(at).toBe(3);
    expect(existsSync(outDir)).toBe(false);
  });
});
