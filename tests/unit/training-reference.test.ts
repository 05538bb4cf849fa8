import { describe, expect, it } from 'vitest';
import { importMarks, importRatings } from '../../electron/core/coding/index.ts';
import { compareToReference } from '../../electron/core/compare/index.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

/**
 * One-minute segments, a 5-minute recording (5 segments × 24 codes = 120 cells).
 * GOLD: W1 check in segment 1, C2 in segment 2, R4 in segment 4.
 * C03 (the trainee): W1 check-minus in segment 1, W1 in segment 3, R4 twice in segment 4.
 */
function setup(): Study {
  const study = makeStudy(tempDir(), 60);
  addFakeRecording(study, 'D01-S01', 5 * 60_000);
  addTestCoder(study, 'GOLD');
  addTestCoder(study, 'C03');
  addTestCoder(study, 'C04');
  importMarks(
    study.db,
    'D01-S01',
    'GOLD',
    [
      { code: 'W1', clarity: 'check', timeMs: 10_000 },
      { code: 'C2', clarity: 'check', timeMs: 70_000 },
      { code: 'R4', clarity: 'check', timeMs: 200_000 },
    ],
    ACTOR,
  );
  importMarks(
    study.db,
    'D01-S01',
    'C03',
    [
      { code: 'W1', clarity: 'check-minus', timeMs: 12_000 },
      { code: 'W1', clarity: 'check', timeMs: 130_000 },
      { code: 'R4', clarity: 'check', timeMs: 205_000 },
      { code: 'R4', clarity: 'check', timeMs: 210_000 },
    ],
    ACTOR,
  );
  importRatings(
    study.db,
    'D01-S01',
    'GOLD',
    [
      { item: 'W1', value: 2 },
      { item: 'overall_resolution', value: 4 },
    ],
    ACTOR,
  );
  importRatings(
    study.db,
    'D01-S01',
    'C03',
    [
      { item: 'overall_resolution', value: 3 },
      { item: 'therapist_contribution', value: 1 },
    ],
    ACTOR,
  );
  importRatings(study.db, 'D01-S01', 'GOLD', [{ item: 'therapist_contribution', value: 1 }], ACTOR);
  return study;
}

const train = (study: Study, checkMinus?: 'present' | 'absent') =>
  compareToReference(study.db, { recording: 'D01-S01', trainee: 'C03', reference: 'GOLD', ...(checkMinus ? { checkMinus } : {}) });

