// The rows of `npm run chaos`, in the README's order. Each lives in its own *.chaos.ts file.
import { prepareKill } from './prepare-kill.chaos.ts';
import type { ChaosScenario } from './types.ts';

export const scenarios: ChaosScenario[] = [prepareKill];
