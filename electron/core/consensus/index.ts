// Public API of consensus coding: a lead starts the agreed coding of a recording from one coder's coding.

export { CONSENSUS_START, consensusCoderCodes, consensusCodings, DEFAULT_CONSENSUS_CODE, startConsensus } from './start-consensus.ts';
export type { ConsensusOptions, ConsensusStart } from './start-consensus.ts';
