import { averageRanks } from '../stats.ts';
import { chiSquareSf } from './chi-square.ts';

export interface FriedmanResult {
  /** Blocks (datasets) and treatments (methods) that entered the test. */
  n: number;
  k: number;
  /** Mean rank of each method over the datasets (1 = best; ties share their average rank). */
  meanRanks: number[];
  /** Friedman's chi-square with the tie correction, as scipy.stats.friedmanchisquare computes it. */
  statistic: number;
  /** Upper tail of chi-square with k − 1 degrees of freedom. */
  pValue: number;
}

/**
 * The Friedman test over a datasets × methods table of scores (Demšar 2006, §3.2.2): are the methods' mean ranks
 * further apart than chance would put them? Each row is ranked on its own (higher is better unless told otherwise;
 * NaN — a method that failed on that dataset — ranks last). Needs at least 2 methods and 2 datasets.
 */
export function friedmanTest(scores: readonly (readonly number[])[], higherIsBetter = true): FriedmanResult {
  const n = scores.length;
  const k = n ? scores[0].length : 0;
  if (n < 2 || k < 2) throw new Error(`the Friedman test needs at least 2 datasets and 2 methods, got ${n} × ${k}`);
  if (scores.some((row) => row.length !== k)) throw new Error('the Friedman test needs the same methods on every dataset');
  const ranks = scores.map((row) => averageRanks(row, higherIsBetter));
  const sums = new Array<number>(k).fill(0);
  for (const row of ranks) row.forEach((r, j) => (sums[j] += r));
  const ssb = sums.reduce((acc, s) => acc + s * s, 0);
  let statistic = (12 / (n * k * (k + 1))) * ssb - 3 * n * (k + 1);
  // Tie correction: 1 − Σ(t³ − t) / (n k (k² − 1)) over the groups of tied ranks in each row (as scipy).
  let ties = 0;
  for (const row of ranks) {
    const counts = new Map<number, number>();
    for (const r of row) counts.set(r, (counts.get(r) ?? 0) + 1);
    for (const t of counts.values()) ties += t * t * t - t;
  }
  const correction = 1 - ties / (n * k * (k * k - 1));
  statistic = correction > 0 ? statistic / correction : 0; // every row all ties: nothing to tell apart
  return { n, k, meanRanks: sums.map((s) => s / n), statistic, pValue: chiSquareSf(statistic, k - 1) };
}
