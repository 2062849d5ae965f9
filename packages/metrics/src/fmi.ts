import { defineMetric } from '@scbench/api';
import { pairSums } from './ari.ts';
import { contingency, type Contingency } from './contingency.ts';

/**
 * Fowlkes–Mallows index TP / √((TP+FP)(TP+FN)) over sample pairs, in sklearn's form √(tk/pk)·√(tk/qk), and like
 * sklearn 0 when no pair is together on both sides (tk = 0) — which includes n = 1 and all-singleton labelings.
 */
export function fowlkesMallows(c: Contingency, sums = pairSums(c)): number {
  const tk = sums.sumSquares - c.n;
  const pk = sums.colSquares - c.n;
  const qk = sums.rowSquares - c.n;
  return tk !== 0 ? Math.sqrt(tk / pk) * Math.sqrt(tk / qk) : 0;
}

export const fmi = defineMetric({
  id: 'fmi',
  label: 'FMI',
  higherIsBetter: true,
  range: [0, 1],
  score: (truth, pred) => fowlkesMallows(contingency(truth, pred)),
});
