import { describe, expect, it } from '@jest/globals';
import { acc, clusteringAccuracy } from './acc.ts';
import { contingency } from './contingency.ts';
import { injections, randomLabels } from './testing.ts';

/** Best number of matches over every one-to-one map of true classes to predicted clusters. */
function bruteForceMatches(truth: Int32Array, pred: Int32Array): number {
  const c = contingency(truth, pred);
  const cell = (r: number, j: number): number => {
    for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) if (c.indices[k] === j) return c.counts[k];
    return 0;
  };
  let best = 0;
  for (const map of injections(c.rows, c.cols)) {
    let s = 0;
    map.forEach((j, r) => (s += j >= 0 ? cell(r, j) : 0));
    best = Math.max(best, s);
  }
  return best;
}

describe('clustering accuracy', () => {
  it('equals the brute-force optimum, square and rectangular both ways', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const kt = 1 + (seed % 4);
      const kp = 1 + ((seed * 7) % 5);
      const truth = randomLabels(15, kt, seed);
      const pred = randomLabels(15, kp, seed + 1000);
      expect(acc.score(truth, pred)).toBeCloseTo(bruteForceMatches(truth, pred) / 15, 14);
    }
  });

  it('is 1 for a relabelled copy whatever the codes (no zeroing of labels unknown to the truth)', () => {
    const truth = randomLabels(200, 5, 3);
    const pred = truth.map((v) => [70, 3, 1000, 9, 42][v]);
    expect(acc.score(truth, pred)).toBe(1);
  });

  it('counts samples of unmatched extra clusters as wrong', () => {
    // Classes 0/1 each of 4; the prediction splits class 1 into clusters 1 and 2: only one half can be matched.
    const truth = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const pred = Int32Array.from([0, 0, 0, 0, 1, 1, 2, 2]);
    expect(acc.score(truth, pred)).toBe(6 / 8);
    expect(acc.score(pred, truth)).toBe(6 / 8); // and symmetric: merged classes
  });

  it('handles a million singletons through 1×1 components', () => {
    const n = 1_000_000;
    const truth = Int32Array.from({ length: n }, (_, i) => i);
    const pred = Int32Array.from({ length: n }, (_, i) => (i * 7919) % n);
    expect(clusteringAccuracy(contingency(truth, pred))).toBe(1);
  });
});
