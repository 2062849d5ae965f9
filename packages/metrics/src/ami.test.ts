import { describe, expect, it } from '@jest/globals';
import { adjustedMutualInfo, ami, expectedMutualInfo } from './ami.ts';
import { contingency } from './contingency.ts';
import { mutualInfo } from './information.ts';
import { lgamma } from '@scbench/numerics';
import { randomLabels } from './testing.ts';

function permutations(n: number): Int32Array[] {
  if (n === 1) return [Int32Array.of(0)];
  const out: Int32Array[] = [];
  for (const p of permutations(n - 1)) {
    for (let pos = 0; pos < n; pos++) {
      const q = new Int32Array(n);
      for (let i = 0, k = 0; i < n; i++) q[i] = i === pos ? n - 1 : p[k++];
      out.push(q);
    }
  }
  return out;
}

describe('expected mutual information', () => {
  it('is the mean MI over every permutation of the prediction (the hypergeometric model, by enumeration)', () => {
    const truth = Int32Array.from([0, 0, 0, 1, 1, 2, 2]);
    const pred = Int32Array.from([0, 1, 1, 1, 2, 2, 3]);
    const perms = permutations(7);
    let sum = 0;
    for (const p of perms) sum += mutualInfo(contingency(truth, Int32Array.from(p, (i) => pred[i])));
    const c = contingency(truth, pred);
    for (const method of ['exact', 'windowed'] as const) {
      expect(expectedMutualInfo(c.rowSums, c.colSums, 7, method)).toBeCloseTo(sum / perms.length, 13);
    }
  });

  it('windowed and exact sums agree to the precision ln Γ(N) allows', () => {
    for (const [n, kt, kp] of [[3000, 8, 9], [20000, 3, 50], [50000, 12, 12]]) {
      const c = contingency(randomLabels(n, kt, n), randomLabels(n, kp, n + 1));
      const exact = expectedMutualInfo(c.rowSums, c.colSums, n, 'exact');
      const windowed = expectedMutualInfo(c.rowSums, c.colSums, n, 'windowed');
      // Each probability is exp of ln Γ terms of size ln Γ(N+1) cancelling to O(1): that is the agreement to expect.
      const precision = 4 * Number.EPSILON * lgamma(n + 1);
      expect(Math.abs(windowed - exact)).toBeLessThanOrEqual(precision * exact);
    }
  });

  it('is 0 when one side has a single cluster', () => {
    expect(expectedMutualInfo(Int32Array.of(10), Int32Array.of(3, 7), 10)).toBe(0);
  });
});

describe('adjusted mutual information', () => {
  it('is about 0 for independent labelings and 1 for a relabelled copy', () => {
    const truth = randomLabels(20000, 10, 5);
    expect(Math.abs(ami.score(truth, randomLabels(20000, 12, 6)))).toBeLessThan(2e-3);
    expect(ami.score(truth, truth.map((v) => 9 - v))).toBeCloseTo(1, 12);
  });

  it('is symmetric', () => {
    const t = randomLabels(500, 4, 1);
    const p = randomLabels(500, 6, 2);
    expect(ami.score(p, t)).toBeCloseTo(ami.score(t, p), 13);
  });

  it('follows sklearn where EMI equals MI (two all-singleton labelings): the epsilon guard decides, not a limit', () => {
    // sklearn 1.2.1 (fixtures/reference.json): 0 at n = 2 and 4, where MI − EMI is exactly 0; 1 elsewhere.
    const expected: Record<number, number> = { 2: 0, 3: 1, 4: 0, 5: 1, 100: 1 };
    for (const [n, value] of Object.entries(expected)) {
      const t = Int32Array.from({ length: Number(n) }, (_, i) => i);
      expect(adjustedMutualInfo(contingency(t, t.slice().reverse()))).toBe(value);
    }
  });
});
