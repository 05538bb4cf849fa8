// Public API of consensus coding: a lead starts the agreed coding of a recording from one coder's coding.

export { codingKindOf, CONSENSUS_LOOKUPS, consensusCoderCodes, consensusCodersOf, consensusCodings, type CodingKind } from './consensus-codings.ts';
export { CONSENSUS_START, DEFAULT_CONSENSUS_CODE, startConsensus } from './start-consensus.ts';
export type { ConsensusOptions, ConsensusStart } from './start-consensus.ts';
