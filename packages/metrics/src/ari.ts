import { defineMetric } from '@scbench/api';
import { contingency, type Contingency } from './contingency.ts';

/** Largest n for which n² (and so every pair count below) is an exact float64 integer. */
const MAX_EXACT_N = 94_906_265;

/**
 * Pair counts (sklearn's `pair_confusion_matrix`, counted over ordered pairs): sumSquares = Σ n_rc²,
 * rowSquares = Σ a_r², colSquares = Σ b_c². Exact integers while n ≤ 94,906,265.
 */
export function pairSums(c: Contingency): { sumSquares: number; rowSquares: number; colSquares: number } {
  if (c.n > MAX_EXACT_N) throw new Error(`metrics: pair counts for n = ${c.n} exceed exact float64 integers (max ${MAX_EXACT_N})`);
  let sumSquares = 0;
  for (let k = 0; k < c.counts.length; k++) sumSquares += c.counts[k] * c.counts[k];
  let rowSquares = 0;
  for (let r = 0; r < c.rows; r++) rowSquares += c.rowSums[r] * c.rowSums[r];
  let colSquares = 0;
  for (let j = 0; j < c.cols; j++) colSquares += c.colSums[j] * c.colSums[j];
  return { sumSquares, rowSquares, colSquares };
}

/**
 * Adjusted Rand index, sklearn's pair-confusion form: 1 when there are no discordant pairs (which covers one cluster
 * on both sides, identical partitions and n = 1), else 2(tp·tn − fn·fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn)).
 * sklearn multiplies those O(n⁴) products as exact Python integers; BigInt does the same here, and the two final
 * int→float conversions round to nearest-even in both languages, so the results agree bit for bit.
 */
export function adjustedRand(c: Contingency, sums = pairSums(c)): number {
  const n = c.n;
  const { sumSquares, rowSquares, colSquares } = sums;
  const tp = sumSquares - n;
  const fp = colSquares - sumSquares; // together in pred, apart in truth
  const fn = rowSquares - sumSquares; // together in truth, apart in pred
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  const [TP, FP, FN, TN] = [BigInt(tp), BigInt(fp), BigInt(fn), BigInt(tn)];
  const numerator = TP * TN - FN * FP;
  const denominator = (TP + FN) * (FN + TN) + (TP + FP) * (FP + TN);
  return (2 * Number(numerator)) / Number(denominator);
}

export const ari = defineMetric({
  id: 'ari',
  label: 'ARI',
  higherIsBetter: true,
  range: [-0.5, 1],
  score: (truth, pred) => adjustedRand(contingency(truth, pred)),
});
