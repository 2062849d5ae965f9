import { describe, expect, it } from '@jest/globals';
import { linearSumAssignment } from './hungarian.ts';

function total(cost: number[][], a: Int32Array): number {
  let s = 0;
  a.forEach((j, i) => { if (j >= 0) s += cost[i][j]; });
  return s;
}

function bruteForceMin(cost: number[][]): number {
  const n = cost.length;
  const m = cost[0].length;
  let best = Infinity;
  const usedCols = new Array(m).fill(false);
  const rec = (i: number, acc: number, assigned: number) => {
    if (assigned === Math.min(n, m) || i === n) {
      if (assigned === Math.min(n, m)) best = Math.min(best, acc);
      return;
    }
    if (n - i > m - assigned) rec(i + 1, acc, assigned); // row i may stay unassigned when rows > cols
    for (let j = 0; j < m; j++) {
      if (usedCols[j]) continue;
      usedCols[j] = true;
      rec(i + 1, acc + cost[i][j], assigned + 1);
      usedCols[j] = false;
    }
  };
  rec(0, 0, 0);
  return best;
}

describe('linearSumAssignment', () => {
  it('solves a known 3×3 case (scipy docs example: optimum 5)', () => {
    const cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
    const a = linearSumAssignment(Float64Array.from(cost.flat()), 3, 3);
    expect(Array.from(a)).toEqual([1, 0, 2]);
    expect(total(cost, a)).toBe(5);
  });
  it('matches brute force on random square and rectangular matrices', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const [n, m] of [[4, 4], [3, 6], [6, 3], [5, 5], [1, 4], [4, 1]]) {
      for (let rep = 0; rep < 5; rep++) {
        const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => Math.floor(rnd() * 20) - 5));
        const a = linearSumAssignment(Float64Array.from(cost.flat()), n, m);
        expect(new Set(Array.from(a).filter((j) => j >= 0)).size).toBe(Math.min(n, m));
        expect(total(cost, a)).toBe(bruteForceMin(cost));
      }
    }
  });
  it('rejects a cost array of the wrong size', () => {
    expect(() => linearSumAssignment(new Float64Array(5), 2, 3)).toThrow(/expected 2×3/);
  });
});
