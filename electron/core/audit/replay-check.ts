// Compares what the audit log replays to (replay.ts) with what the tables hold, and names every row that
// differs: a change made without its audit entry. Only what the log can know is compared (not timestamps,
// paths, undo steps or the played spans), and what an entry the replay cannot follow may have touched is left
// out and said so, rather than reported as changed.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { formatClock } from '../io/time-format.ts';
import { codingKey, replayAudit, type ReplayEntry, type ReplayState, type ReplayedMark, type ReplayedSettings } from './replay.ts';

export interface TableState {
  settings: ReplayedSettings | null;
  coders: { code: string; name: string; role: string }[];
  recordings: { code: string; sha256: string; durationMs: number }[];
  marks: ReplayedMark[];
  ratings: { recording: string; coder: string; item: string; value: number }[];
  notes: { recording: string; coder: string; index: number; note: string }[];
  watched: { recording: string; coder: string; index: number }[];
  complete: { recording: string; coder: string }[];
  /** The codings whose kind is consensus. */
  consensus: { recording: string; coder: string }[];
}

export interface ReplayComparison {
  /** Entries replayed. */
  entries: number;
  /** One sentence per row that differs, naming it and both versions. */
  differences: string[];
  /** What was not compared and why (entries this version cannot replay, facts older entries did not record). */
  notCompared: string[];
}

const BY_CODES = 'JOIN recordings r ON r.id = t.recording_id JOIN coders c ON c.id = t.coder_id';

/** The rows the replay rebuilds, as the tables hold them. */
export function readTables(db: Database): TableState {
  const settings = db.prepare('SELECT scheme_id, segment_seconds, min_final_seconds, blind_coding FROM study WHERE id = 1').get() as
    { scheme_id: string; segment_seconds: number; min_final_seconds: number; blind_coding: number } | undefined;
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  return {
    settings: settings
      ? {
          schemeId: settings.scheme_id,
          segmentSeconds: settings.segment_seconds,
          minFinalSeconds: settings.min_final_seconds,
          blindCoding: settings.blind_coding === 1,
        }
      : null,
    coders: all('SELECT code, name, role FROM coders'),
    recordings: all('SELECT code, sha256, duration_ms AS durationMs FROM recordings'),
    marks: all<Omit<ReplayedMark, 'deleted'> & { deleted: number }>(
      `SELECT t.id, r.code AS recording, c.code AS coder, t.code, t.clarity, t.time_ms AS timeMs, t.note, t.deleted FROM events t ${BY_CODES}`,
    ).map((m) => ({ ...m, deleted: m.deleted === 1 })),
    ratings: all(`SELECT r.code AS recording, c.code AS coder, t.item, t.value FROM ratings t ${BY_CODES}`),
    notes: all(`SELECT r.code AS recording, c.code AS coder, t.segment_index AS "index", t.note FROM segment_notes t ${BY_CODES}`),
    watched: all(`SELECT r.code AS recording, c.code AS coder, t.segment_index AS "index" FROM watched_segments t ${BY_CODES}`),
    complete: all(`SELECT r.code AS recording, c.code AS coder FROM coding_status t ${BY_CODES} WHERE t.state = 'complete'`),
    consensus: all(`SELECT r.code AS recording, c.code AS coder FROM coding_status t ${BY_CODES} WHERE t.kind = 'consensus'`),
  };
}

const of = (recording: string, coder: string) => `of ${coder} on ${recording}`;
const says = (table: string, log: string) => `the table says ${table}, the audit log says ${log}`;
const NONE = 'none';

function describeMark(m: ReplayedMark): string {
  return `${m.code}${m.clarity === 'check' ? '' : ` (${m.clarity})`} at ${formatClock(m.timeMs)}${m.deleted ? ', deleted' : ''}`;
}

/** The fields of the log's mark that differ from the table's, in the words a person reads a mark in. */
function markChanges(table: ReplayedMark, log: ReplayedMark): string[] {
  const changes: string[] = [];
  if (table.code !== log.code) changes.push(log.code);
  if (table.clarity !== log.clarity) changes.push(log.clarity);
  if (table.timeMs !== log.timeMs) changes.push(`at ${formatClock(log.timeMs)}`);
  if (table.recording !== log.recording || table.coder !== log.coder) changes.push(`a mark ${of(log.recording, log.coder)}`);
  // Notes may name people: say that they differ, never what they say.
  if (table.note !== log.note) changes.push(`another note (${log.note.length} characters; the table's has ${table.note.length})`);
  if (table.deleted !== log.deleted) changes.push(log.deleted ? 'deleted' : 'not deleted');
  return changes;
}

