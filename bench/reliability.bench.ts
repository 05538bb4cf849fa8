// The reliability report (segment agreement, AC1 and alpha for 28 keys, the ICCs of their segments per
// session, ICCs, weighted kappa, AC2 and alpha for 28 items) over 1,000 recordings × 2 coders, all signed
// off, against a raw SELECT of the rows it reads, in the same run.
import { reliabilityReport } from '../electron/core/reliability/index.ts';
import { generatedStudy, medianMs, rawSelect } from './generated-study.ts';
import { type BenchResult, round } from './types.ts';

const ROUNDS = 3;

export async function reliabilityBench(): Promise<BenchResult[]> {
  const study = generatedStudy();
  rawSelect(study);
  const reportMs = await medianMs(ROUNDS, () => reliabilityReport(study.db));
  const selectMs = await medianMs(ROUNDS, () => rawSelect(study));
  const ratio = reportMs / selectMs;
  return [
    { name: 'reliability over 1,000 recordings × 2 coders', value: round(reportMs, 1), unit: 'ms', goal: '< 2000 ms', ok: reportMs < 2000 },
    { name: 'reliability / raw SELECT of the same rows', value: round(ratio, 2), unit: 'x', goal: '<= 3x', ok: ratio <= 3 },
  ];
}
