// The reduced run of `npm run chaos`: each row's attack a few times, on this build. The full counts run by hand.
import { describe, expect, it } from 'vitest';
import { scenarios } from '../chaos/scenarios.ts';

describe('promises kept under attack (a few cycles of each chaos row)', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: every attempt holds`, async () => {
      const outcome = await scenario.run(scenario.reducedCycles);
      expect(outcome.failures).toEqual([]);
      expect(outcome.held).toBe(outcome.tried);
      expect(outcome.tried).toBe(scenario.reducedCycles);
    }, 300_000);
  }
});
