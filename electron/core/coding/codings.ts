import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getRecording } from '../recordings/registry.ts';
import { getCodingState, hasWorkSql, type CodingState } from './status.ts';
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

// The home lists every recording with its codings: one grouped query each, walking the status and watched
// tables by their primary keys (recording, coder), never a query per recording and never the marks themselves.

const EVERY_CODING_SQL = `SELECT s.recording_id AS recordingId, c.code AS coder, s.state AS state, count(w.segment_index) AS watched
  FROM coding_status s
  JOIN coders c ON c.id = s.coder_id
  LEFT JOIN watched_segments w ON w.recording_id = s.recording_id AND w.coder_id = s.coder_id
  GROUP BY s.recording_id, s.coder_id
  ORDER BY s.recording_id, c.code`;

const OWN_CODING_SQL = `SELECT r.id AS recordingId,
    coalesce(s.state, CASE WHEN ${hasWorkSql('r.id', '@coder')} THEN 'in-progress' ELSE 'not-started' END) AS state,
    count(w.segment_index) AS watched
  FROM recordings r
  LEFT JOIN coding_status s ON s.recording_id = r.id AND s.coder_id = @coder
  LEFT JOIN watched_segments w ON w.recording_id = r.id AND w.coder_id = @coder
  GROUP BY r.id`;

interface CodingRow {
  recordingId: number;
  state: CodingState;
  watched: number;
}

/** Every coding that has begun (it has a status row), by recording id, each recording's by coder code. */
export function everyCoding(db: Database): Map<number, CodingSummary[]> {
  const byRecording = new Map<number, CodingSummary[]>();
  for (const row of statement(db, EVERY_CODING_SQL).all() as (CodingRow & { coder: string })[]) {
    const codings = byRecording.get(row.recordingId) ?? [];
    if (codings.length === 0) byRecording.set(row.recordingId, codings);
    codings.push({ coder: row.coder, state: row.state, watchedSegments: row.watched });
  }
  return byRecording;
}

/** One coder's coding of every recording, begun or not, by recording id. */
export function ownCodings(db: Database, coder: { id: number; code: string }): Map<number, CodingSummary> {
  const rows = statement(db, OWN_CODING_SQL).all({ coder: coder.id }) as CodingRow[];
  return new Map(rows.map((r) => [r.recordingId, { coder: coder.code, state: r.state, watchedSegments: r.watched }]));
}
