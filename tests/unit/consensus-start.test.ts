import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/audit-log.ts';
import {
  addMark,
  completeCoding,
  getCodingState,
  getRatings,
  getSegmentNotes,
  importMarks,
  importRatings,
  codingView,
  listMarks,
  markSegmentWatched,
  setSegmentNote,
  undo,
  watchedSegments,
} from '../../electron/core/coding/index.ts';
import { codingKindOf, consensusCoderCodes, consensusCodings, startConsensus } from '../../electron/core/consensus/index.ts';
import { resolveCoding } from '../../electron/core/coding/coding-ref.ts';
import { findCoder } from '../../electron/core/store/coders.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { rateTheRest } from '../helpers/ratings.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { caught } from '../helpers/errors.ts';

const tempDir = useTempDir();

/** C01 and C02 have coded D01-S01; L01 is the lead. C01's coding has a deleted mark, ratings and a segment note. */
function setup(): Study {
  const study = makeStudy(tempDir(), 60);
  addFakeRecording(study, 'D01-S01', 5 * 60_000);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  addTestCoder(study, 'L01', 'lead');
  importMarks(
    study.db,
    'D01-S01',
    'C01',
    [
      { code: 'W1', clarity: 'check', timeMs: 10_000, note: 'long silence' },
      { code: 'C2', clarity: 'check-minus', timeMs: 70_000 },
    ],
    ACTOR,
  );
  addMark(study.db, 'D01-S01', 'C01', { code: 'R1', clarity: 'check', timeMs: 90_000 }, 'C01');
  undo(study.db, 'D01-S01', 'C01', 'C01');
  importRatings(
    study.db,
    'D01-S01',
    'C01',
    [
      { item: 'W1', value: 3 },
      { item: 'overall_resolution', value: 2 },
    ],
    ACTOR,
  );
  setSegmentNote(study.db, 'D01-S01', 'C01', 1, 'rupture builds here', ACTOR);
  importMarks(study.db, 'D01-S01', 'C02', [{ code: 'W2', clarity: 'check', timeMs: 15_000 }], ACTOR);
  return study;
}

const fields = (marks: { code: string; clarity: string; timeMs: number; note: string }[]) =>
  marks.map(({ code, clarity, timeMs, note }) => ({ code, clarity, timeMs, note }));

function auditOf(study: Study, action: string) {
  return study.db.prepare('SELECT actor, entity, entity_id, before, after FROM audit_log WHERE action = ?').all(action) as {
    actor: string;
    entity: string;
    entity_id: string;
    before: string | null;
    after: string;
  }[];
}

describe('a lead starts a consensus coding from one coder’s coding', () => {
  it('creates the CONSENSUS coder and copies the live marks, the ratings and the segment notes', () => {
    const study = setup();
    const result = startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    expect(result).toEqual({ recording: 'D01-S01', from: 'C01', coder: 'CONSENSUS', coderCreated: true, marks: 2, ratings: 2, notes: 1 });
    expect(findCoder(study.db, 'CONSENSUS')).toMatchObject({ name: 'Consensus', role: 'coder' });
    expect(fields(listMarks(study.db, 'D01-S01', 'CONSENSUS'))).toEqual(fields(listMarks(study.db, 'D01-S01', 'C01')));
    expect(getRatings(study.db, 'D01-S01', 'CONSENSUS')).toEqual({ W1: 3, overall_resolution: 2 });
    expect(getSegmentNotes(study.db, 'D01-S01', 'CONSENSUS')).toEqual({ 1: 'rupture builds here' });
    expect(getCodingState(study.db, 'D01-S01', 'CONSENSUS')).toBe('in-progress');
    // The source coding is untouched.
    expect(listMarks(study.db, 'D01-S01', 'C01')).toHaveLength(2);
  });

  it('is audited as one consensus.start entry naming where it came from and where it went', () => {
    const study = setup();
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    const [entry, ...more] = auditOf(study, 'consensus.start');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor: 'L01', entity: 'coding', entity_id: 'D01-S01/CONSENSUS', before: null });
    const after = JSON.parse(entry!.after) as { from: string; to: string; marks: unknown[]; ratings: object; notes: object };
    expect(after).toMatchObject({
      from: 'D01-S01/C01',
      fromState: 'in-progress',
      to: 'D01-S01/CONSENSUS',
      ratings: { W1: 3, overall_resolution: 2 },
      notes: { 1: 'rupture builds here' },
    });
    expect(after.marks).toHaveLength(2);
    expect(verifyAuditChain(study.db).ok).toBe(true);
  });

  it('the lead then edits the consensus with the ordinary functions; undo never takes the copy apart', () => {
    const study = setup();
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    addMark(study.db, 'D01-S01', 'CONSENSUS', { code: 'W2', clarity: 'check', timeMs: 15_000 }, 'L01');
    expect(listMarks(study.db, 'D01-S01', 'CONSENSUS').map((m) => m.code)).toEqual(['W1', 'W2', 'C2']);
    undo(study.db, 'D01-S01', 'CONSENSUS', 'L01');
    expect(listMarks(study.db, 'D01-S01', 'CONSENSUS').map((m) => m.code)).toEqual(['W1', 'C2']);
    expect(caught(() => undo(study.db, 'D01-S01', 'CONSENSUS', 'L01')).code).toBe('NOTHING_TO_UNDO');
  });

  it('uses an existing consensus coder, or the code the lead chooses', () => {
    const study = setup();
    const first = startConsensus(study.db, 'D01-S01', 'C02', { actor: 'L01', consensusCode: 'AGREED' });
    expect(first).toMatchObject({ coder: 'AGREED', coderCreated: true, marks: 1 });
    addFakeRecording(study, 'D01-S02', 60_000);
    importMarks(study.db, 'D01-S02', 'C02', [{ code: 'W3', clarity: 'check', timeMs: 1_000 }], ACTOR);
    expect(startConsensus(study.db, 'D01-S02', 'C02', { actor: 'L01', consensusCode: 'AGREED' })).toMatchObject({ coderCreated: false, marks: 1 });
  });

  it('can start from a completed coding', () => {
    const study = setup();
    rateTheRest(study.db, 'D01-S01', 'C01');
    completeCoding(study.db, 'D01-S01', 'C01', 'C01');
    expect(startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' }).marks).toBe(2);
  });

  it('its coding is a consensus coding by its kind, set with the copy; the source and every other coding stay their coders’ own', () => {
    const study = setup();
    const kind = (coder: string) => codingKindOf(study.db, resolveCoding(study.db, 'D01-S01', coder));
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    expect(['CONSENSUS', 'C01', 'C02', 'L01'].map(kind)).toEqual(['consensus', 'own', 'own', 'own']);
    expect(consensusCodings(study.db)).toEqual([{ recording: 'D01-S01', coder: 'CONSENSUS' }]);
    expect([...consensusCoderCodes(study.db)]).toEqual(['CONSENSUS']);
  });

  it('a refused start leaves no consensus kind behind', () => {
    const study = setup();
    addTestCoder(study, 'C03');
    caught(() => startConsensus(study.db, 'D01-S01', 'C03', { actor: 'L01' }));
    expect(consensusCodings(study.db)).toEqual([]);
  });
});

