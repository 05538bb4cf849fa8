import type { Migration } from './types.ts';

/**
 * Version 7: the lab across workstations.
 * - `study.uid`: a random id that names the study in every packet (a trigger gives new studies theirs).
 * - `identity`: the person who uses this study file, with their private keys (age X25519 for receiving,
 *   Ed25519 for signing); kept here, they are encrypted by the study's passphrase and never lie on disk in clear.
 * - `coders.card`: the identity card a lead registered for a coder; `retired` on coders and recordings hides them
 *   from lists while their codings stay.
 * - `events.uid`: a mark's id across workstations, so a packet says which mark changed, not only what is there.
 * - `lab_link` (a coder's workstation): the lab study it codes for and the lead's keys, trusted at the first
 *   assignment. `lab_packets`: every packet made or taken in, with its sequence and hash (replays are refused).
 *   `lab_assignments`: who codes which recording. `lab_sync`: the state of each coding at its last exchange, so a
 *   change made since on this side is found before a packet overwrites it.
 */
export const migration007: Migration = {
  version: 7,
  name: 'lab: identity, coder cards, packets, retired codes',
  sql: `
    ALTER TABLE study ADD COLUMN uid TEXT;
    UPDATE study SET uid = lower(hex(randomblob(16)));
    CREATE TRIGGER study_uid_on_create AFTER INSERT ON study WHEN NEW.uid IS NULL
      BEGIN UPDATE study SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

    CREATE TABLE identity (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      age_identity TEXT NOT NULL,
      recipient TEXT NOT NULL,
      signing_private BLOB NOT NULL,
      signing_public TEXT NOT NULL,
      created_at TEXT NOT NULL
    );

    ALTER TABLE coders ADD COLUMN card TEXT;
    ALTER TABLE coders ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
    ALTER TABLE recordings ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));

    ALTER TABLE events ADD COLUMN uid TEXT;
    UPDATE events SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX events_by_uid ON events (uid);
    CREATE TRIGGER events_uid_on_insert AFTER INSERT ON events WHEN NEW.uid IS NULL
      BEGIN UPDATE events SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

    CREATE TABLE lab_link (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      study_uid TEXT NOT NULL,
      lead_code TEXT NOT NULL,
      lead_recipient TEXT NOT NULL,
      lead_signing_key TEXT NOT NULL,
      linked_at TEXT NOT NULL
    );

    CREATE TABLE lab_packets (
      id INTEGER PRIMARY KEY,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      kind TEXT NOT NULL CHECK (kind IN ('assign', 'return')),
      study_uid TEXT NOT NULL,
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      sequence INTEGER NOT NULL CHECK (sequence > 0),
      answers_to INTEGER NOT NULL CHECK (answers_to >= 0),
      sha256 TEXT NOT NULL,
      signer TEXT NOT NULL,
      anchor_seq INTEGER,
      anchor_hash TEXT,
      at TEXT NOT NULL,
      UNIQUE (direction, study_uid, coder_id, sequence)
    );

    CREATE TABLE lab_assignments (
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      assigned_at TEXT NOT NULL,
      PRIMARY KEY (recording_id, coder_id)
    );

    CREATE TABLE lab_sync (
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      digest TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (recording_id, coder_id)
    );
  `,
};
