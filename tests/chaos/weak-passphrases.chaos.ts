// Row "weak passphrases at create": `3rs study create` with each of six passphrases an attacker would try
// early (tests/helpers/weak-passphrases.ts). It holds when the command exits 2 with WEAK_PASSPHRASE, says why
// and what to choose instead, and leaves no file.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run3rs } from '../helpers/cli.ts';
import { WEAK_PASSPHRASES } from '../helpers/weak-passphrases.ts';
import type { ChaosOutcome, ChaosScenario } from './types.ts';

async function run(cycles: number): Promise<ChaosOutcome> {
  const root = mkdtempSync(join(tmpdir(), '3rs-chaos-weak-'));
  const failures: string[] = [];
  let held = 0;
  try {
    for (let i = 0; i < cycles; i++) {
      const weak = WEAK_PASSPHRASES[i % WEAK_PASSPHRASES.length]!;
      const r = await run3rs(['study', 'create', join(root, 'study.3rs'), '--passphrase-env', 'WEAK_PASS'], { env: { WEAK_PASS: weak } });
      const problems: string[] = [];
      if (r.code !== 2) problems.push(`exit ${r.code}`);
      if (!/too easy to guess: [^.]+\. .*A short sentence of four or more words.*\(WEAK_PASSPHRASE\)/.test(r.stderr))
        problems.push(`no reason and advice: ${r.stderr.trim() || r.stdout.trim()}`);
      const left = readdirSync(root);
      if (left.length) problems.push(`left ${left.join(', ')}`);
      rmSync(join(root, 'study.3rs'), { force: true });
      if (problems.length) failures.push(`${JSON.stringify(weak)}: ${problems.join('; ')}`);
      else held++;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { tried: cycles, held, failures };
}

export const weakPassphrases: ChaosScenario = {
  name: 'weak passphrases at create',
  fullCycles: WEAK_PASSPHRASES.length,
  reducedCycles: WEAK_PASSPHRASES.length,
  run,
};
