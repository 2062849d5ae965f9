import { describe, expect, it } from '@jest/globals';
import { assertCsr, csrToDense } from './csr.ts';
import { zeros } from './dense.ts';
import { knn } from './knn.ts';
import { createRng } from './rng.ts';
import { snn } from './snn.ts';

describe('snn', () => {
  it('gives Jaccard weights of the self-inclusive neighbourhoods, pruned below 1/15, symmetric', () => {
    const r = createRng(1);
    const n = 70;
    const k = 10; // m = 11: one shared neighbour gives 1/21 < 1/15 (pruned), two give 2/20 (kept)
    const x = zeros(n, 2);
    for (let i = 0; i < x.data.length; i++) x.data[i] = r.normal();
    const nn = knn(x, k);
    const sets = Array.from({ length: n }, (_, i) => new Set([i, ...Array.from(nn.indices.subarray(i * k, i * k + k))]));
    const g = snn(nn);
    assertCsr('g', g);
    const dense = csrToDense(g);
    let pruned = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const inter = [...sets[i]].filter((c) => sets[j].has(c)).length;
      const jac = inter / (2 * (k + 1) - inter);
      const expected = jac < 1 / 15 ? 0 : jac;
      if (jac > 0 && jac < 1 / 15) pruned++;
      expect(Math.abs(dense.data[i * n + j] - expected)).toBeLessThan(1e-6);
    }
    expect(pruned).toBeGreaterThan(0);
    const strict = csrToDense(snn(nn, { prune: 0.2, selfLoops: false }));
    for (let i = 0; i < n; i++) {
      expect(strict.data[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) expect(strict.data[i * n + j] === 0 || strict.data[i * n + j] >= 0.2).toBe(true);
    }
  });

  it('rejects bad options', () => {
    const nn = { k: 1, indices: Int32Array.from([1, 0]), distances: Float32Array.from([1, 1]) };
    expect(() => snn(nn, { prune: 2 })).toThrow(/prune must be/);
  });
});