/** Set-like comparison of keyed values: both present and different, or present on one side only. */
function compareKeyed<V>(
  table: Map<string, V>,
  log: Map<string, V>,
  same: (a: V, b: V) => boolean,
  sentence: (key: string, table: V | undefined, log: V | undefined) => string,
  skip: (key: string) => boolean,
): string[] {
  const out: string[] = [];
  for (const key of new Set([...table.keys(), ...log.keys()])) {
    if (skip(key)) continue;
    const t = table.get(key);
    const l = log.get(key);
    if (t === undefined || l === undefined || !same(t, l)) out.push(sentence(key, t, l));
  }
  return out;
}

/** Left out of the comparison: what entries the replay could not follow may have touched. */
function leftOut(state: ReplayState) {
  const u = state.uncertain;
  const coder = (code: string) => u.everything || u.coders.has(code) || (u.coders.size > 0 && !state.coders.has(code));
  const recording = (code: string) => u.everything || u.recordings.has(code) || (u.recordings.size > 0 && !state.recordings.has(code));
  const coding = (rec: string, cod: string) => recording(rec) || coder(cod) || u.codings.has(codingKey(rec, cod));
  return { coder, recording, coding, settings: () => u.everything || u.settings };
}

const byCoding = <T extends { recording: string; coder: string }>(rows: T[], key: (row: T) => string) =>
  new Map(rows.map((row) => [`${codingKey(row.recording, row.coder)}\u0000${key(row)}`, row]));
const splitKey = (key: string) => {
  const [coding, part] = key.split('\u0000') as [string, string];
  const [recording, coder] = coding.split('/') as [string, string];
  return { recording, coder, part };
};

