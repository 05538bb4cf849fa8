// The rows of `npm run chaos`, in the README's order. Each lives in its own *.chaos.ts file.
import { badCsvs } from './bad-csvs.chaos.ts';
import { prepareKill } from './prepare-kill.chaos.ts';
import { rekeyKill } from './rekey-kill.chaos.ts';
import type { ChaosScenario } from './types.ts';
import { unauditedEdits } from './unaudited-edits.chaos.ts';
import { walDamage } from './wal-damage.chaos.ts';
import { weakPassphrases } from './weak-passphrases.chaos.ts';

export const scenarios: ChaosScenario[] = [prepareKill, rekeyKill, walDamage, unauditedEdits, badCsvs, weakPassphrases];
