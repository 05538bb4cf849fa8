// Rebuilds a study's codings, coders and settings from its audit entries alone. Pure: entries in, state out;
// replay-check.ts compares the state with the tables, so a row changed without its entry is found.
//
// Adding an audited action to the replay (do it in the same change that adds the action):
// 1. Record in the entry everything the change wrote that the replay rebuilds, as full row state (e.g. the
//    whole mark, not only the field that changed), with entity and entityId naming what it touched.
// 2. Add a replayer for the action to REPLAYERS below: it reads the entry's before/after through a zod schema
//    and applies the change to the state. An action that changes nothing the replay rebuilds (a rekey, a
//    media step) is listed with `unchanged`.
// 3. If entries written by older versions of the action lack a field, replay them as far as they allow and
//    mark what they cannot tell as unknown (see `watchedKnown`), so no false difference is reported.
// 4. Add a case to tests/unit/audit-replay.test.ts: the action replays to the tables' state, and a direct
//    SQL change of the rows it writes is named by verify.
// An action missing from REPLAYERS is reported as "not replayable" with its position, and what its entity
// names (a coding, a coder, a recording, the settings; everything when it names none of them) is left out of
// the comparison rather than reported as changed without an entry.

import { z } from 'zod';

/** One audit entry as stored; before/after are the JSON texts the log holds. */
export interface ReplayEntry {
  seq: number;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

export interface ReplayedMark {
  id: number;
  recording: string;
  coder: string;
  code: string;
  clarity: string;
  timeMs: number;
  note: string;
  deleted: boolean;
}

export interface ReplayedCoding {
  recording: string;
  coder: string;
  ratings: Map<string, number>;
  /** Segment index → note text. */
  notes: Map<number, string>;
  watched: Set<number>;
  /** False when the log cannot tell which segments were watched (a consensus started by a version that did not record them). */
  watchedKnown: boolean;
  /** Signed off; otherwise open (in progress or not started: the log does not tell those apart, as no entry marks a start). */
  complete: boolean;
  /** 'consensus' once a consensus.start entry began it; every other coding is its coder's own. */
  kind: 'own' | 'consensus';
}

export interface ReplayedSettings {
  schemeId: string;
  segmentSeconds: number;
  minFinalSeconds: number;
  blindCoding: boolean;
}

/** What an entry the replay could not follow may have touched: left out of the comparison. */
export interface Uncertain {
  /** An entry named nothing the replay can scope: from it on, nothing is compared. */
  everything: boolean;
  settings: boolean;
  /** Coder codes: their rows, codings and marks. */
  coders: Set<string>;
  /** Recording codes: their rows, codings and marks. */
  recordings: Set<string>;
  /** Coding keys 'RECORDING/CODER'. */
  codings: Set<string>;
  marks: Set<number>;
}

export interface NotReplayable {
  seq: number;
  action: string;
  /** Why, e.g. "this version does not know the action". */
  reason: string;
}

export interface ReplayState {
  entries: number;
  settings: ReplayedSettings | null;
  coders: Map<string, { name: string; role: string }>;
  recordings: Map<string, { sha256: string; durationMs: number }>;
  marks: Map<number, ReplayedMark>;
  /** By coding key 'RECORDING/CODER'. */
  codings: Map<string, ReplayedCoding>;
  notReplayable: NotReplayable[];
  uncertain: Uncertain;
  /** Codings whose watched segments the log cannot tell, each with why. */
  watchedUnknown: Map<string, string>;
}

export const codingKey = (recording: string, coder: string): string => `${recording}/${coder}`;

/** A replayer cannot apply its entry (a missing or malformed field): the entry is then not replayable. */
class Unreplayable extends Error {}

interface Parsed {
  seq: number;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

type Replayer = (state: ReplayState, entry: Parsed) => void;

function read<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Unreplayable(`its ${what} is not what the action records`);
  return result.data;
}

const MarkSchema = z.object({
  id: z.number().int(),
  recording: z.string(),
  coder: z.string(),
  code: z.string(),
  clarity: z.string(),
  timeMs: z.number(),
  note: z.string(),
});
type MarkJson = z.infer<typeof MarkSchema>;

const RatingsSchema = z.record(z.string(), z.number());
const NotesSchema = z.record(z.string(), z.string());

/** 'RECORDING/CODER' (codes hold no slash) → its parts, and optionally a last part after another slash. */
function splitLabel(id: string | null, withTail: boolean): { recording: string; coder: string; tail?: string } | undefined {
  const parts = (id ?? '').split('/');
  if (parts.length !== (withTail ? 3 : 2) || parts.some((p) => p === '')) return undefined;
  return withTail ? { recording: parts[0]!, coder: parts[1]!, tail: parts[2]! } : { recording: parts[0]!, coder: parts[1]! };
}

function codingOf(state: ReplayState, recording: string, coder: string): ReplayedCoding {
  const key = codingKey(recording, coder);
  let coding = state.codings.get(key);
  if (!coding) {
    coding = { recording, coder, ratings: new Map(), notes: new Map(), watched: new Set(), watchedKnown: true, complete: false, kind: 'own' };
    state.codings.set(key, coding);
  }
  return coding;
}

function labelled(entry: Parsed, withTail: boolean) {
  const label = splitLabel(entry.entityId, withTail);
  if (!label) throw new Unreplayable(`its entity id "${String(entry.entityId)}" does not name a coding`);
  return label;
}

function segmentIndex(tail: string | undefined): number {
  const index = Number(tail);
  if (!Number.isInteger(index) || index < 0) throw new Unreplayable(`its entity id does not end in a segment number`);
  return index;
}

function putMark(state: ReplayState, mark: MarkJson, deleted: boolean): void {
  const { id, recording, coder, code, clarity, timeMs, note } = mark;
  state.marks.set(id, { id, recording, coder, code, clarity, timeMs, note, deleted });
  codingOf(state, recording, coder);
}

function markId(entry: Parsed): number {
  const id = Number(entry.entityId);
  if (!Number.isInteger(id)) throw new Unreplayable(`its entity id "${String(entry.entityId)}" is not a mark id`);
  return id;
}

/** Marks a known mark deleted; the row keeps its fields, as a soft delete does. */
function deleteMark(state: ReplayState, id: number, before: MarkJson | null): void {
  const known = state.marks.get(id);
  if (known) known.deleted = true;
  else if (before) putMark(state, before, true);
  else throw new Unreplayable(`it removes mark ${id}, which no earlier entry made`);
}

const unchanged: Replayer = () => {};

const settingsOf = (state: ReplayState): ReplayedSettings => {
  if (!state.settings) throw new Unreplayable('it changes a setting before the study.create entry');
  return state.settings;
};

const setting =
  <K extends keyof ReplayedSettings>(key: K, schema: z.ZodType<ReplayedSettings[K]>): Replayer =>
  (state, entry) => {
    settingsOf(state)[key] = read(schema, entry.after, 'new value');
  };

const undoRedo: Replayer = (state, entry) => {
  const id = markId(entry);
  const after = read(MarkSchema.nullable(), entry.after ?? null, 'mark after');
  const before = read(MarkSchema.nullable(), entry.before ?? null, 'mark before');
  if (after) putMark(state, after, false);
  else deleteMark(state, id, before);
};

const CodeSchema = z.object({ code: z.string() });

/** A coder's or recording's new code: everything the replay keys by that code follows it. */
function renameCode(state: ReplayState, kind: 'coder' | 'recording', from: string, to: string): void {
  const table = kind === 'coder' ? state.coders : state.recordings;
  const row = (table as Map<string, unknown>).get(from);
  if (row === undefined) throw new Unreplayable(`it renames ${kind} ${from}, which no earlier entry added`);
  (table as Map<string, unknown>).delete(from);
  (table as Map<string, unknown>).set(to, row);
  for (const mark of state.marks.values()) if (mark[kind] === from) mark[kind] = to;
  for (const [key, coding] of [...state.codings]) {
    if (coding[kind] !== from) continue;
    coding[kind] = to;
    state.codings.delete(key);
    state.codings.set(codingKey(coding.recording, coding.coder), coding);
    const unknown = state.watchedUnknown.get(key);
    if (unknown !== undefined) {
      state.watchedUnknown.delete(key);
      state.watchedUnknown.set(codingKey(coding.recording, coding.coder), unknown);
    }
  }
}

const PacketCodingSchema = z.object({
  recording: z.string(),
  coder: z.string(),
  marks: z.array(MarkSchema),
  deletedMarks: z.array(z.number().int()),
  ratings: RatingsSchema,
  notes: NotesSchema,
  watched: z.array(z.number().int()),
  status: z.enum(['in-progress', 'complete']).nullable(),
});

/** A packet replaced whole codings: each is written out in full in the entry. */
const packetCodings: Replayer = (state, entry) => {
  for (const c of read(z.object({ codings: z.array(PacketCodingSchema) }), entry.after, 'codings').codings) {
    for (const id of c.deletedMarks) deleteMark(state, id, null);
    for (const mark of c.marks) putMark(state, mark, false);
    const coding = codingOf(state, c.recording, c.coder);
    coding.ratings = new Map(Object.entries(c.ratings));
    coding.notes = new Map(Object.entries(c.notes).map(([index, text]) => [Number(index), text]));
    coding.watched = new Set(c.watched);
    coding.complete = c.status === 'complete';
  }
};

/** Every action this version replays. See the top of this file for how to add one. */
export const REPLAYERS: Readonly<Record<string, Replayer>> = {
  'study.create': (state, entry) => {
    const after = read(
      // Studies made before the final-segment setting existed have 0 (no merging), as the migration gave them.
      z.object({ schemeId: z.string(), segmentSeconds: z.number(), minFinalSeconds: z.number().optional() }),
      entry.after,
      'settings',
    );
    // Blind coding is on when a study is made, in every version (the column's default).
    state.settings = {
      schemeId: after.schemeId,
      segmentSeconds: after.segmentSeconds,
      minFinalSeconds: after.minFinalSeconds ?? 0,
      blindCoding: true,
    };
  },
  'study.set-blind-coding': setting('blindCoding', z.boolean()),
  'study.set-segment-seconds': setting('segmentSeconds', z.number()),
  'study.set-min-final-seconds': setting('minFinalSeconds', z.number()),
  'study.rekey': unchanged,
  'coder.add': (state, entry) => {
    const after = read(z.object({ code: z.string(), name: z.string(), role: z.string() }), entry.after, 'coder');
    state.coders.set(after.code, { name: after.name, role: after.role });
  },
  'recording.add': (state, entry) => {
    const after = read(z.object({ code: z.string(), sha256: z.string(), durationMs: z.number() }), entry.after, 'recording');
    state.recordings.set(after.code, { sha256: after.sha256, durationMs: after.durationMs });
  },
  // The path is the workstation's business and not replayed; media entries change derived files, not the study's rows.
  'recording.relink': unchanged,
  'media.key.create': unchanged,
  'media.prepare': unchanged,
  'media.prepare.failed': unchanged,
  'event.add': (state, entry) => putMark(state, read(MarkSchema, entry.after, 'mark'), false),
  'event.change': (state, entry) => putMark(state, read(MarkSchema, entry.after, 'mark'), false),
  'event.delete': (state, entry) => deleteMark(state, markId(entry), read(MarkSchema.nullable(), entry.before ?? null, 'mark')),
  'event.undo': undoRedo,
  'event.redo': undoRedo,
  'event.import': (state, entry) => {
    for (const mark of read(z.object({ marks: z.array(MarkSchema) }), entry.after, 'marks').marks) putMark(state, mark, false);
  },
  'rating.set': (state, entry) => {
    const { recording, coder, tail } = labelled(entry, true);
    codingOf(state, recording, coder).ratings.set(tail!, read(z.number(), entry.after, 'rating'));
  },
  'rating.clear': (state, entry) => {
    const { recording, coder, tail } = labelled(entry, true);
    codingOf(state, recording, coder).ratings.delete(tail!);
  },
  'rating.import': (state, entry) => {
    const { recording, coder } = labelled(entry, false);
    const { ratings } = read(z.object({ ratings: RatingsSchema }), entry.after, 'ratings');
    const coding = codingOf(state, recording, coder);
    for (const [item, value] of Object.entries(ratings)) coding.ratings.set(item, value);
  },
  'note.set': (state, entry) => {
    const { recording, coder, tail } = labelled(entry, true);
    codingOf(state, recording, coder).notes.set(segmentIndex(tail), read(z.string(), entry.after, 'note'));
  },
  'note.clear': (state, entry) => {
    const { recording, coder, tail } = labelled(entry, true);
    codingOf(state, recording, coder).notes.delete(segmentIndex(tail));
  },
  'segment.watch': (state, entry) => {
    const { recording, coder, tail } = labelled(entry, true);
    codingOf(state, recording, coder).watched.add(segmentIndex(tail));
  },
  'coding.complete': (state, entry) => {
    const { recording, coder } = labelled(entry, false);
    codingOf(state, recording, coder).complete = true;
  },
  'coding.reopen': (state, entry) => {
    const { recording, coder } = labelled(entry, false);
    codingOf(state, recording, coder).complete = false;
  },
  // When a complete coding was first used (compare, consensus, export, training): it decides who may reopen it, not what it holds.
  'coding.use': unchanged,
  'consensus.start': (state, entry) => {
    const { recording, coder } = labelled(entry, false);
    const after = read(
      z.object({ marks: z.array(MarkSchema), ratings: RatingsSchema, notes: NotesSchema, watched: z.array(z.number().int()).optional() }),
      entry.after,
      'copy',
    );
    const coding = codingOf(state, recording, coder);
    coding.kind = 'consensus';
    for (const mark of after.marks) putMark(state, mark, false);
    for (const [item, value] of Object.entries(after.ratings)) coding.ratings.set(item, value);
    for (const [index, text] of Object.entries(after.notes)) coding.notes.set(Number(index), text);
    if (after.watched) for (const index of after.watched) coding.watched.add(index);
    else {
      // Versions before this one copied the watched segments without recording which.
      coding.watchedKnown = false;
      state.watchedUnknown.set(
        codingKey(recording, coder),
        `its consensus was started (entry ${entry.seq}) by a version that did not record the watched segments it copied`,
      );
    }
  },
  // The lab across workstations (electron/core/lab). Keys, cards, retiring, paths and the packets' own
  // bookkeeping change nothing the replay rebuilds; a packet's codings, renames, roles and a workstation's
  // adopted settings do.
  'identity.create': unchanged,
  'coder.identity': unchanged,
  'coder.retire': unchanged,
  'coder.restore': unchanged,
  'recording.retire': unchanged,
  'recording.restore': unchanged,
  'recording.locate': unchanged,
  'packet.assign': unchanged,
  'packet.return': unchanged,
  'coder.role': (state, entry) => {
    const coder = state.coders.get(entry.entityId ?? '');
    if (!coder) throw new Unreplayable(`it changes the role of ${String(entry.entityId)}, whom no earlier entry added`);
    coder.role = read(z.string(), entry.after, 'role');
  },
  'coder.rename': (state, entry) =>
    renameCode(state, 'coder', read(CodeSchema, entry.before, 'old code').code, read(CodeSchema, entry.after, 'new code').code),
  'recording.rename': (state, entry) =>
    renameCode(state, 'recording', read(CodeSchema, entry.before, 'old code').code, read(CodeSchema, entry.after, 'new code').code),
  'lab.settings': (state, entry) => {
    const after = read(
      z.object({ schemeId: z.string(), segmentSeconds: z.number(), minFinalSeconds: z.number(), blind: z.number() }),
      entry.after,
      'settings',
    );
    state.settings = {
      schemeId: after.schemeId,
      segmentSeconds: after.segmentSeconds,
      minFinalSeconds: after.minFinalSeconds,
      blindCoding: after.blind === 1,
    };
  },
  'packet.open': packetCodings,
  'packet.import': packetCodings,
  // The coder confirmed the ratings after watching: it clears the early-rating flags, which the replay does not compare.
  'rating.review': unchanged,
};

/** What an entry that could not be replayed may have touched, from its entity and id. */
function leaveOut(state: ReplayState, entry: Parsed): void {
  const u = state.uncertain;
  const id = entry.entityId ?? '';
  switch (entry.entity) {
    case 'study':
      u.settings = true;
      return;
    case 'coder':
      if (id) u.coders.add(id);
      else u.everything = true;
      return;
    case 'recording':
      if (id) u.recordings.add(id);
      else u.everything = true;
      return;
    case 'event':
      if (/^\d+$/.test(id)) {
        u.marks.add(Number(id));
        return;
      }
      break;
    case 'secret':
      return;
  }
  const label = splitLabel(id, false) ?? splitLabel(id, true);
  if (label) u.codings.add(codingKey(label.recording, label.coder));
  else u.everything = true;
}

function parse(entry: ReplayEntry): Parsed | string {
  try {
    return {
      seq: entry.seq,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before === null ? null : JSON.parse(entry.before),
      after: entry.after === null ? null : JSON.parse(entry.after),
    };
  } catch {
    return 'its before or after is not valid JSON';
  }
}

export function emptyReplay(): ReplayState {
  return {
    entries: 0,
    settings: null,
    coders: new Map(),
    recordings: new Map(),
    marks: new Map(),
    codings: new Map(),
    notReplayable: [],
    uncertain: { everything: false, settings: false, coders: new Set(), recordings: new Set(), codings: new Set(), marks: new Set() },
    watchedUnknown: new Map(),
  };
}

/** Applies one entry (in the log's order) to the state. */
export function replayEntry(state: ReplayState, entry: ReplayEntry): void {
  state.entries++;
  const parsed = parse(entry);
  const replayer = Object.hasOwn(REPLAYERS, entry.action) ? REPLAYERS[entry.action] : undefined;
  let reason: string | undefined;
  if (typeof parsed === 'string') reason = parsed;
  else if (!replayer) reason = 'this version does not know the action';
  else {
    try {
      replayer(state, parsed);
      return;
    } catch (err) {
      if (!(err instanceof Unreplayable)) throw err;
      reason = err.message;
    }
  }
  state.notReplayable.push({ seq: entry.seq, action: entry.action, reason });
  leaveOut(state, typeof parsed === 'string' ? { ...entry, before: null, after: null } : parsed);
}

/** The state the entries describe, replayed in order. */
export function replayAudit(entries: Iterable<ReplayEntry>): ReplayState {
  const state = emptyReplay();
  for (const entry of entries) replayEntry(state, entry);
  return state;
}
