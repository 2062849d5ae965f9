import { describe, expect, it } from '@jest/globals';
import { contingency } from './contingency.ts';
import { f1 } from './f1.ts';
import { injections, randomLabels } from './testing.ts';

/**
 * The definition in f1.ts, straight from samples: among maps with the most matched samples, the best macro-F1,
 * where F1 per true class comes from TP/FP/FN counts of the remapped predictions.
 */
function bruteForceF1(truth: Int32Array, pred: Int32Array): number {
  const c = contingency(truth, pred);
  const rowOf = new Map<number, number>();
  c.trueCodes.forEach((v, r) => rowOf.set(v, r));
  const colOf = new Map<number, number>();
  c.predCodes.forEach((v, j) => colOf.set(v, j));
  let bestMatched = -1;
  let bestF1 = -1;
  for (const map of injections(c.rows, c.cols)) {
    const clusterToRow = new Int32Array(c.cols).fill(-1);
    map.forEach((j, r) => j >= 0 && (clusterToRow[j] = r));
    const tp = new Float64Array(c.rows);
    const fp = new Float64Array(c.rows);
    const fn = new Float64Array(c.rows);
    let matched = 0;
    truth.forEach((t, i) => {
      const r = rowOf.get(t)!;
      const mapped = clusterToRow[colOf.get(pred[i])!];
      if (mapped === r) {
        tp[r]++;
        matched++;
      } else {
        fn[r]++;
        if (mapped >= 0) fp[mapped]++;
      }
    });
    let sum = 0;
    for (let r = 0; r < c.rows; r++) sum += (2 * tp[r]) / (2 * tp[r] + fp[r] + fn[r]);
    const macro = sum / c.rows;
    if (matched > bestMatched || (matched === bestMatched && macro > bestF1)) {
      bestMatched = matched;
      bestF1 = macro;
    }
  }
  return bestF1;
}

describe('macro-F1 after matching', () => {
  it('equals the brute-force definition, including tied ACC optima and k_pred ≠ k_true', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const kt = 1 + (seed % 4);
      const kp = 1 + ((seed * 3) % 5);
      const truth = randomLabels(12, kt, seed);
      const pred = randomLabels(12, kp, seed + 500);
      expect(f1.score(truth, pred)).toBeCloseTo(bruteForceF1(truth, pred), 14);
    }
  });

  it('breaks ACC ties towards the better F1', () => {
    // Class 0 (3 samples): 2 in cluster A, 1 in B; class 1 (5): 3 in A, 2 in B. Both maps match 4 samples;
    // 0→A, 1→B gives F1s 2·2/(3+5) and 2·2/(5+3) (mean 0.5), 0→B, 1→A gives 2·1/(3+3) and 2·3/(5+5) (mean 0.467).
    const truth = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1]);
    const pred = Int32Array.from([0, 0, 1, 0, 0, 0, 1, 1]);
    expect(f1.score(truth, pred)).toBeCloseTo((4 / 8 + 4 / 8) / 2, 15);
    expect(f1.score(truth, pred)).toBeCloseTo(bruteForceF1(truth, pred), 15);
  });

  it('gives 0 F1 to unmatched true classes (k_pred < k_true)', () => {
    const truth = Int32Array.from([0, 0, 1, 1, 2, 2]);
    const pred = Int32Array.from([0, 0, 1, 1, 1, 1]);
    // Class 0 → cluster 0 (F1 1), one of classes 1/2 → cluster 1 (F1 2·2/(2+4)), the other unmatched (0).
    expect(f1.score(truth, pred)).toBeCloseTo((1 + 4 / 6) / 3, 15);
  });
});