/** Every row that differs between the tables and the replayed log, as sentences; pure. */
export function compareReplay(tables: TableState, state: ReplayState): ReplayComparison {
  const skip = leftOut(state);
  const differences: string[] = [];

  if (!skip.settings()) {
    const t = tables.settings;
    const l = state.settings;
    if (!t || !l) {
      if (t || l)
        differences.push(`study settings: ${says(t ? 'they exist' : NONE, l ? 'a study.create entry made them' : 'no study.create entry')}`);
    } else {
      const onOff = (b: boolean) => (b ? 'on' : 'off');
      if (t.blindCoding !== l.blindCoding) differences.push(`setting blind coding: ${says(onOff(t.blindCoding), onOff(l.blindCoding))}`);
      if (t.segmentSeconds !== l.segmentSeconds)
        differences.push(`setting segment length: ${says(`${t.segmentSeconds} s`, `${l.segmentSeconds} s`)}`);
      if (t.minFinalSeconds !== l.minFinalSeconds)
        differences.push(`setting shortest final segment: ${says(`${t.minFinalSeconds} s`, `${l.minFinalSeconds} s`)}`);
      if (t.schemeId !== l.schemeId) differences.push(`setting scheme: ${says(t.schemeId, l.schemeId)}`);
    }
  }

  differences.push(
    ...compareKeyed(
      new Map(tables.coders.map((c) => [c.code, c])),
      new Map([...state.coders].map(([code, c]) => [code, { code, ...c }])),
      (a, b) => a.role === b.role && a.name === b.name,
      (code, t, l) => {
        if (!t) return `coder ${code}: the audit log adds this coder, the table has no such row`;
        if (!l) return `coder ${code} (role ${t.role}) is in the table, but the audit log never added it`;
        // Names are personal: say that they differ, never what they are.
        return t.role !== l.role
          ? `coder ${code}: ${says(`role ${t.role}`, `role ${l.role}`)}`
          : `coder ${code}: the table's name differs from the audit log's`;
      },
      skip.coder,
    ),
  );

  differences.push(
    ...compareKeyed(
      new Map(tables.recordings.map((r) => [r.code, r])),
      new Map([...state.recordings].map(([code, r]) => [code, { code, ...r }])),
      (a, b) => a.sha256 === b.sha256 && a.durationMs === b.durationMs,
      (code, t, l) => {
        if (!t) return `recording ${code}: the audit log adds this recording, the table has no such row`;
        if (!l) return `recording ${code} is in the table, but the audit log never added it`;
        return t.sha256 !== l.sha256
          ? `recording ${code}: the table's video fingerprint (SHA-256) differs from the audit log's`
          : `recording ${code}: ${says(`it lasts ${formatClock(t.durationMs)}`, formatClock(l.durationMs))}`;
      },
      skip.recording,
    ),
  );

  const u = state.uncertain;
  const tableMarks = new Map(tables.marks.map((m) => [String(m.id), m]));
  differences.push(
    ...compareKeyed(
      tableMarks,
      new Map([...state.marks].map(([id, m]) => [String(id), m])),
      (a, b) => markChanges(a, b).length === 0,
      (id, t, l) => {
        const m = (t ?? l)!;
        const name = `mark ${id} ${of(m.recording, m.coder)}`;
        if (!l) return `${name} (${describeMark(t!)}) is in the table, but the audit log never recorded it`;
        if (!t) return `${name} (${describeMark(l)}): the audit log records it, the table has no such row`;
        return `${name}: ${says(describeMark(t), markChanges(t, l).join(', '))}`;
      },
      (id) =>
        u.marks.has(Number(id)) ||
        [tableMarks.get(id), state.marks.get(Number(id))].some((m) => m !== undefined && skip.coding(m.recording, m.coder)),
    ),
  );

  const logCodings = [...state.codings.values()];
  const skipRow = (key: string) => {
    const { recording, coder } = splitKey(key);
    return skip.coding(recording, coder);
  };

  differences.push(
    ...compareKeyed(
      byCoding(tables.ratings, (r) => r.item),
      new Map(
        logCodings.flatMap((c) =>
          [...c.ratings].map(([item, value]) => [`${codingKey(c.recording, c.coder)}\u0000${item}`, { ...c, item, value }] as const),
        ),
      ),
      (a, b) => a.value === b.value,
      (key, t, l) => {
        const { recording, coder, part } = splitKey(key);
        return `rating ${part} ${of(recording, coder)}: ${says(t ? String(t.value) : NONE, l ? String(l.value) : NONE)}`;
      },
      skipRow,
    ),
  );

  differences.push(
    ...compareKeyed(
      byCoding(tables.notes, (n) => String(n.index)),
      new Map(
        logCodings.flatMap((c) =>
          [...c.notes].map(([index, note]) => [`${codingKey(c.recording, c.coder)}\u0000${index}`, { ...c, index, note }] as const),
        ),
      ),
      (a, b) => a.note === b.note,
      (key, t, l) => {
        const { recording, coder, part } = splitKey(key);
        const name = `the note on segment ${Number(part) + 1} ${of(recording, coder)}`;
        if (!l) return `${name} is in the table, but the audit log never recorded it`;
        if (!t) return `${name}: the audit log records it, the table has none`;
        return `${name}: the table's text differs from the audit log's (${t.note.length} and ${l.note.length} characters)`;
      },
      skipRow,
    ),
  );

  const watchedKnown = (key: string) => {
    const { recording, coder } = splitKey(key);
    return state.codings.get(codingKey(recording, coder))?.watchedKnown !== false;
  };
  differences.push(
    ...compareKeyed(
      byCoding(tables.watched, (w) => String(w.index)),
      new Map(
        logCodings.flatMap((c) => [...c.watched].map((index) => [`${codingKey(c.recording, c.coder)}\u0000${index}`, { ...c, index }] as const)),
      ),
      () => true,
      (key, t) => {
        const { recording, coder, part } = splitKey(key);
        return `segment ${Number(part) + 1} ${of(recording, coder)}: ${says(t ? 'watched' : 'not watched', t ? 'not watched' : 'watched')}`;
      },
      (key) => skipRow(key) || !watchedKnown(key),
    ),
  );

  differences.push(
    ...compareKeyed(
      byCoding(tables.complete, () => 'complete'),
      new Map(logCodings.filter((c) => c.complete).map((c) => [`${codingKey(c.recording, c.coder)}\u0000complete`, c] as const)),
      () => true,
      (key, t) => {
        const { recording, coder } = splitKey(key);
        return `the coding ${of(recording, coder)}: ${says(t ? 'complete' : 'open', t ? 'open' : 'complete')}`;
      },
      skipRow,
    ),
  );

  const kind = (consensus: boolean) => (consensus ? 'a consensus coding' : 'its coder’s own');
  differences.push(
    ...compareKeyed(
      byCoding(tables.consensus, () => 'consensus'),
      new Map(logCodings.filter((c) => c.kind === 'consensus').map((c) => [`${codingKey(c.recording, c.coder)}\u0000consensus`, c] as const)),
      () => true,
      (key, t) => {
        const { recording, coder } = splitKey(key);
        return `the coding ${of(recording, coder)}: ${says(kind(t !== undefined), kind(t === undefined))}`;
      },
      skipRow,
    ),
  );

  return { entries: state.entries, differences, notCompared: notCompared(state) };
}

