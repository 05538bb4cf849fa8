// A coder's return packet of 100 recordings × 300 marks (with all 28 ratings each), made at the workstation and
// imported at the lead, against reading the same codings from the workstation study, in the same run. Each
// round imports into a fresh copy of the lab study, so every import applies all 30,000 marks; the copy and its
// key derivation are not timed. The parts (make, import) are reported too, to show where the time goes.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importMarks, importRatings, type NewMark } from '../electron/core/coding/index.ts';
import { makeAssignment } from '../electron/core/lab/assign.ts';
import { addCoderWithCard } from '../electron/core/lab/coder-cards.ts';
import { readCodingState } from '../electron/core/lab/coding-state.ts';
import { createIdentity } from '../electron/core/lab/identity.ts';
import { importReturn } from '../electron/core/lab/import-return.ts';
import { openAssignment } from '../electron/core/lab/open-assignment.ts';
import { makeReturn } from '../electron/core/lab/return.ts';
import { getScheme, ratingItemIds } from '../electron/core/scheme/index.ts';
import { getCoder } from '../electron/core/store/coders.ts';
import { closeStudy, createStudy, openStudy } from '../electron/core/store/study-file.ts';
import { insertBenchRecording } from './generated-study.ts';
import { type BenchResult, round } from './types.ts';

const RECORDINGS = 100;
const MARKS = 300;
const DURATION_MS = 50 * 60_000;
const ROUNDS = 5;
const PASSPHRASE = 'benchmark passphrase for the lab';

export async function labPacketsBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-lab-'));
  try {
    const lab = createStudy(join(dir, 'lab.3rs'), PASSPHRASE, { actor: 'bench' });
    await createIdentity(lab.db, { code: 'L01', name: 'Bench Lead' }, 'bench');
    const work = createStudy(join(dir, 'work.3rs'), PASSPHRASE, { actor: 'bench' });
    const card = (await createIdentity(work.db, { code: 'C01', name: 'Bench Coder', role: 'coder' }, 'C01')).card;
    addCoderWithCard(lab.db, { code: 'C01', card }, 'bench');
    lab.db.transaction(() => {
      for (let r = 0; r < RECORDINGS; r++) {
        const code = `D${String(r + 1).padStart(3, '0')}-S01`;
        insertBenchRecording(lab.db, code, r.toString(16).padStart(64, '0'), DURATION_MS);
      }
    })();
    await openAssignment(work.db, readFileSync((await makeAssignment(lab.db, { coder: 'C01', out: dir }, 'bench')).path), 'C01');
    const scheme = getScheme('3rs-2015');
    const codes = scheme.codes.map((c) => c.id);
    const items = ratingItemIds(scheme);
    work.db.transaction(() => {
      for (let r = 0; r < RECORDINGS; r++) {
        const code = `D${String(r + 1).padStart(3, '0')}-S01`;
        const marks: NewMark[] = Array.from({ length: MARKS }, (_, i) => ({
          code: codes[(i * 7 + r) % codes.length]!,
          clarity: i % 5 === 0 ? 'check-minus' : 'check',
          timeMs: Math.floor((i * DURATION_MS) / MARKS) + r,
        }));
        importMarks(work.db, code, 'C01', marks, 'C01');
        importRatings(
          work.db,
          code,
          'C01',
          items.map((item, i) => ({ item, value: 1 + ((i + r) % 5) })),
          'C01',
        );
      }
    })();
    closeStudy(lab);
    const template = join(dir, 'lab-template.3rs');
    copyFileSync(lab.path, template);

    const self = getCoder(work.db, 'C01');
    const recordingIds = (work.db.prepare('SELECT id FROM recordings ORDER BY code').all() as { id: number }[]).map((r) => r.id);
    const read = () => recordingIds.map((id) => readCodingState(work.db, { recordingId: id, coderId: self.id }));

    // The floor of any import: the same 30,000 rows written by one prepared INSERT in one transaction, into a
    // copy of the lab study, with nothing else done.
    const rows = read().flatMap((state, i) => state.marks.map((m) => ({ r: i + 1, ...m })));
    const floor = () => {
      const copy = join(dir, 'floor.3rs');
      copyFileSync(template, copy);
      const target = openStudy(copy, PASSPHRASE);
      const coder = getCoder(target.db, 'C01').id;
      const insert = target.db.prepare(
        "INSERT INTO events (recording_id, coder_id, code, clarity, time_ms, note, created_at, updated_at, uid) VALUES (@r, @c, @code, @clarity, @timeMs, @note, '', '', @uid)",
      );
      const t0 = performance.now();
      target.db.transaction(() => {
        for (const row of rows) insert.run({ ...row, c: coder });
      })();
      const ms = performance.now() - t0;
      closeStudy(target);
      rmSync(copy, { force: true });
      return ms;
    };
    const samples = { read: [] as number[], make: [] as number[], import: [] as number[], floor: [] as number[] };
    let bytes = 0;
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const copy = join(dir, `lab-${round_}.3rs`);
      copyFileSync(template, copy);
      const target = openStudy(copy, PASSPHRASE);
      let t0 = performance.now();
      const made = await makeReturn(work.db, { out: dir }, 'C01');
      const packet = readFileSync(made.path);
      samples.make.push(performance.now() - t0);
      bytes = packet.length;
      t0 = performance.now();
      const result = await importReturn(target.db, packet, {}, 'bench');
      samples.import.push(performance.now() - t0);
      if (!result.applied || result.recordings.reduce((n, r) => n + r.marksAdded, 0) !== RECORDINGS * MARKS)
        throw new Error('the benchmark import did not apply every mark');
      closeStudy(target);
      rmSync(copy, { force: true });
      t0 = performance.now();
      read();
      samples.read.push(performance.now() - t0);
      samples.floor.push(floor());
    }
    closeStudy(work);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const readMs = median(samples.read);
    const both = samples.make.map((m, i) => m + samples.import[i]!);
    const ratio = median(both) / readMs;
    return [
      {
        name: `lab: return packet of ${RECORDINGS} recordings × ${MARKS} marks, made + imported, vs reading the codings`,
        value: round(ratio, 1),
        unit: 'x',
        goal: '<= 3',
        ok: ratio <= 3,
      },
      {
        name: 'lab: making the return packet (read, sign, encrypt, write)',
        value: round(median(samples.make) / readMs, 1),
        unit: 'x read',
        goal: 'info',
        ok: true,
      },
      {
        name: 'lab: importing it (decrypt, verify, check, apply, audit)',
        value: round(median(samples.import) / readMs, 1),
        unit: 'x read',
        goal: 'info',
        ok: true,
      },
      {
        name: 'lab: floor of any import: the same rows by one prepared INSERT',
        value: round(median(samples.floor) / readMs, 1),
        unit: 'x read',
        goal: 'info',
        ok: true,
      },
      { name: 'lab: reading the same codings from the study', value: round(readMs, 1), unit: 'ms', goal: 'info', ok: true },
      { name: 'lab: return packet size', value: round(bytes / 1e6, 2), unit: 'MB', goal: 'info', ok: true },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
