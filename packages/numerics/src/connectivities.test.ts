import { describe, expect, it } from '@jest/globals';
import { assertCsr, csrToDense } from './csr.ts';
import { connectivities, smoothKnnDistances } from './connectivities.ts';
import { zeros } from './dense.ts';
import { knn } from './knn.ts';
import { createRng } from './rng.ts';

function data(n: number, d: number, seed: number) {
  const r = createRng(seed);
  const x = zeros(n, d);
  for (let i = 0; i < x.data.length; i++) x.data[i] = r.normal() + (i % 3);
  return x;
}

describe('connectivities', () => {
  it('calibrates σ so that the memberships sum to log2(nNeighbors)', () => {
    const nn = knn(data(80, 4, 1), 9);
    const { sigma, rho } = smoothKnnDistances(nn);
    for (let i = 0; i < 80; i++) {
      expect(rho[i]).toBe(nn.distances[i * 9]);
      let psum = 0;
      for (let t = 0; t < 9; t++) psum += Math.exp(-Math.max(0, nn.distances[i * 9 + t] - rho[i]) / sigma[i]);
      expect(Math.abs(psum - Math.log2(10))).toBeLessThan(1e-4);
    }
  });

  it('is the fuzzy union W + Wᵀ − W∘Wᵀ of the directed memberships, symmetric, zero diagonal', () => {
    const n = 60;
    const k = 6;
    const nn = knn(data(n, 3, 2), k);
    const { sigma, rho } = smoothKnnDistances(nn);
    const w = Array.from({ length: n }, () => new Array(n).fill(0));
    for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) {
      w[i][nn.indices[i * k + t]] = Math.exp(-Math.max(0, nn.distances[i * k + t] - rho[i]) / sigma[i]);
    }
    const g = connectivities(nn);
    assertCsr('g', g);
    const dense = csrToDense(g);
    for (let i = 0; i < n; i++) {
      expect(dense.data[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) {
        const expected = w[i][j] + w[j][i] - w[i][j] * w[j][i];
        expect(Math.abs(dense.data[i * n + j] - expected)).toBeLessThan(1e-6);
        expect(dense.data[i * n + j]).toBe(dense.data[j * n + i]);
      }
    }
    // every point's nearest neighbour gets membership 1 (d = ρ)
    for (let i = 0; i < n; i++) expect(dense.data[i * n + nn.indices[i * k]]).toBeCloseTo(1, 6);
  });

  it('handles duplicates (distance 0 neighbours) and rejects bad indices', () => {
    const x = zeros(5, 1);
    x.data.set([0, 0, 0, 1, 3]);
    const g = connectivities(knn(x, 2));
    for (const v of g.data) expect(v > 0 && v <= 1).toBe(true);
    const bad = { k: 1, indices: Int32Array.from([1, 5]), distances: Float32Array.from([1, 1]) };
    expect(() => connectivities(bad)).toThrow(/knn.indices\[1\] = 5/);
  });
});