describe('a trainee compared with a reference coding', () => {
  it('agrees on 118 of the 120 segment × code cells: a missed C2 and an extra W1', () => {
    const result = train(setup());
    expect(result).toMatchObject({ recording: 'D01-S01', trainee: 'C03', reference: 'GOLD', checkMinus: 'present', segmentSeconds: 60, cells: 120 });
    expect(result.percentAgreement).toBe(118 / 120);
    expect(result.perSegment.map((s) => [s.index, s.startMs, s.agreed])).toEqual([
      [0, 0, 24],
      [1, 60_000, 23],
      [2, 120_000, 23],
      [3, 180_000, 24],
      [4, 240_000, 24],
    ]);
  });

  it('lists each disagreement with its segment, start, both marks and the times to jump to', () => {
    expect(train(setup()).disagreements).toEqual([
      {
        segmentIndex: 1,
        startMs: 60_000,
        code: 'C2',
        category: 'confrontation',
        trainee: 'none',
        reference: 'check',
        traineeTimesMs: [],
        referenceTimesMs: [70_000],
      },
      {
        segmentIndex: 2,
        startMs: 120_000,
        code: 'W1',
        category: 'withdrawal',
        trainee: 'check',
        reference: 'none',
        traineeTimesMs: [130_000],
        referenceTimesMs: [],
      },
    ]);
  });

  it('a check-minus where the reference has a check agrees on presence, and is listed as a clarity difference', () => {
    expect(train(setup()).clarityDifferences).toEqual([
      {
        segmentIndex: 0,
        startMs: 0,
        code: 'W1',
        category: 'withdrawal',
        trainee: 'check-minus',
        reference: 'check',
        traineeTimesMs: [12_000],
        referenceTimesMs: [10_000],
      },
    ]);
  });

  it('with check-minus counted absent, that unclear W1 becomes a disagreement', () => {
    const result = train(setup(), 'absent');
    expect(result.percentAgreement).toBe(117 / 120);
    expect(result.disagreements.map((d) => `${d.segmentIndex}:${d.code}`)).toEqual(['0:W1', '1:C2', '2:W1']);
    expect(result.clarityDifferences).toEqual([]);
  });

  it('over the cells either coding marked, 2 of 4 agree, and the trainee found 2 of the reference’s 3', () => {
    expect(train(setup())).toMatchObject({ markedAgreement: { count: 2, of: 4, share: 0.5 }, referenceFound: { count: 2, of: 3, share: 2 / 3 } });
    // Counted absent, the unclear W1 is no longer in the trainee's coding.
    expect(train(setup(), 'absent')).toMatchObject({
      markedAgreement: { count: 1, of: 4, share: 0.25 },
      referenceFound: { count: 1, of: 3, share: 1 / 3 },
    });
  });

  it('gives the same figures segment by segment, and says why they are not defined in a segment with nothing the reference marked', () => {
    const segments = train(setup()).perSegment;
    expect(segments.map((s) => [s.markedAgreement.share, s.referenceFound.share])).toEqual([
      [1, 1],
      [0, 0],
      [0, null],
      [1, 1],
      [null, null],
    ]);
    expect(segments[2]!.referenceFound).toEqual({
      count: 0,
      of: 0,
      share: null,
      reason: { kind: 'not-defined', why: 'the reference marked nothing in this segment, so there is nothing to find' },
    });
    expect(segments[4]!.markedAgreement).toEqual({
      count: 0,
      of: 0,
      share: null,
      reason: { kind: 'not-defined', why: 'neither coding marked anything in this segment' },
    });
  });

  it('when the reference marked nothing, gives the reason instead of the share found; the trainee’s cells agree with none', () => {
    const study = setup();
    addTestCoder(study, 'C05');
    importRatings(study.db, 'D01-S01', 'C05', [{ item: 'overall_resolution', value: 2 }], ACTOR);
    const result = compareToReference(study.db, { recording: 'D01-S01', trainee: 'C03', reference: 'C05' });
    expect(result.percentAgreement).toBe(117 / 120);
    expect(result.markedAgreement).toEqual({ count: 0, of: 3, share: 0 });
    expect(result.referenceFound).toEqual({
      count: 0,
      of: 0,
      share: null,
      reason: { kind: 'not-defined', why: 'the reference marked nothing, so there is nothing to find' },
    });
  });

  it('when neither coding marked anything that counts, says so instead of a share, though every cell agrees', () => {
    const study = setup();
    addTestCoder(study, 'C05');
    importMarks(study.db, 'D01-S01', 'C04', [{ code: 'W2', clarity: 'check-minus', timeMs: 250_000 }], ACTOR);
    importRatings(study.db, 'D01-S01', 'C05', [{ item: 'overall_resolution', value: 2 }], ACTOR);
    const result = compareToReference(study.db, { recording: 'D01-S01', trainee: 'C04', reference: 'C05', checkMinus: 'absent' });
    expect(result.percentAgreement).toBe(1);
    expect(result.markedAgreement).toEqual({
      count: 0,
      of: 0,
      share: null,
      reason: { kind: 'not-defined', why: 'neither coding marked any code with a check (a check-minus counts as absent)' },
    });
    expect(result.referenceFound).toMatchObject({
      share: null,
      reason: { kind: 'not-defined', why: 'the reference marked no code with a check (a check-minus counts as absent), so there is nothing to find' },
    });
    expect(compareToReference(study.db, { recording: 'D01-S01', trainee: 'C05', reference: 'C04', checkMinus: 'present' }).markedAgreement).toEqual({
      count: 0,
      of: 1,
      share: 0,
    });
  });

  it('lists a check-minus where the other coding has nothing, counted absent, as not counted: neither a disagreement nor another clarity', () => {
    const study = setup();
    importMarks(study.db, 'D01-S01', 'C04', [{ code: 'W2', clarity: 'check-minus', timeMs: 250_000 }], ACTOR);
    const result = compareToReference(study.db, { recording: 'D01-S01', trainee: 'C04', reference: 'C03', checkMinus: 'absent' });
    expect(result.checkMinusNotCounted.map((c) => `${c.segmentIndex}:${c.code} ${c.trainee}/${c.reference}`)).toEqual([
      '0:W1 none/check-minus',
      '4:W2 check-minus/none',
    ]);
    expect(result.clarityDifferences).toEqual([]);
    expect(result.disagreements.map((c) => `${c.segmentIndex}:${c.code}`)).toEqual(['2:W1', '3:R4']);
  });

  it("gives per-code agreement and Cohen's kappa over the segments, and says why kappa is undefined", () => {
    const byCode = Object.fromEntries(train(setup()).perCode.map((c) => [c.code, c]));
    // W1: trainee in segments 1 and 3, reference in 1: po = 4/5, pe = 2/5·1/5 + 3/5·4/5 = 14/25, κ = 6/11.
    expect(byCode['W1']).toMatchObject({ trainee: 2, reference: 1, agreed: 4, segments: 5, percentAgreement: 0.8 });
    expect(byCode['W1']!.cohenKappa).toBeCloseTo(6 / 11, 12);
    expect(byCode['C2']).toMatchObject({ trainee: 0, reference: 1, agreed: 4, cohenKappa: 0 });
    expect(byCode['R4']).toMatchObject({ trainee: 1, reference: 1, agreed: 5, cohenKappa: 1 });
    expect(byCode['W2']).toMatchObject({ trainee: 0, reference: 0, agreed: 5, percentAgreement: 1, cohenKappa: null });
    expect(byCode['W2']!.reason).toEqual({
      kind: 'not-defined',
      why: 'neither coding has this code in any of the 5 segments, so agreement by chance alone is already 100 % and kappa divides by zero',
    });
  });

  it('l. 172–173 (beginners over-code): beside the reference’s cells found, the share of the trainee’s cells the reference confirms', () => {
    // The trainee has W1 in segments 1 and 3 and R4 in 4; the reference confirms W1 in 1 and R4 in 4.
    expect(train(setup()).traineeConfirmed).toEqual({ count: 2, of: 3, share: 2 / 3 });
    expect(train(setup(), 'absent').traineeConfirmed).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(train(setup()).perSegment.map((s) => s.traineeConfirmed.share)).toEqual([1, null, 0, 1, null]);
    expect(train(setup()).perSegment[1]!.traineeConfirmed).toMatchObject({
      reason: { kind: 'not-defined', why: 'the trainee marked nothing in this segment, so nothing is over-coded' },
    });
  });

  it('a per-code kappa over fewer than 10 segments says it is based on few; over 10 or more it does not', () => {
    const few = Object.fromEntries(train(setup()).perCode.map((c) => [c.code, c]));
    expect(few['W1']!.caution).toBe('based on only 5 segments: one segment more or less moves it a lot, so read it as a rough guide');
    expect(few['W2']!.caution).toBeUndefined(); // not defined at all: its reason says why
    const study = setup();
    addFakeRecording(study, 'D01-S02', 10 * 60_000);
    importMarks(study.db, 'D01-S02', 'GOLD', [{ code: 'W1', clarity: 'check', timeMs: 10_000 }], ACTOR);
    importMarks(
      study.db,
      'D01-S02',
      'C03',
      [
        { code: 'W1', clarity: 'check', timeMs: 20_000 },
        { code: 'W1', clarity: 'check', timeMs: 130_000 },
      ],
      ACTOR,
    );
    const ten = compareToReference(study.db, { recording: 'D01-S02', trainee: 'C03', reference: 'GOLD' }).perCode.find((c) => c.code === 'W1')!;
    expect(ten).toMatchObject({ segments: 10 });
    expect(ten.cohenKappa).not.toBeNull();
    expect(ten.caution).toBeUndefined();
  });

  it('lists the rating items rated differently or by only one of the two', () => {
    expect(train(setup()).ratingDifferences).toEqual([
      { item: 'W1', trainee: null, reference: 2 },
      { item: 'overall_resolution', trainee: 3, reference: 4 },
    ]);
  });

  it('needs two different coders who have both coded the recording', () => {
    const study = setup();
    expect(() => compareToReference(study.db, { recording: 'D01-S01', trainee: 'GOLD', reference: 'GOLD' })).toThrow(
      'Choose two different coders to compare (both are GOLD).',
    );
    expect(() => compareToReference(study.db, { recording: 'D01-S01', trainee: 'C04', reference: 'GOLD' })).toThrow(
      'C04 has not coded D01-S01 yet, so there is nothing to compare. Choose a coder who has.',
    );
    expect(() => compareToReference(study.db, { recording: 'D01-S01', trainee: 'C09', reference: 'GOLD' })).toThrow(/No coder "C09"/);
  });
});
