import { describe, expect, it } from '@jest/globals';
import { csrToDense } from './csr.ts';
import { gaussGraphDense, gaussGraphKnn, pairwiseDistances } from './gauss-graph.ts';
import { createRng } from './rng.ts';

/** scanpy's `gauss` written out on float64 rows (the reference; see gauss-graph.ts for the source). */
function reference(rows: number[][], nNeighbors: number, metric: 'euclidean' | 'cosine', knn: boolean): { w: number[][]; d: number[][] } {
  const n = rows.length;
  const dist = (a: number[], b: number[]): number => {
    if (metric === 'euclidean') return Math.sqrt(a.reduce((s, v, t) => s + (v - b[t]) ** 2, 0));
    const dot = a.reduce((s, v, t) => s + v * b[t], 0);
    const na = Math.sqrt(a.reduce((s, v) => s + v * v, 0));
    const nb = Math.sqrt(b.reduce((s, v) => s + v * v, 0));
    return Math.max(0, 1 - dot / (na * nb));
  };
  const d = rows.map((a, i) => rows.map((b, j) => (i === j ? 0 : dist(a, b))));
  const order = d.map((r, i) => r.map((v, j) => [v, j]).filter(([, j]) => j !== i).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, nNeighbors - 1).map(([, j]) => j));
  const s2 = d.map((r, i) => r[order[i][nNeighbors - 2]] ** 2 / 4);
  const w = d.map((r, i) => r.map((v, j) => {
    const den = s2[i] + s2[j];
    const x = Math.sqrt((2 * Math.sqrt(s2[i] * s2[j])) / den) * Math.exp(-(v * v) / den);
    return x > 1e-14 ? x : 0;
  }));
  if (knn) {
    const mask = d.map(() => new Array<boolean>(n).fill(false));
    order.forEach((row, i) => row.forEach((j) => { mask[i][j] = true; mask[j][i] = true; }));
    return { w: w.map((r, i) => r.map((v, j) => (mask[i][j] ? v : 0))), d };
  }
  return { w, d };
}

describe('scanpy gauss connectivities', () => {
  const r = createRng(7);
  const n = 60;
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: 8 }, () => r.normal() + (i % 3) * 2));
  const x = { rows: n, cols: 8, data: Float32Array.from(rows.flat()) };

  for (const metric of ['euclidean', 'cosine'] as const) {
    it(`knn=False (${metric}): every pair weighted, W_ii = 1, equal to the formula`, () => {
      const ref = reference(rows, 15, metric, false);
      const { connectivities, distances } = gaussGraphDense(x, { nNeighbors: 15, metric });
      for (let i = 0; i < n; i++) {
        expect(connectivities.data[i * n + i]).toBeCloseTo(1, 6);
        for (let j = 0; j < n; j++) {
          expect(distances.data[i * n + j]).toBeCloseTo(ref.d[i][j], 4);
          expect(connectivities.data[i * n + j]).toBeCloseTo(ref.w[i][j], 4);
        }
      }
    });

    it(`knn=True (${metric}): the same weights on the symmetrised kNN pairs, N·k entries`, () => {
      const ref = reference(rows, 15, metric, true);
      const g = gaussGraphKnn(x, { nNeighbors: 15, metric });
      expect(g.indices.length).toBeLessThanOrEqual(2 * n * 14);
      const w = csrToDense(g).data;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(w[i * n + j]).toBeCloseTo(ref.w[i][j], 4);
    });
  }

  it('pairwise cosine distances have a zero diagonal; bad nNeighbors names the fix', () => {
    const d = pairwiseDistances(x, 'cosine');
    for (let i = 0; i < n; i++) expect(d.data[i * n + i]).toBe(0);
    expect(() => gaussGraphDense(x, { nNeighbors: 61 })).toThrow(/lower nNeighbors/);
    expect(() => gaussGraphKnn(x, { nNeighbors: 1 })).toThrow(/integer ≥ 2/);
  });
});
