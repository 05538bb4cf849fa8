import { describe, expect, it } from 'vitest';
import { importMarks, importRatings } from '../../electron/core/coding/index.ts';
import { compareCodings } from '../../electron/core/compare/index.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/** One-minute segments, 3 minutes. C01 and C02 agree on W1 in segment 1 and differ elsewhere. */
function setup(): Study {
  const study = makeStudy(tempDir(), 60);
  addFakeRecording(study, 'D01-S01', 3 * 60_000);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  importMarks(
    study.db,
    'D01-S01',
    'C01',
    [
      { code: 'W1', clarity: 'check', timeMs: 5_000 },
      { code: 'W3', clarity: 'check', timeMs: 65_000 },
      { code: 'R2', clarity: 'check', timeMs: 125_000 },
    ],
    ACTOR,
  );
  importMarks(
    study.db,
    'D01-S01',
    'C02',
    [
      { code: 'W1', clarity: 'check', timeMs: 7_000 },
      { code: 'W3', clarity: 'check-minus', timeMs: 66_000 },
      { code: 'C5', clarity: 'check', timeMs: 170_000 },
    ],
    ACTOR,
  );
  importRatings(
    study.db,
    'D01-S01',
    'C01',
    [
      { item: 'overall_withdrawal', value: 3 },
      { item: 'overall_resolution', value: 3 },
    ],
    ACTOR,
  );
  importRatings(
    study.db,
    'D01-S01',
    'C02',
    [
      { item: 'overall_withdrawal', value: 4 },
      { item: 'overall_resolution', value: 3 },
    ],
    ACTOR,
  );
  return study;
}

describe('the lead compares two codings of a recording', () => {
  it('shows both scoresheets side by side', () => {
    const { sheets, coders } = compareCodings(setup().db, 'D01-S01', 'C01', 'C02');
    expect(coders).toEqual({ a: 'C01', b: 'C02' });
    expect(sheets.a).toMatchObject({ recording: 'D01-S01', coder: 'C01' });
    expect(sheets.b).toMatchObject({ recording: 'D01-S01', coder: 'C02' });
    expect(sheets.a.segments[0]!.marks).toEqual({ W1: { count: 1, clarity: 'check' } });
  });

  it('marks each cell where they differ: by presence, or only by clarity', () => {
    const { differences } = compareCodings(setup().db, 'D01-S01', 'C01', 'C02');
    expect(differences).toEqual([
      {
        segmentIndex: 1,
        startMs: 60_000,
        code: 'W3',
        category: 'withdrawal',
        kind: 'clarity',
        a: 'check',
        b: 'check-minus',
        aTimesMs: [65_000],
        bTimesMs: [66_000],
      },
      {
        segmentIndex: 2,
        startMs: 120_000,
        code: 'C5',
        category: 'confrontation',
        kind: 'presence',
        a: 'none',
        b: 'check',
        aTimesMs: [],
        bTimesMs: [170_000],
      },
      {
        segmentIndex: 2,
        startMs: 120_000,
        code: 'R2',
        category: 'resolution',
        kind: 'presence',
        a: 'check',
        b: 'none',
        aTimesMs: [125_000],
        bTimesMs: [],
      },
    ]);
  });

  it('with check-minus counted absent, the unclear W3 is a disagreement on presence', () => {
    const { differences, checkMinus } = compareCodings(setup().db, 'D01-S01', 'C01', 'C02', { checkMinus: 'absent' });
    expect(checkMinus).toBe('absent');
    expect(differences[0]).toMatchObject({ code: 'W3', kind: 'presence' });
  });

  it('with check-minus counted absent, a check-minus where the other coder marked nothing is its own kind: not counted, not another clarity', () => {
    const study = setup();
    importMarks(study.db, 'D01-S01', 'C02', [{ code: 'R5', clarity: 'check-minus', timeMs: 100_000 }], ACTOR);
    const kinds = (checkMinus: 'present' | 'absent') =>
      compareCodings(study.db, 'D01-S01', 'C01', 'C02', { checkMinus })
        .differences.filter((d) => d.code === 'R5')
        .map((d) => [d.segmentIndex, d.kind, d.a, d.b]);
    expect(kinds('absent')).toEqual([[1, 'uncounted', 'none', 'check-minus']]);
    expect(kinds('present')).toEqual([[1, 'presence', 'none', 'check-minus']]);
  });

  it('lists the ratings that differ', () => {
    expect(compareCodings(setup().db, 'D01-S01', 'C01', 'C02').ratingDifferences).toEqual([{ item: 'overall_withdrawal', a: 3, b: 4 }]);
  });
});
