// What a reliability report left out of its segment agreement, said briefly: per coder, how many of the
// chosen recordings they have not coded, with a few examples, and which one coder to untick, if unticking
// one would bring every recording back.

import type { ReliabilityReport } from '../electron/core/api/contract.ts';

type NotCoded = ReliabilityReport['notCoded'][number];

export interface MissingByCoder {
  coder: string;
  count: number;
  /** The first few recordings the coder has not coded, in report order. */
  examples: string[];
}

export interface LeftOut {
  recordings: number;
  byCoder: MissingByCoder[];
  /** The coder whose absence explains every recording left out, when there is one such coder. */
  untick: string | null;
}

const EXAMPLES = 3;

export function leftOutSummary(notCoded: readonly NotCoded[]): LeftOut {
  const byCoder = new Map<string, string[]>();
  for (const { recording, coders } of notCoded) {
    for (const coder of coders) {
      const missing = byCoder.get(coder) ?? [];
      missing.push(recording);
      byCoder.set(coder, missing);
    }
  }
  const coders = [...byCoder].map(([coder, missing]) => ({ coder, count: missing.length, examples: missing.slice(0, EXAMPLES) }));
  coders.sort((a, b) => b.count - a.count || (a.coder < b.coder ? -1 : 1));
  const untick = coders.length === 1 ? coders[0]!.coder : null;
  return { recordings: notCoded.length, byCoder: coders, untick };
}

/** "D01-S01, D01-S02, D01-S03 and 87 more" */
export function exampleList({ count, examples }: MissingByCoder): string {
  const more = count - examples.length;
  if (more > 0) return `${examples.join(', ')} and ${more} more`;
  return examples.length > 1 ? `${examples.slice(0, -1).join(', ')} and ${examples[examples.length - 1]}` : (examples[0] ?? '');
}
