// Every channel of the contract fed thousands of malformed payloads (property-based, fast-check): wrong types,
// huge strings, deep and odd objects, NaN and infinities, negative times, unknown codes, SQL-looking strings,
// prototype-pollution keys. The handlers are what ipcMain calls, so this is what a compromised page could send.
//
// What is asserted:
// 1. Study A, every channel but the study's own lifecycle (create, open, close): payloads that can never be a valid
//    write (every string is hostile: quotes, spaces, NUL, SQL; every id, segment and time is one the study does not
//    have; every path is unusable). Each answer is a Result with a known ErrorCode or a value, nothing throws, and
//    afterwards the study file and its media file are byte-identical (SHA-256) and Object.prototype is untouched.
// 2. Study B, the same channels with payloads that mix hostile values with real ones (the real recording, codes,
//    coders, items, a folder to export into), so some are valid writes: each answer is a Result, nothing throws,
//    and afterwards the file passes SQLite's integrity check, its audit chain holds, and every stored mark and
//    rating is one the scheme allows.
// 3. The lifecycle channels, on their own window's handlers, with paths kept inside a temp folder: each answer
//    is a Result, and study A, offered garbage passphrases, is byte-identical.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/audit-log.ts';
import { CHANNELS, type Channel } from '../../electron/core/api/channels.ts';
import { contract } from '../../electron/core/api/contract.ts';
import { createApiHandlers, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import { addMark, setRating } from '../../electron/core/coding/index.ts';
import { ERROR_CODES } from '../../electron/core/errors.ts';
import { closeMediaStore, mediaStorePath, openMediaStore } from '../../electron/core/media/store.ts';
import { getScheme } from '../../electron/core/scheme/index.ts';
import { closeStudy, openStudy, type Study } from '../../electron/core/store/study-file.ts';
import { addFakeRecording, addTestCoder, makeStudy, PASSPHRASE } from '../helpers/study.ts';

const LIFECYCLE: readonly Channel[] = ['study.create', 'study.open', 'study.close'];
const WORKING = CHANNELS.filter((c) => !LIFECYCLE.includes(c));
const RECORDING = 'D01-S01';
const scheme = getScheme('3rs-2015');

// ——— Values ———

/** Strings no identifier, code, item or path rule accepts: each has a quote, a space, a NUL or a control character. */
const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  "1; ATTACH DATABASE 'pwn.db' AS pwn; --",
  "x' UNION SELECT value FROM secrets --",
  "W1'); DELETE FROM ratings; --",
  '../../../../etc/passwd ',
  'C:\\Windows\\System32\\cmd.exe /c',
  'nul\u0000byte',
  'line\nbreak\r\n',
  '\u202e rtl override',
  '𝕏\u200b zero width',
  '%s%n%x %d',
  '${process.exit(1)} ',
  '<script>alert(1)</script>',
  '__proto__ ',
  // Codes are trimmed and taken in capitals, so a space inside, not around, keeps this one hostile.
  'constructor x',
  ' ',
  '',
  "' ".repeat(300_000),
];
const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string().map((s) => `${s}'; --`),
  fc.string({ unit: 'grapheme' }).map((s) => `\u0000${s} `),
);
/** Numbers a time, id, segment, rating or length can never be: not finite, negative, fractional or far too large. */
const hostileNumber = fc.constantFrom(NaN, Infinity, -Infinity, -1, -0.5, 0.5, 1e308, -1e308, 2 ** 53, -(2 ** 31), 1e-300, 10 ** 12);
const hostileInt = fc.constantFrom(-1, -(2 ** 31), 2 ** 31, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 10 ** 9);

/** Odd things a structured clone can carry, own `__proto__` keys included. */
const anything = fc.anything({
  maxDepth: 4,
  key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf')),
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});

/** An object whose own key is `__proto__` (as JSON.parse makes one), carrying a pollution payload. */
function withOwnProto<T extends object>(target: T): T {
  Object.defineProperty(target, '__proto__', { value: { polluted: 'yes' }, enumerable: true, writable: true, configurable: true });
  return target;
}

function deeplyNested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value, b: [value] };
  return value;
}

interface Pools {
  string: fc.Arbitrary<string>;
  path: fc.Arbitrary<string>;
  number: fc.Arbitrary<number>;
  int: fc.Arbitrary<number>;
  boolean: fc.Arbitrary<boolean>;
}

