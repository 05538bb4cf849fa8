import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getRecording } from '../recordings/registry.ts';
import { getCodingState, type CodingState } from './status.ts';
import { statement } from '../store/statements.ts';

export interface CodingSummary {
  coder: string;
  state: CodingState;
  watchedSegments: number;
}

/** Every coder's coding of a recording that has begun, by coder code. */
export function codingsOf(db: Database, recording: string): CodingSummary[] {
  const rec = getRecording(db, recording);
  const rows = statement(
    db,
    `SELECT c.code AS coder,
            (SELECT count(*) FROM watched_segments w WHERE w.recording_id = s.recording_id AND w.coder_id = s.coder_id) AS watched
     FROM coding_status s JOIN coders c ON c.id = s.coder_id
     WHERE s.recording_id = ? ORDER BY c.code`,
  ).all(rec.id) as { coder: string; watched: number }[];
  return rows.map((r) => ({ coder: r.coder, state: getCodingState(db, recording, r.coder), watchedSegments: r.watched }));
}

/** One coder's coding of a recording, begun or not. */
export function codingOf(db: Database, recording: string, coder: string): CodingSummary {
  return codingsOf(db, recording).find((c) => c.coder === coder) ?? { coder, state: getCodingState(db, recording, coder), watchedSegments: 0 };
}
