import type { Migration } from './types.ts';

/**
 * Version 9: each coder's count of live marks is kept in `live_marks`, up to date by triggers on `events`, so the
 * study's facts (the home's "Marks", whether the segment length is locked) are read in one row instead of counting
 * every mark of the study, which a lab's study holds by the hundred thousand. Filled from the marks there are.
 */
export const migration009: Migration = {
  version: 9,
  name: 'marks: live counts per coder',
  sql: `
    CREATE TABLE live_marks (
      coder_id INTEGER PRIMARY KEY,
      n INTEGER NOT NULL CHECK (n >= 0)
    );
    INSERT INTO live_marks (coder_id, n) SELECT coder_id, count(*) FROM events WHERE deleted = 0 GROUP BY coder_id;

    CREATE TRIGGER live_marks_on_insert AFTER INSERT ON events WHEN NEW.deleted = 0
    BEGIN
      INSERT INTO live_marks (coder_id, n) VALUES (NEW.coder_id, 1) ON CONFLICT (coder_id) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER live_marks_on_delete AFTER DELETE ON events WHEN OLD.deleted = 0
    BEGIN
      UPDATE live_marks SET n = n - 1 WHERE coder_id = OLD.coder_id;
    END;
    CREATE TRIGGER live_marks_on_update AFTER UPDATE OF deleted, coder_id ON events
    BEGIN
      UPDATE live_marks SET n = n - 1 WHERE coder_id = OLD.coder_id AND OLD.deleted = 0;
      INSERT INTO live_marks (coder_id, n) SELECT NEW.coder_id, 1 WHERE NEW.deleted = 0
        ON CONFLICT (coder_id) DO UPDATE SET n = n + 1;
    END;
  `,
};