const isPathKey = (key: string): boolean => key === 'path' || /dir$/i.test(key);

// ——— Payloads built from each channel's own schema ———

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; entries?: Record<string, string> };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isInt = (schema: z.ZodType): boolean => (schema as unknown as { isInt?: boolean }).isInt === true;

/** Payloads of the schema's shape whose values come from the pools. */
function shaped(schema: z.ZodType, pools: Pools, key = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const required = Object.keys(shape).filter((k) => defOf(shape[k]!).type !== 'optional');
      const model = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, shaped(v, pools, k)]));
      return fc.record(model, { requiredKeys: required });
    }
    case 'optional':
      return shaped(def.innerType!, pools, key);
    case 'string':
      return isPathKey(key) ? pools.path : pools.string;
    case 'number':
      return isInt(schema) ? pools.int : pools.number;
    case 'boolean':
      return pools.boolean;
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'array':
      return fc.array(shaped(def.element!, pools, key), { maxLength: 4 });
    default:
      throw new Error(`The garbage test does not know zod's "${def.type}" (in ${key}): teach shaped() about it.`);
  }
}

type Mutation = 'wrong-value' | 'extra-key' | 'own-proto' | 'missing-key' | 'deep';

/** A shaped payload with one thing wrong: a value of the wrong type, an unknown or `__proto__` key, a key missing. */
function mutated(schema: z.ZodType, pools: Pools): fc.Arbitrary<unknown> {
  const mutation = fc.constantFrom<Mutation>('wrong-value', 'extra-key', 'own-proto', 'missing-key', 'deep');
  return fc.tuple(shaped(schema, pools), mutation, anything, fc.nat()).map(([payload, how, anyJunk, pick]) => {
    // A junk string put in place of a value could happen to be a valid one ("a" is coder A, codes being taken in
    // capitals): kept hostile, so study A's payloads stay ones that can never be a valid write.
    const junk = typeof anyJunk === 'string' ? `${anyJunk}'; --` : anyJunk;
    const target = { ...(payload as Record<string, unknown>) };
    const keys = Object.keys(target);
    const key = keys.length ? keys[pick % keys.length]! : 'x';
    if (how === 'wrong-value') target[key] = junk;
    if (how === 'extra-key') target[`extra${pick % 3}`] = junk;
    if (how === 'own-proto') return withOwnProto(target);
    if (how === 'missing-key') delete target[key];
    if (how === 'deep') target[key] = deeplyNested(2_000);
    return target;
  });
}

// ——— Checks ———

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const mediaOf = (path: string): string => mediaStorePath({ path } as Study);

/** How the answers went, by outcome ('ok' or the error code), so a test can tell garbage reached the core. */
type Outcomes = Map<string, number>;

/** One answer: a Result, an error with a known code and a sentence, never a throw. */
async function expectTyped(channel: Channel, send: () => Promise<unknown>, outcomes: Outcomes): Promise<void> {
  let answer: unknown;
  try {
    answer = await send();
  } catch (err) {
    throw new Error(`${channel} threw instead of answering: ${String(err)}`, { cause: err });
  }
  expect(answer, channel).toBeTypeOf('object');
  const result = answer as { ok: unknown; value?: unknown; error?: { code: unknown; message: unknown } };
  const outcome = result.ok === true ? 'ok' : String(result.error?.code);
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  if (result.ok === true) {
    expect(result, channel).toHaveProperty('value');
    return;
  }
  expect(result.ok, channel).toBe(false);
  expect(ERROR_CODES, `${channel}: ${String(result.error?.code)}`).toContain(result.error?.code);
  expect(result.error?.message, channel).toBeTypeOf('string');
  expect((result.error?.message as string).length, channel).toBeGreaterThan(0);
}

const prototypeNames = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();

async function feed(handlers: ApiHandlers, channel: Channel, payloads: fc.Arbitrary<unknown>, numRuns: number, outcomes: Outcomes): Promise<void> {
  await fc.assert(
    fc.asyncProperty(payloads, (input) => expectTyped(channel, () => handlers[channel](input), outcomes)),
    { numRuns, endOnFailure: true },
  );
}

const total = (outcomes: Outcomes): number => [...outcomes.values()].reduce((a, b) => a + b, 0);

// ——— Studies ———

