import { describe, expect, it } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { silhouetteScore } from './silhouette.ts';
import { randomLabels } from './testing.ts';

function blobs(n: number, k: number, seed: number): { x: Matrix; labels: Int32Array } {
  const labels = randomLabels(n, k, seed);
  const noise = randomLabels(n * 3, 1000, seed + 1);
  const data = Float32Array.from({ length: n * 3 }, (_, i) => labels[Math.floor(i / 3)] * 5 * (i % 3 === 0 ? 1 : 0) + noise[i] / 1000);
  return { x: { rows: n, cols: 3, data }, labels };
}

describe('silhouette', () => {
  it('is near 1 for well separated blobs and near 0 for random labels', () => {
    const { x, labels } = blobs(300, 4, 1);
    expect(silhouetteScore(x, labels)).toBeGreaterThan(0.8);
    expect(Math.abs(silhouetteScore(x, randomLabels(300, 4, 99)))).toBeLessThan(0.1);
  });

  it('throws like sklearn for one cluster or as many clusters as samples', () => {
    const { x } = blobs(10, 2, 2);
    expect(() => silhouetteScore(x, new Int32Array(10))).toThrow(/number of labels is 1; valid values are 2 to n_samples − 1 = 9/);
    expect(() => silhouetteScore(x, Int32Array.from({ length: 10 }, (_, i) => i))).toThrow(/number of labels is 10/);
    expect(() => silhouetteScore(x, new Int32Array(9))).toThrow(/10 rows but labels has 9/);
  });

  it('samples reproducibly from a seed', () => {
    const { x, labels } = blobs(400, 3, 3);
    const a = silhouetteScore(x, labels, { sampleSize: 100, seed: 7 });
    expect(silhouetteScore(x, labels, { sampleSize: 100, seed: 7 })).toBe(a);
    expect(silhouetteScore(x, labels, { sampleSize: 100, seed: 8 })).not.toBe(a);
    // A sample as large as the data is the full score, up to summation order.
    expect(silhouetteScore(x, labels, { sampleSize: 1000, seed: 1 })).toBeCloseTo(silhouetteScore(x, labels), 12);
    expect(() => silhouetteScore(x, labels, { sampleSize: 0 })).toThrow(/positive integer/);
  });
});
