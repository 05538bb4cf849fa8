// One row of `npm run chaos`: an attack or accident tried a number of times, and how often the promise held.

export interface ChaosOutcome {
  /** How many attempts were made. */
  tried: number;
  /** How many of them left every promise intact. */
  held: number;
  /** One short line per attempt that did not hold (what was tried, what was found). */
  failures: string[];
}

export interface ChaosScenario {
  /** The row's name, as the README's table says it, e.g. "kill -9 during media prepare, then look in $TMPDIR". */
  name: string;
  /** Attempts in the full run (`npm run chaos`). */
  fullCycles: number;
  /** Attempts in the reduced run that `npm test` makes. */
  reducedCycles: number;
  run(cycles: number): Promise<ChaosOutcome>;
}
