// A lab's study for the home-screen benchmark: `recordings` sessions, each coded by four coders at every stage
// (signed off, half watched, not begun), with about 40 marks and the ratings per begun coding. Written through
// the core's own imports, in one transaction, then closed so the app opens it as a person would.
import { join } from 'node:path';
import { importMarks, importRatings, type NewMark } from '../electron/core/coding/index.ts';
import { getScheme, ratingItemIds } from '../electron/core/scheme/index.ts';
import { addCoder } from '../electron/core/store/coders.ts';
import { closeStudy, createStudy } from '../electron/core/store/study-file.ts';
import { insertBenchRecording, random } from './generated-study.ts';

/** The lead who opens the study: a lead's home shows every coder's coding of every recording. */
export const HOME_LEAD = 'L01';
export const HOME_CODERS = [HOME_LEAD, 'C02', 'C03', 'C04'] as const;
export const HOME_PASSPHRASE = 'benchmark passphrase';
const MARKS_PER_CODING = 40;
const DURATION_MS = 50 * 60_000;
const SEGMENTS = 10;

/** Writes the study to `dir`/`name` and returns its path. */
export function writeHomeStudy(dir: string, name: string, recordings: number): string {
  const path = join(dir, name);
  const study = createStudy(path, HOME_PASSPHRASE, { actor: 'bench', segmentSeconds: DURATION_MS / SEGMENTS / 1000 });
  const scheme = getScheme('3rs-2015');
  const codes = scheme.codes.map((c) => c.id);
  const items = ratingItemIds(scheme);
  const next = random(0x40e);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const { db } = study;
  const watch = db.prepare(
    `INSERT INTO watched_segments (recording_id, coder_id, segment_index, watched_at)
     SELECT r.id, c.id, ?, '2026-01-01T00:00:00.000Z' FROM recordings r, coders c WHERE r.code = ? AND c.code = ?`,
  );
  const signOff = db.prepare(
    `UPDATE coding_status SET state = 'complete'
     WHERE recording_id = (SELECT id FROM recordings WHERE code = ?) AND coder_id = (SELECT id FROM coders WHERE code = ?)`,
  );
  try {
    db.transaction(() => {
      HOME_CODERS.forEach((code, i) => addCoder(db, { code, name: `Bench ${code}`, role: i === 0 ? 'lead' : 'coder' }, 'bench'));
      for (let r = 0; r < recordings; r++) {
        const recording = `D${String(r + 1).padStart(4, '0')}-S01`;
        insertBenchRecording(db, recording, `f${r.toString(16).padStart(63, '0')}`, DURATION_MS);
        for (const coder of HOME_CODERS) {
          // Half the codings signed off, a third under way, the rest not begun: the home has every state to show.
          const stage = next();
          if (stage >= 0.83) continue;
          const watched = stage < 0.5 ? SEGMENTS : 1 + Math.floor(next() * (SEGMENTS - 1));
          const marks: NewMark[] = Array.from({ length: MARKS_PER_CODING }, () => ({
            code: pick(codes),
            clarity: next() < 0.8 ? 'check' : 'check-minus',
            timeMs: Math.floor(next() * DURATION_MS),
          }));
          importMarks(db, recording, coder, marks, 'bench');
          for (let s = 0; s < watched; s++) watch.run(s, recording, coder);
          if (stage < 0.5) {
            importRatings(
              db,
              recording,
              coder,
              items.map((item) => ({ item, value: 1 + Math.floor(next() * 5) })),
              'bench',
            );
            // Straight into the status table: the benchmark times the home, not the sign-off.
            signOff.run(recording, coder);
          }
        }
      }
    })();
  } finally {
    closeStudy(study);
  }
  return path;
}