let root: string;
let studyA: string;
let studyB: string;
let seededAuditEntries: number;
/** A regular file: any path "inside" it can be neither read nor made. */
let blocker: string;
const prototypeBefore = prototypeNames();

/** A study with a lead (C01) and a coder (C02), one 10-minute recording with marks and a rating by each. */
function seed(name: string, withMedia: boolean): { path: string; auditEntries: number } {
  const study = makeStudy(root, 120, name);
  addTestCoder(study, 'C01', 'lead');
  addTestCoder(study, 'C02', 'coder');
  addFakeRecording(study, RECORDING, 10 * 60_000);
  for (const coder of ['C01', 'C02']) {
    addMark(study.db, RECORDING, coder, { code: 'W2', clarity: 'check', timeMs: 61_000 }, coder);
    addMark(study.db, RECORDING, coder, { code: 'R1', clarity: 'check-minus', timeMs: 190_000 }, coder);
    setRating(study.db, RECORDING, coder, 'W2', 3, coder);
  }
  // The media file and its key exist, as after the first playback: reading media then writes nothing.
  if (withMedia) closeMediaStore(openMediaStore(study, 'C01'));
  const audit = verifyAuditChain(study.db);
  closeStudy(study);
  return { path: study.path, auditEntries: audit.entries };
}

