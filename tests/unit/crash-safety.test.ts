import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listMarks } from '../../electron/core/coding/marks.ts';
import { closeStudy, openStudy } from '../../electron/core/store/study-file.ts';
import { verifyStudy } from '../../electron/core/store/verify.ts';
import { PASSPHRASE, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const writer = fileURLToPath(new URL('../helpers/mark-writer.ts', import.meta.url));
const KILLS = 20;

/** Runs the writer until it has committed at least one mark, lets it go on for a random moment, then SIGKILLs it. */
function writeUntilKilled(path: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, path, PASSPHRASE, 'D01-S01', 'C01'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: number[] = [];
    let buffered = '';
    let stderr = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^committed (\d+)$/.exec(line);
        if (m) committed.push(Number(m[1]));
        if (m && !armed) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), Math.random() * 250);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer ended without being killed: ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it(`every mark reported as saved survives ${KILLS} kills with SIGKILL at random moments, and the file verifies`, async () => {
    const study = makeStudy(tempDir());
    addFakeRecording(study, 'D01-S01', 600_000);
    addTestCoder(study, 'C01');
    closeStudy(study);

    const reported = new Set<number>();
    for (let round = 0; round < KILLS; round++) {
      for (const id of await writeUntilKilled(study.path)) reported.add(id);
      const reopened = openStudy(study.path, PASSPHRASE);
      const present = new Set(listMarks(reopened.db, 'D01-S01', 'C01').map((m) => m.id));
      const lost = [...reported].filter((id) => !present.has(id));
      expect(lost, `round ${round}: marks reported as saved but missing`).toEqual([]);
      const report = verifyStudy(reopened);
      expect(report.ok, JSON.stringify(report.checks)).toBe(true);
      closeStudy(reopened);
    }
    expect(reported.size).toBeGreaterThan(KILLS);
  }, 180_000);
});
