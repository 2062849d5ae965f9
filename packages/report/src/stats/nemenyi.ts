import { NEMENYI_Q } from './studentized-range.ts';

export type Alpha = 0.05 | 0.1;

/**
 * The Nemenyi critical difference (Demšar 2006, §3.2.2): two methods whose mean ranks over `n` datasets differ by
 * at least CD = q_α √(k(k+1) / (6n)) perform significantly differently at level α. q_α is the studentized range
 * quantile over √2 (studentized-range.ts, from scipy), tabled for k ≤ 60.
 */
export function nemenyiCriticalDifference(k: number, n: number, alpha: Alpha = 0.05): number {
  const table = NEMENYI_Q[alpha === 0.05 ? '0.05' : '0.1'];
  if (!Number.isInteger(k) || k < 2 || k - 2 >= table.length) throw new Error(`the Nemenyi test is tabled for 2 to ${table.length + 1} methods, got ${k}`);
  if (!(n >= 1)) throw new Error(`the Nemenyi test needs at least one dataset, got ${n}`);
  return table[k - 2] * Math.sqrt((k * (k + 1)) / (6 * n));
}

/**
 * Groups of methods that are not significantly different: maximal runs, in mean-rank order, whose ranks span less
 * than the critical difference — the bars of a critical-difference diagram. Returns index ranges [from, to] into the
 * methods sorted by mean rank (only runs of two or more).
 */
export function cliques(sortedRanks: readonly number[], cd: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < sortedRanks.length; i++) {
    let j = i;
    while (j + 1 < sortedRanks.length && sortedRanks[j + 1] - sortedRanks[i] < cd) j++;
    if (j > i && !(out.length && out[out.length - 1][1] >= j)) out.push([i, j]);
  }
  return out;
}