describe('what starting a consensus refuses', () => {
  it('who may start one is not its question: the caller authorizes (a lead, in the app), the audit names the actor given', () => {
    const study = setup();
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'cli:someone as L01' });
    expect(auditOf(study, 'consensus.start').map((e) => e.actor)).toEqual(['cli:someone as L01']);
  });

  it('a consensus coding that already has work in it: CONFLICT, and it is left as it is', () => {
    const study = setup();
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    const err = caught(() => startConsensus(study.db, 'D01-S01', 'C02', { actor: 'L01' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe(
      'The consensus coding D01-S01/CONSENSUS has already been started, so nothing was copied into it. Go on editing it, or use another consensus code.',
    );
    expect(listMarks(study.db, 'D01-S01', 'CONSENSUS').map((m) => m.code)).toEqual(['W1', 'C2']);
    expect(auditOf(study, 'consensus.start')).toHaveLength(1);
  });

  it('a person’s code as the consensus code: INVALID_INPUT, and that coder stays a person who can code', () => {
    const study = setup();
    addTestCoder(study, 'C03');
    const err = caught(() => startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01', consensusCode: 'C03' }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe(
      'C03 is a coder of this study, not a consensus coder, so their code cannot hold a consensus. Choose a code no coder has, e.g. CONSENSUS.',
    );
    expect(consensusCoderCodes(study.db).has('C03')).toBe(false);
    expect(listMarks(study.db, 'D01-S01', 'C03')).toEqual([]);
  });

  it('a source coding that was never started, or the consensus coder itself', () => {
    const study = setup();
    addTestCoder(study, 'C03');
    expect(caught(() => startConsensus(study.db, 'D01-S01', 'C03', { actor: 'L01' })).message).toBe(
      'C03 has not coded D01-S01, so there is nothing to start from. Choose a coder who has.',
    );
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    expect(caught(() => startConsensus(study.db, 'D01-S01', 'CONSENSUS', { actor: 'L01' })).code).toBe('INVALID_INPUT');
    // Nor a consensus of a consensus, under another code.
    expect(caught(() => startConsensus(study.db, 'D01-S01', 'CONSENSUS', { actor: 'L01', consensusCode: 'AGREED' })).message).toMatch(
      /^D01-S01\/CONSENSUS is a consensus coding itself/,
    );
    expect(findCoder(study.db, 'AGREED')).toBeUndefined();
  });

  it('takes over the segments the source’s coder watched, so its copied ratings raise no “rated before watched” warning', () => {
    const study = setup();
    for (const segment of [0, 1, 2, 3, 4]) markSegmentWatched(study.db, 'D01-S01', 'C01', segment, 'C01');
    startConsensus(study.db, 'D01-S01', 'C01', { actor: 'L01' });
    expect(watchedSegments(study.db, 'D01-S01', 'CONSENSUS')).toEqual([0, 1, 2, 3, 4]);
    expect(codingView(study.db, 'D01-S01', 'CONSENSUS').scoresheet.warnings.map((w) => w.rule)).not.toContain('rated-before-watched');
  });
});
