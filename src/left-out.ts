// What a reliability report left out of its segment agreement, said briefly: per coder (as the core groups
// them), how many of the chosen recordings they have not coded, with a few examples, and which one coder to
// untick, if unticking one would bring every recording back and leave coders to compare.

import type { ReliabilityReport } from '../electron/core/api/contract.ts';

export interface MissingByCoder {
  coder: string;
  count: number;
  /** The first few recordings the coder has not coded, in report order. */
  examples: string[];
}

export interface LeftOut {
  recordings: number;
  byCoder: MissingByCoder[];
  /** The coder whose absence explains every recording left out, when there is one such coder and unticking them leaves two or more. */
  untick: string | null;
}

const EXAMPLES = 3;

export function leftOutSummary(report: Pick<ReliabilityReport, 'notCoded' | 'missingCodings' | 'coders'>): LeftOut {
  const byCoder = report.missingCodings.map(({ coder, recordings }) => ({
    coder,
    count: recordings.length,
    examples: recordings.slice(0, EXAMPLES),
  }));
  // Unticking one of two coders would leave nobody to compare with.
  return { recordings: report.notCoded.length, byCoder, untick: byCoder.length === 1 && report.coders.length > 2 ? byCoder[0]!.coder : null };
}

/** "D01-S01, D01-S02, D01-S03 and 87 more" */
export function exampleList({ count, examples }: MissingByCoder): string {
  const more = count - examples.length;
  if (more > 0) return `${examples.join(', ')} and ${more} more`;
  return examples.length > 1 ? `${examples.slice(0, -1).join(', ')} and ${examples[examples.length - 1]}` : (examples[0] ?? '');
}