async function unlock(path: string): Promise<ApiHandlers> {
  const handlers = createApiHandlers();
  expect(await handlers['study.open']({ path, passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  expect(await handlers['session.selectCoder']({ code: 'C01' })).toMatchObject({ ok: true });
  return handlers;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), '3rs-garbage-'));
  blocker = join(root, 'not-a-folder.txt');
  writeFileSync(blocker, 'plain text, not a video\n');
  studyA = seed('a.3rs', true).path;
  ({ path: studyB, auditEntries: seededAuditEntries } = seed('b.3rs', false));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

// ——— 1. Study A: garbage that can never be a valid write ———

/** Paths nothing can be read from or made at: hostile (relative, or with a NUL), or inside a regular file. */
const unusablePath = (): fc.Arbitrary<string> =>
  fc.oneof(hostileString, fc.constantFrom('/nonexistent-3rs\u0000', 'relative/folder'), fc.constant(join(blocker, 'sub', 'dir')));

describe('garbage on every channel of an open study', () => {
  it(`answers ${WORKING.length} channels × 120 payloads with typed results and leaves the study byte-identical`, async () => {
    const before = { study: sha256(studyA), media: sha256(mediaOf(studyA)) };
    const handlers = await unlock(studyA);
    // Every boolean is a valid setting (blind coding on or off), so only the study's own value, which writes nothing.
    const pools: Pools = { string: hostileString, path: unusablePath(), number: hostileNumber, int: hostileInt, boolean: fc.constant(true) };
    const outcomes: Outcomes = new Map();
    for (const channel of WORKING) {
      const input = contract[channel].input;
      await feed(handlers, channel, anything, 40, outcomes);
      await feed(handlers, channel, mutated(input, pools), 40, outcomes);
      await feed(handlers, channel, shaped(input, pools), 40, outcomes);
    }
    // Jobs some payloads started (imports, exports) end before the study closes.
    expect(await handlers['study.close']({})).toEqual({ ok: true, value: null });
    expect(total(outcomes)).toBeGreaterThanOrEqual(4000);
    // Much of it got past the schema (which answers BAD_REQUEST) to the core, which refused it (or, for reads, answered).
    expect(outcomes.get('BAD_REQUEST')).toBeGreaterThan(0);
    expect(total(outcomes) - (outcomes.get('BAD_REQUEST') ?? 0)).toBeGreaterThan(500);
    expect({ study: sha256(studyA), media: sha256(mediaOf(studyA)) }).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(prototypeNames()).toEqual(prototypeBefore);
  });
});

// ——— 2. Study B: hostile values mixed with real ones, so some writes are valid ———

describe('garbage mixed with real values on a study that may change', () => {
  it('answers every channel with typed results and leaves a sound study: integrity, audit chain, only allowed marks and ratings', async () => {
    const handlers = await unlock(studyB);
    const exportDirs = fc.nat(3).map((n) => join(root, `export-${n}`));
    const real: Pools = {
      string: fc.oneof(
        hostileString,
        fc.constantFrom(
          RECORDING,
          'D01-S02',
          'C01',
          'C02',
          'C03',
          'CONSENSUS',
          'W1',
          'W7',
          'C1',
          'R10',
          'W99',
          'X1',
          'w1',
          'overall_resolution',
          'therapist_contribution',
          'check',
        ),
      ),
      path: fc.oneof(unusablePath(), exportDirs, fc.constant(blocker)),
      number: fc.oneof(hostileNumber, fc.constantFrom(0, 1, 3, 5, 120, 300, 61_000, 599_999, 600_000, 600_001, 1.5)),
      int: fc.oneof(hostileInt, fc.integer({ min: 0, max: 12 })),
      boolean: fc.boolean(),
    };
    const outcomes: Outcomes = new Map();
    for (const channel of WORKING) {
      await feed(handlers, channel, fc.oneof(shaped(contract[channel].input, real), mutated(contract[channel].input, real)), 40, outcomes);
    }
    expect(await handlers['study.close']({})).toEqual({ ok: true, value: null });

    const study = openStudy(studyB, PASSPHRASE);
    try {
      expect(study.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Some of the garbage was a valid write: the audit log has more than the seed's entries.
      const audit = verifyAuditChain(study.db);
      expect(audit.ok).toBe(true);
      expect(audit.entries).toBeGreaterThan(seededAuditEntries);
      expect(outcomes.get('ok')).toBeGreaterThan(0);
      const codes = new Set(scheme.codes.map((c) => c.id));
      const items = new Set(scheme.ratingItems.map((i) => i.id));
      const marks = study.db
        .prepare('SELECT e.code, e.time_ms AS t, r.duration_ms AS d FROM events e JOIN recordings r ON r.id = e.recording_id')
        .all() as { code: string; t: number; d: number }[];
      for (const m of marks) {
        expect(codes.has(m.code), m.code).toBe(true);
        expect(Number.isInteger(m.t) && m.t >= 0 && m.t <= m.d, `${m.code} at ${m.t}`).toBe(true);
      }
      for (const { item } of study.db.prepare('SELECT item FROM ratings').all() as { item: string }[]) expect(items.has(item), item).toBe(true);
    } finally {
      closeStudy(study);
    }
  });
});

// ——— 3. The study's lifecycle, on its own handlers ———

describe('garbage on creating, opening and closing a study', () => {
  it('answers with typed results, makes files only where it is told to, and leaves an existing study byte-identical', async () => {
    const before = sha256(studyA);
    const handlers = createApiHandlers();
    // Paths stay inside the temp folder, but for one relative path, which must be refused, not made in the
    // working directory.
    const relative = `garbage-${process.pid}.3rs`;
    const paths = fc.oneof(
      fc.constant(relative),
      fc.constant(studyA),
      fc.constant(root),
      fc.constant(blocker),
      fc.constant(join(blocker, 'inside.3rs')),
      fc.nat(1_000_000).map((n) => join(root, `new-${n}.3rs`)),
      hostileString.map((s) => join(root, 'sub', s.slice(0, 40))),
    );
    const passphrases = fc.oneof(hostileString, fc.constantFrom('short', 'correct horse battery'), fc.string({ minLength: 10 }));
    const pools: Pools = {
      string: fc.oneof(hostileString, fc.constantFrom('C01', 'X9', 'Ana')),
      path: paths,
      number: fc.oneof(hostileNumber, fc.constantFrom(1, 120, 300, 86_401)),
      int: hostileInt,
      boolean: fc.boolean(),
    };
    const open = fc.record({ path: paths, passphrase: passphrases });
    const outcomes: Outcomes = new Map();
    await feed(handlers, 'study.open', fc.oneof(open, mutated(contract['study.open'].input, pools), anything), 40, outcomes);
    const creating = shaped(contract['study.create'].input, { ...pools, string: fc.oneof(pools.string, passphrases) });
    await feed(handlers, 'study.create', fc.oneof(creating, mutated(contract['study.create'].input, pools), anything), 30, outcomes);
    await feed(handlers, 'study.close', fc.oneof(fc.constant({}), mutated(contract['study.close'].input, pools), anything), 40, outcomes);
    expect(total(outcomes)).toBe(110);
    await handlers['study.close']({});
    expect(sha256(studyA)).toBe(before);
    expect(existsSync(relative)).toBe(false);
  });
});
