// A study whose audit log holds every kind of change the replay rebuilds: marks added, changed, deleted,
// undone, redone and imported; ratings set, cleared and imported; segment notes; watched segments; a
// completed and a reopened coding; a consensus; a lead; the blind-coding setting turned off and on.
import {
  addMark,
  changeMark,
  completeCoding,
  deleteMark,
  importMarks,
  importRatings,
  markSegmentWatched,
  redo,
  reopenCoding,
  setRating,
  setSegmentNote,
  undo,
  clearRating,
} from '../../electron/core/coding/index.ts';
import { startConsensus } from '../../electron/core/consensus/start-consensus.ts';
import { ratingItemIds, getScheme } from '../../electron/core/scheme/index.ts';
import { getSettings, setBlindCoding } from '../../electron/core/store/settings.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { addFakeRecording, addTestCoder, makeStudy } from './study.ts';

export const REC = 'D01-S01';

/** Every rating item at 1, so a coding may be completed whatever the sign-off asks for. */
function rateAll(study: Study, coder: string): void {
  const items = ratingItemIds(getScheme(getSettings(study.db).schemeId));
  importRatings(
    study.db,
    REC,
    coder,
    items.map((item) => ({ item, value: 1 })),
    coder,
  );
}

export function studyWithHistory(dir: string): { study: Study; markId: number } {
  const study = makeStudy(dir);
  addTestCoder(study, 'C01');
  addTestCoder(study, 'C02');
  addTestCoder(study, 'L01', 'lead');
  addFakeRecording(study, REC, 900_000);
  const { db } = study;

  const first = addMark(db, REC, 'C01', { code: 'W2', clarity: 'check', timeMs: 12_500 }, 'C01');
  const second = addMark(db, REC, 'C01', { code: 'C3', clarity: 'check-minus', timeMs: 320_000, note: 'said twice' }, 'C01');
  changeMark(db, second.id, { timeMs: 330_000 }, 'C01');
  const third = addMark(db, REC, 'C01', { code: 'R4', clarity: 'check', timeMs: 400_000 }, 'C01');
  deleteMark(db, third.id, 'C01');
  undo(db, REC, 'C01', 'C01'); // brings the third back
  undo(db, REC, 'C01', 'C01'); // removes it again (undoes its add)
  redo(db, REC, 'C01', 'C01');
  importMarks(
    db,
    REC,
    'C02',
    [
      { code: 'W1', clarity: 'check', timeMs: 5_000 },
      { code: 'R1', clarity: 'check', timeMs: 20_000 },
    ],
    'C02',
  );
  setRating(db, REC, 'C01', 'W1', 3, 'C01');
  clearRating(db, REC, 'C01', 'W1', 'C01');
  setSegmentNote(db, REC, 'C01', 1, 'a long pause', 'C01');
  setSegmentNote(db, REC, 'C01', 2, 'to clear', 'C01');
  setSegmentNote(db, REC, 'C01', 2, '', 'C01');
  for (const index of [0, 1, 2]) markSegmentWatched(db, REC, 'C01', index, 'C01');
  markSegmentWatched(db, REC, 'C02', 0, 'C02');
  rateAll(study, 'C01');
  setRating(db, REC, 'C01', 'W2', 4, 'C01');
  completeCoding(db, REC, 'C01', 'C01');
  reopenCoding(db, REC, 'C01', 'L01');
  completeCoding(db, REC, 'C01', 'C01');
  rateAll(study, 'C02');
  completeCoding(db, REC, 'C02', 'C02');
  startConsensus(db, REC, 'C01', { actor: 'L01' });
  setBlindCoding(db, false, 'L01');
  setBlindCoding(db, true, 'L01');
  return { study, markId: first.id };
}

/** A change to a study with a history, made with the passphrase straight in SQL, with no audit entry; `named` is how the replay names it. */
export interface UnauditedEdit {
  what: string;
  sql: (markId: number) => string;
  named: RegExp;
}

const C01 = "(SELECT id FROM coders WHERE code = 'C01')";

/** Unaudited edits of what studyWithHistory holds: C01's first mark (W2 at 00:12.500), rating and note, a role, the blind flag. */
export const UNAUDITED_EDITS: readonly UnauditedEdit[] = [
  {
    what: "a mark's code",
    sql: (id) => `UPDATE events SET code = 'W3' WHERE id = ${id}`,
    named: /mark \d+ of C01 on D01-S01: the table says W3 at 00:12\.500, the audit log says W2/,
  },
  {
    what: "a mark's time",
    sql: (id) => `UPDATE events SET time_ms = 61000 WHERE id = ${id}`,
    named: /mark \d+ of C01 on D01-S01: the table says W2 at 01:01, the audit log says at 00:12\.500/,
  },
  {
    what: 'a mark deleted',
    sql: (id) => `UPDATE events SET deleted = 1 WHERE id = ${id}`,
    named: /mark \d+ of C01 on D01-S01: the table says W2 at 00:12\.500, deleted, the audit log says not deleted/,
  },
  {
    what: 'a rating',
    sql: () => `UPDATE ratings SET value = 5 WHERE item = 'W2' AND coder_id = ${C01}`,
    named: /rating W2 of C01 on D01-S01: the table says 5, the audit log says 4/,
  },
  {
    what: "a coder's role",
    sql: () => "UPDATE coders SET role = 'lead' WHERE code = 'C02'",
    named: /coder C02: the table says role lead, the audit log says role coder/,
  },
  {
    what: 'the blind flag',
    sql: () => 'UPDATE study SET blind_coding = 0',
    named: /setting blind coding: the table says off, the audit log says on/,
  },
  {
    what: 'a segment note',
    sql: () => `UPDATE segment_notes SET note = 'rewritten' WHERE segment_index = 1 AND coder_id = ${C01}`,
    named: /the note on segment 2 of C01 on D01-S01: the table's text differs from the audit log's/,
  },
];
