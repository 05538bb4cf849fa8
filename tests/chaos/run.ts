// `npm run chaos`: every scenario in this folder at its full count, one line "held N of N" per row.
// `npm run chaos -- --reduced` (and tests/unit/chaos-reduced.test.ts) runs the same code with a few cycles each.
import { scenarios } from './scenarios.ts';

const reduced = process.argv.includes('--reduced');
const only = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map((w) => w.toLowerCase());
const chosen = only.length ? scenarios.filter((s) => only.some((w) => s.name.toLowerCase().includes(w))) : scenarios;

let allHeld = true;
const rows: { row: string; result: string }[] = [];
for (const scenario of chosen) {
  process.stderr.write(`chaos: ${scenario.name}…\n`);
  const outcome = await scenario.run(reduced ? scenario.reducedCycles : scenario.fullCycles);
  if (outcome.held !== outcome.tried) allHeld = false;
  rows.push({ row: scenario.name, result: `held ${outcome.held} of ${outcome.tried}` });
  for (const failure of outcome.failures) process.stderr.write(`  not held: ${failure}\n`);
}
console.table(rows);
process.exitCode = allHeld ? 0 : 1;
