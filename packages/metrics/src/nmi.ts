import { defineMetric } from '@scbench/api';
import { contingency, type Contingency } from './contingency.ts';
import { entropyOfSizes, mutualInfo } from './information.ts';

/**
 * Normalized mutual information with the arithmetic-mean normaliser (sklearn's default `average_method`):
 * MI / ((H(U) + H(V)) / 2). sklearn's limits: 1 when both sides are a single cluster (a perfect, if trivial, match);
 * 0 whenever MI is 0 (that already covers a single cluster on one side only).
 */
export function normalizedMutualInfo(
  c: Contingency,
  mi: number = mutualInfo(c),
  hTrue: number = entropyOfSizes(c.rowSums),
  hPred: number = entropyOfSizes(c.colSums),
): number {
  if (c.rows === 1 && c.cols === 1) return 1;
  if (mi === 0) return 0;
  return mi / ((hTrue + hPred) / 2);
}

export const nmi = defineMetric({
  id: 'nmi',
  label: 'NMI',
  higherIsBetter: true,
  range: [0, 1],
  score: (truth, pred) => normalizedMutualInfo(contingency(truth, pred)),
});
