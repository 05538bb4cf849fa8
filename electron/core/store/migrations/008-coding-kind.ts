import type { Migration } from './types.ts';

/**
 * Version 8: a coding's kind is a column. `own` is a person's coding; `consensus` is the agreed coding a lead
 * began with startConsensus. Until now the kind was found by searching the audit log for consensus.start
 * entries; they name the coding by its codes at the time, and a later rename of its recording or coder moved
 * the coding to the new code, so each is followed through the renames after it. startConsensus always wrote
 * a status row for the coding it began, so the kind lands on that row.
 *
 * The audit index made for that search goes. The Security screen's list of actions (within the reader's own
 * entries) and the blind-coding history still look entries up by action, so a narrower index serves them.
 */
export const migration008: Migration = {
  version: 8,
  name: 'coding: kind (own or consensus) as data',
  sql: `
    ALTER TABLE coding_status ADD COLUMN kind TEXT NOT NULL DEFAULT 'own' CHECK (kind IN ('own', 'consensus'));

    -- A rename entry whose JSON does not parse (damage verify reports) is passed over, not allowed to stop the upgrade.
    WITH RECURSIVE renames (seq, action, old_code, new_code) AS (
      SELECT seq, action,
             CASE WHEN json_valid(before) THEN json_extract(before, '$.code') END,
             CASE WHEN json_valid(after) THEN json_extract(after, '$.code') END
        FROM audit_log WHERE action IN ('recording.rename', 'coder.rename')
    ),
    named (start, seq, recording, coder) AS (
      SELECT seq, seq, substr(entity_id, 1, instr(entity_id, '/') - 1), substr(entity_id, instr(entity_id, '/') + 1)
        FROM audit_log WHERE action = 'consensus.start' AND entity = 'coding' AND instr(entity_id, '/') > 1
      UNION ALL
      SELECT n.start, r.seq,
             CASE r.action WHEN 'recording.rename' THEN r.new_code ELSE n.recording END,
             CASE r.action WHEN 'coder.rename' THEN r.new_code ELSE n.coder END
        FROM named n JOIN renames r ON r.seq = (
          SELECT min(x.seq) FROM renames x
           WHERE x.seq > n.seq
             AND ((x.action = 'recording.rename' AND x.old_code = n.recording) OR (x.action = 'coder.rename' AND x.old_code = n.coder)))
    ),
    latest AS (SELECT recording, coder, max(seq) FROM named GROUP BY start)
    UPDATE coding_status SET kind = 'consensus'
     WHERE (recording_id, coder_id) IN (
       SELECT r.id, c.id FROM latest l JOIN recordings r ON r.code = l.recording JOIN coders c ON c.code = l.coder);

    CREATE INDEX coding_status_consensus ON coding_status (coder_id, recording_id) WHERE kind = 'consensus';

    DROP INDEX audit_log_by_action;
    CREATE INDEX audit_log_by_action_actor ON audit_log (action, actor);
  `,
};