const SHOWN = 10;

/** A list cut to its first few, saying how many more there are. */
const firstOf = (items: string[]): string =>
  items.length > SHOWN ? `${items.slice(0, SHOWN).join(', ')} and ${items.length - SHOWN} more` : items.join(', ');

/** What the comparison left out, in sentences. */
function notCompared(state: ReplayState): string[] {
  const out: string[] = [];
  const { notReplayable, uncertain: u } = state;
  if (notReplayable.length > 0) {
    const byAction = new Map<string, number[]>();
    for (const e of notReplayable) byAction.set(e.action, [...(byAction.get(e.action) ?? []), e.seq]);
    const list = [...byAction].map(
      ([action, seqs]) => `${action} (${seqs.length === 1 ? 'entry' : 'entries'} ${seqs.slice(0, 5).join(', ')}${seqs.length > 5 ? ', …' : ''})`,
    );
    const why = [...new Set(notReplayable.map((e) => e.reason))].slice(0, 3).join('; ');
    out.push(
      `${notReplayable.length} ${notReplayable.length === 1 ? 'entry is' : 'entries are'} not replayable by this version: ${list.join(', ')} (${why})`,
    );
    if (u.everything) out.push('from the first of them on, nothing is compared, as they name nothing the replay can set aside');
    else {
      const parts = [
        ...(u.settings ? ['the study settings'] : []),
        ...[...u.coders].map((c) => `coder ${c} (its row, codings and marks)`),
        ...[...u.recordings].map((r) => `recording ${r} (its row, codings and marks)`),
        ...(u.coders.size > 0 ? ['coders the log never added'] : []),
        ...(u.recordings.size > 0 ? ['recordings the log never added'] : []),
        ...[...u.codings].map((k) => `the coding ${k}`),
        ...[...u.marks].map((m) => `mark ${m}`),
      ];
      if (parts.length > 0) out.push(`left out of the comparison: ${firstOf(parts)}`);
    }
  }
  const watched = [...state.watchedUnknown].map(([key, why]) => `the watched segments of ${key} are not compared: ${why}`);
  return [
    ...out,
    ...watched.slice(0, SHOWN),
    ...(watched.length > SHOWN ? [`and ${watched.length - SHOWN} more codings whose watched segments are not compared`] : []),
  ];
}

/** Replays the study's whole audit log and compares it with its tables. */
export function checkReplay(db: Database): ReplayComparison {
  const rows = db
    .prepare('SELECT seq, action, entity, entity_id AS entityId, before, after FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<ReplayEntry>;
  const state = replayAudit(rows);
  return compareReplay(readTables(db), state);
}

/** The replay as a verify check: the sentence when all matches, or a failure naming the rows that differ. */
export function describeReplay(db: Database, shown = SHOWN): string | { fail: string } {
  const { entries, differences, notCompared: left } = checkReplay(db);
  const aside = left.length > 0 ? `; ${left.join('; ')}` : '';
  if (differences.length === 0) {
    return `${entries} audit entries replayed: marks, ratings, notes, watched segments, status, consensus codings, coders, roles and settings match the tables${aside}`;
  }
  const more = differences.length > shown ? `; and ${differences.length - shown} more` : '';
  return {
    fail: `${differences.length} ${differences.length === 1 ? 'row differs' : 'rows differ'} from the audit log (changed without an audit entry): ${differences.slice(0, shown).join('; ')}${more}${aside}`,
  };
}
