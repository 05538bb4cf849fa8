// A consensus coding: after comparing two codings, a lead builds the agreed version as a coding of its own
// (coder CONSENSUS by default), starting from a copy of one coder's marks, ratings, segment notes and
// watched segments, and then edits it with the ordinary marks and ratings functions.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { getRatings, getSegmentNotes, listMarks, watchedSegments } from '../coding/index.ts';
import { codingLabel, resolveCoding } from '../coding/coding-ref.ts';
import { recordCodingUse } from '../coding/sign-off.ts';
import { codingStateOf, editCoding } from '../coding/status.ts';
import { AppError } from '../errors.ts';
import { addCoder, findCoder } from '../store/coders.ts';
import { consensusCoderCodes, markConsensus } from './consensus-codings.ts';

export const DEFAULT_CONSENSUS_CODE = 'CONSENSUS';

/**
 * The audit action startConsensus writes for the coding it begins: the record that a coding is a consensus
 * coding, from which the replay rebuilds its kind (the kind itself is the status row's column).
 */
export const CONSENSUS_START = 'consensus.start';

export interface ConsensusOptions {
  /** The consensus coder's code; made (role coder, name "Consensus") if the study has none. Default CONSENSUS. */
  consensusCode?: string;
  /** Who the audit names: the lead starting it. Whether they may is the caller's to decide (api/authorization.ts). */
  actor: string;
}

export interface ConsensusStart {
  recording: string;
  from: string;
  coder: string;
  /** Whether the consensus coder was added to the study by this call. */
  coderCreated: boolean;
  marks: number;
  ratings: number;
  notes: number;
}

const COPY_MARKS = `INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, note, created_at, updated_at)
  SELECT recording_id, @to, code, clarity, time_ms, note, @at, @at FROM events
  WHERE recording_id = @r AND coder_id = @from AND deleted = 0 ORDER BY time_ms, id`;
const COPY_RATINGS = `INSERT INTO ratings (recording_id, coder_id, item, value, updated_at)
  SELECT recording_id, @to, item, value, @at FROM ratings WHERE recording_id = @r AND coder_id = @from`;
const COPY_NOTES = `INSERT INTO segment_notes (recording_id, coder_id, segment_index, note, updated_at)
  SELECT recording_id, @to, segment_index, note, @at FROM segment_notes WHERE recording_id = @r AND coder_id = @from`;
// The segments the source's coder watched were watched for the copied marks and ratings too; without them
// the consensus would warn that its ratings came before the session was watched.
const COPY_WATCHED = `INSERT INTO watched_segments (recording_id, coder_id, segment_index, watched_at)
  SELECT recording_id, @to, segment_index, @at FROM watched_segments WHERE recording_id = @r AND coder_id = @from`;

/**
 * Copies `fromCoder`'s coding of `recording` into the consensus coding, all in one transaction with one
 * audit entry. The copied marks have no undo steps: ctrl+Z in the consensus undoes the lead's own edits,
 * never the copy itself.
 */
export function startConsensus(db: Database, recording: string, fromCoder: string, options: ConsensusOptions): ConsensusStart {
  const consensusCode = options.consensusCode ?? DEFAULT_CONSENSUS_CODE;
  const { actor } = options;
  return db.transaction(() => {
    const source = resolveCoding(db, recording, fromCoder);
    if (source.coder.code === consensusCode) {
      throw new AppError('INVALID_INPUT', `${consensusCode} is the consensus coder itself. Start the consensus from one of the coders' codings.`);
    }
    const sourceState = codingStateOf(db, source);
    if (sourceState === 'not-started') {
      throw new AppError(
        'INVALID_INPUT',
        `${source.coder.code} has not coded ${source.recording.code}, so there is nothing to start from. Choose a coder who has.`,
      );
    }
    if (consensusCoderCodes(db).has(source.coder.code)) {
      throw new AppError(
        'INVALID_INPUT',
        `${codingLabel(source)} is a consensus coding itself. Start a consensus from one of the coders’ own codings, or go on editing ${source.coder.code}.`,
      );
    }
    const coderCreated = findCoder(db, consensusCode) === undefined;
    // An existing coder becomes a consensus coder only once: a person's code would take their coding from them.
    if (!coderCreated && !consensusCoderCodes(db).has(consensusCode)) {
      throw new AppError(
        'INVALID_INPUT',
        `${consensusCode} is a coder of this study, not a consensus coder, so their code cannot hold a consensus. Choose a code no coder has, e.g. ${consensusCode === DEFAULT_CONSENSUS_CODE ? 'AGREED' : DEFAULT_CONSENSUS_CODE}.`,
      );
    }
    if (coderCreated) addCoder(db, { code: consensusCode, name: 'Consensus', role: 'coder' }, actor);
    // The consensus rests on the source as it is now: its coder no longer reopens it alone.
    recordCodingUse(db, [{ recording: source.recording.code, coder: source.coder.code }], 'consensus', actor);
    const target = resolveCoding(db, recording, consensusCode);
    if (codingStateOf(db, target) !== 'not-started') {
      throw new AppError(
        'CONFLICT',
        `The consensus coding ${codingLabel(target)} has already been started, so nothing was copied into it. Go on editing it, or use another consensus code.`,
      );
    }
    return editCoding(db, target.recording.code, target.coder.code, (ref, at) => {
      const ids = { r: ref.recording.id, from: source.coder.id, to: ref.coder.id, at };
      for (const sql of [COPY_MARKS, COPY_RATINGS, COPY_NOTES, COPY_WATCHED]) db.prepare(sql).run(ids);
      markConsensus(db, ref);
      const marks = listMarks(db, ref.recording.code, ref.coder.code);
      const ratings = getRatings(db, ref.recording.code, ref.coder.code);
      const notes = getSegmentNotes(db, ref.recording.code, ref.coder.code);
      // Everything the copy wrote, so a replay of the log rebuilds the consensus coding (audit/replay.ts).
      const watched = watchedSegments(db, ref.recording.code, ref.coder.code);
      appendAudit(
        db,
        // The source's state says whether the consensus began from a signed-off coding or one still in progress.
        {
          actor,
          action: CONSENSUS_START,
          entity: 'coding',
          entityId: codingLabel(ref),
          before: null,
          after: { from: codingLabel(source), fromState: sourceState, to: codingLabel(ref), marks, ratings, notes, watched },
        },
        at,
      );
      return {
        recording: ref.recording.code,
        from: source.coder.code,
        coder: ref.coder.code,
        coderCreated,
        marks: marks.length,
        ratings: Object.keys(ratings).length,
        notes: Object.keys(notes).length,
      };
    });
  })();
}
