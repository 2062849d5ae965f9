import { describe, expect, it } from '@jest/globals';
import { assertCsr, csrToDense } from './csr.ts';
import { createRng } from './rng.ts';
import { rowNormalisedGraph, similarityGraph, topSimilar, type Similarity } from './similarity-graph.ts';

/** The originals' dense similarity, written out from their formulas (heat as the negative squared distance). */
function denseSimilarity(x: number[][], kind: Similarity): number[][] {
  let f = x.map((r) => r.slice());
  if (kind === 'cos' || kind === 'ncos') {
    f = f.map((r) => r.map((v) => (v > 0 ? 1 : v)));
    if (kind === 'ncos') f = f.map((r) => { const s = r.reduce((a, v) => a + Math.abs(v), 0); return r.map((v) => v / s); });
  }
  if (kind === 'p') {
    const all = f.flat();
    const m = all.reduce((a, v) => a + v, 0) / all.length;
    f = f.map((r) => r.map((v) => v - m));
  }
  return f.map((a) => f.map((b) => (kind === 'heat' ? -a.reduce((s, v, t) => s + (v - b[t]) ** 2, 0) : a.reduce((s, v, t) => s + v * b[t], 0))));
}

describe('similarity graphs (SDCN / scDSC)', () => {
  const r = createRng(2);
  const n = 90;
  const d = 12;
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.max(0, r.normal() + 0.3)));
  const x = { rows: n, cols: d, data: Float32Array.from(rows.flat()) };

  for (const kind of ['heat', 'cos', 'ncos', 'p'] as const) {
    it(`${kind}: the blocked search returns each row's top k+1 of the dense similarity, itself removed`, () => {
      const k = 5;
      const sim = denseSimilarity(rows, kind);
      const nb = topSimilar(x, k, kind, { blockSize: 16 }); // blocks smaller than n: several blocks per row
      for (let i = 0; i < n; i++) {
        const got = Array.from(nb.indices.subarray(nb.indptr[i], nb.indptr[i + 1]));
        const order = sim[i].map((v, j) => [v, j]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k + 1).map((p) => p[1]);
        const kth = sim[i][order[k]];
        // The same set up to ties at the boundary (float32 rows vs float64 reference).
        const expected = order.filter((j) => j !== i);
        // k, or k+1 when the cell is not among its own top k+1 (ties with itself included: binary cos/ncos).
        expect([k, k + 1]).toContain(got.length);
        expect(got).not.toContain(i);
        for (const j of got) expect(sim[i][j]).toBeGreaterThanOrEqual(kth - 1e-4 * Math.max(1, Math.abs(kth)));
        if (kind === 'heat') expect(got).toEqual(expected); // no ties: the exact list
      }
    });
  }

  it('symmetrises by union, adds self-loops and normalises rows to 1', () => {
    const g = rowNormalisedGraph(4, { indptr: Int32Array.from([0, 1, 2, 3, 3]), indices: Int32Array.from([1, 2, 0]) });
    assertCsr('g', g);
    const a = csrToDense(g);
    // edges 0→1, 1→2, 2→0: union makes a triangle on {0,1,2}; node 3 has only its self-loop.
    const want = [[1 / 3, 1 / 3, 1 / 3, 0], [1 / 3, 1 / 3, 1 / 3, 0], [1 / 3, 1 / 3, 1 / 3, 0], [0, 0, 0, 1]];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(a.data[i * 4 + j]).toBeCloseTo(want[i][j], 6);
    const full = similarityGraph(x, 10, 'heat');
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = full.indptr[i]; p < full.indptr[i + 1]; p++) s += full.data[p];
      expect(s).toBeCloseTo(1, 5);
      expect(full.indptr[i + 1] - full.indptr[i]).toBeGreaterThanOrEqual(11);
    }
  });

  it('rejects bad input with the fix', () => {
    expect(() => topSimilar(x, 0, 'heat')).toThrow(/positive integer/);
    expect(() => topSimilar(x, n, 'heat')).toThrow(/lower k/);
    expect(() => topSimilar(x, 3, 'pearson' as Similarity)).toThrow(/one of heat, cos, ncos, p/);
  });
});
