import type { Migration } from './types.ts';

/** Version 1: the whole first schema. Times are ISO-8601 UTC text; media times are integer ms. */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
    CREATE TABLE study (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      scheme_id TEXT NOT NULL,
      segment_seconds INTEGER NOT NULL CHECK (segment_seconds > 0),
      created_at TEXT NOT NULL
    );

    CREATE TABLE coders (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('coder', 'lead')),
      created_at TEXT NOT NULL
    );

    CREATE TABLE recordings (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      dyad TEXT,
      session_number INTEGER,
      path TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL UNIQUE,
      duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
      container TEXT,
      video_codec TEXT,
      audio_codec TEXT,
      fps REAL,
      width INTEGER,
      height INTEGER,
      added_at TEXT NOT NULL
    );

    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      code TEXT NOT NULL,
      clarity TEXT NOT NULL CHECK (clarity IN ('check', 'check-minus')),
      time_ms INTEGER NOT NULL CHECK (time_ms >= 0),
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
    );
    CREATE INDEX events_by_coding ON events(recording_id, coder_id, deleted, time_ms);

    -- One row per mark edit, so undo and redo survive a restart and are new writes.
    CREATE TABLE edit_ops (
      id INTEGER PRIMARY KEY,
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      event_id INTEGER NOT NULL REFERENCES events(id),
      kind TEXT NOT NULL CHECK (kind IN ('add', 'change', 'delete')),
      before TEXT,
      after TEXT,
      state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped')),
      at TEXT NOT NULL
    );
    CREATE INDEX edit_ops_by_coding ON edit_ops(recording_id, coder_id, state, id);

    CREATE TABLE segment_notes (
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      segment_index INTEGER NOT NULL CHECK (segment_index >= 0),
      note TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (recording_id, coder_id, segment_index)
    );

    CREATE TABLE watched_segments (
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      segment_index INTEGER NOT NULL CHECK (segment_index >= 0),
      watched_at TEXT NOT NULL,
      PRIMARY KEY (recording_id, coder_id, segment_index)
    );

    CREATE TABLE ratings (
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      item TEXT NOT NULL,
      value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (recording_id, coder_id, item)
    );

    CREATE TABLE coding_status (
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      state TEXT NOT NULL CHECK (state IN ('in-progress', 'complete')),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (recording_id, coder_id)
    );

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT,
      before TEXT,
      after TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
};
