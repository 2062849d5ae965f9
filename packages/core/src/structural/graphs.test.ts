import { beforeAll, describe, expect, it } from '@jest/globals';
import { initEngine, tf } from '@scbench/engine';
import { csrToDense } from '@scbench/numerics';
import { knnCosineAdjacency, structuralGraph, useGram } from './graphs.ts';
import { apply64, matmul64, maxAbsDiff, normalise64, referenceM, tinyCounts, type Dense64 } from './test-helpers.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

const n = 9;
const p = 5;
const d = 3;
const x = tinyCounts(n, p);
x.data.fill(0, 4 * p, 5 * p); // an all-zero cell: the original's NaN → 0 path
const z = Float32Array.from({ length: n * d }, (_, t) => Math.sin(t + 1));

function applyForm(form: 'dense' | 'factored' | 'sparse', b: number, extra = {}): Float32Array {
  const g = structuralGraph(x, { form, balancer: b, ...extra });
  const start = tf.memory().numTensors;
  const zt = tf.tensor2d(z, [n, d]);
  const out = g.apply(zt);
  const v = out.dataSync() as Float32Array;
  tf.dispose([zt, out]);
  expect(tf.memory().numTensors).toBe(start);
  g.dispose();
  return Float32Array.from(v);
}

describe('structural graphs', () => {
  it.each([0, 0.21, 1])('dense and factored M·z equal the hand computation (balancer %p)', (b) => {
    const want = apply64(referenceM(x, b), z, d);
    expect(maxAbsDiff(applyForm('dense', b), want)).toBeLessThan(1e-5);
    expect(maxAbsDiff(applyForm('factored', b), want)).toBeLessThan(1e-5);
  });

  it('factored with genes ≥ 4·cells (A₁ kept as the N×N Gram matrix) equals the hand computation', () => {
    const xw = tinyCounts(6, 30);
    const zw = Float32Array.from({ length: 6 * d }, (_, t) => Math.cos(t + 1));
    expect(useGram(6, 30)).toBe(true);
    expect(useGram(n, p)).toBe(false);
    const g = structuralGraph(xw, { form: 'factored', balancer: 0.21 });
    const zt = tf.tensor2d(zw, [6, d]);
    const out = g.apply(zt);
    expect(maxAbsDiff(out.dataSync() as Float32Array, apply64(referenceM(xw, 0.21), zw, d))).toBeLessThan(1e-5);
    tf.dispose([zt, out]);
    g.dispose();
  });

  it('sparse with all neighbours kept equals the dense graph (two-hop product without A²)', () => {
    const want = apply64(referenceM(x, 0.3), z, d);
    expect(maxAbsDiff(applyForm('sparse', 0.3, { k: n - 1, knnPcs: 0 }), want)).toBeLessThan(1e-5);
  });

  it('sparse with few neighbours applies the normalised square of its own kNN graph', () => {
    const a = knnCosineAdjacency(x, 2, 0);
    const dense = csrToDense(a);
    const rows: Dense64 = Array.from({ length: n }, (_, i) => Float64Array.from(dense.data.subarray(i * n, (i + 1) * n)));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(rows[i][j]).toBe(rows[j][i]); // symmetric
    expect(rows[0][0]).toBeCloseTo(1, 6); // self loop = cos(x, x)
    expect(rows[4][4]).toBe(0); // the zero cell has no loop
    const b = 0.4;
    const n1 = normalise64(rows);
    const n2 = normalise64(matmul64(rows, rows));
    const m = n1.map((r, i) => r.map((v, j) => b * v + (1 - b) * n2[i][j]));
    expect(maxAbsDiff(applyForm('sparse', b, { k: 2, knnPcs: 0 }), apply64(m, z, d))).toBeLessThan(1e-5);
  });

  it('keeps an all-zero cell out of the graph (no NaN)', () => {
    for (const form of ['dense', 'factored', 'sparse'] as const) {
      const out = applyForm(form, 0.5, { k: 3, knnPcs: 0 });
      expect(out.every(Number.isFinite)).toBe(true);
      for (let c = 0; c < d; c++) expect(out[4 * d + c]).toBe(0);
    }
  });

  it('finds neighbours on principal components when asked and still weights edges by exact cosines', () => {
    const big = tinyCounts(60, 12, 7);
    const a = knnCosineAdjacency(big, 5, 4, 0);
    const dense = csrToDense(a);
    for (let i = 0; i < 60; i++) {
      for (let q = a.indptr[i]; q < a.indptr[i + 1]; q++) {
        const j = a.indices[q];
        let s = 0, ni = 0, nj = 0;
        for (let t = 0; t < 12; t++) {
          s += big.data[i * 12 + t] * big.data[j * 12 + t];
          ni += big.data[i * 12 + t] ** 2;
          nj += big.data[j * 12 + t] ** 2;
        }
        expect(a.data[q]).toBeCloseTo(s / Math.sqrt(ni * nj), 5);
        expect(dense.data[j * 60 + i]).toBe(a.data[q]);
      }
    }
  });

  it('takes signed input in the kNN form: an anti-correlated neighbour is no edge, the factored form refuses it', () => {
    const signed = tinyCounts(40, 6, 3);
    for (let t = 0; t < signed.data.length; t++) signed.data[t] -= 2; // centred-ish counts: cosines of both signs
    const a = knnCosineAdjacency(signed, 8, 0);
    let offDiagonal = 0;
    for (let i = 0; i < 40; i++) {
      for (let q = a.indptr[i]; q < a.indptr[i + 1]; q++) {
        if (a.indices[q] === i) continue;
        offDiagonal++;
        expect(a.data[q]).toBeGreaterThan(0);
      }
    }
    expect(offDiagonal).toBeGreaterThan(0);
    expect(() => structuralGraph(signed, { form: 'factored', balancer: 0.5 })).toThrow(/non-negative input/);
  });

  it.each(['dense', 'factored', 'sparse'] as const)('deflate removes each graph\'s trivial eigenvector D^{1/2}·1 (%s)', (form) => {
    const b = 0.3;
    // Reference: degrees of A₁ and A₂ by hand, uᵢ = √dᵢ/‖√dᵢ‖, M' = M − b·u₁u₁ᵀ − (1 − b)·u₂u₂ᵀ.
    const xh = Array.from({ length: n }, (_, i) => {
      const r = Float64Array.from(x.data.subarray(i * p, (i + 1) * p));
      const norm = Math.max(Math.hypot(...r), 1e-12);
      return r.map((v) => v / norm);
    });
    const a1 = xh.map((ri) => Float64Array.from(xh, (rj) => ri.reduce((s, v, t) => s + v * rj[t], 0)));
    const a2 = matmul64(a1, a1);
    const unit = (a: Dense64) => {
      const u = a.map((row) => Math.sqrt(Math.max(row.reduce((s, v) => s + v, 0), 0)));
      const norm = Math.hypot(...u);
      return u.map((v) => v / norm);
    };
    const u1 = unit(a1);
    const u2 = unit(a2);
    const m = referenceM(x, b).map((row, i) => row.map((v, j) => v - b * u1[i] * u1[j] - (1 - b) * u2[i] * u2[j]));
    const got = applyForm(form, b, { deflate: true, k: n - 1, knnPcs: 0 });
    expect(maxAbsDiff(got, apply64(m, z, d))).toBeLessThan(1e-5);
    // …and differs from the undeflated operator (the correction is not a no-op).
    expect(maxAbsDiff(got, applyForm(form, b, { k: n - 1, knnPcs: 0 }))).toBeGreaterThan(1e-2);
  });

  it('deflated, the trivial eigenvector maps to zero', () => {
    const g = structuralGraph(x, { form: 'factored', balancer: 1, deflate: true });
    expect(g.info.deflated).toBe(true);
    const xh = Array.from({ length: n }, (_, i) => {
      const r = Float64Array.from(x.data.subarray(i * p, (i + 1) * p));
      const norm = Math.max(Math.hypot(...r), 1e-12);
      return r.map((v) => v / norm);
    });
    const d1 = xh.map((ri) => xh.reduce((s, rj) => s + ri.reduce((q, v, t) => q + v * rj[t], 0), 0));
    const u = tf.tensor2d(d1.map(Math.sqrt), [n, 1]);
    const out = g.apply(u);
    for (const v of out.dataSync()) expect(Math.abs(v)).toBeLessThan(1e-5);
    tf.dispose([u, out]);
    g.dispose();
  });

  it('rejects the factored form on negative input and a balancer outside [0, 1]', () => {
    expect(() => structuralGraph({ rows: 2, cols: 2, data: Float32Array.of(1, -1, 0, 2) }, { form: 'factored', balancer: 0.5 })).toThrow(/non-negative/);
    expect(() => structuralGraph(x, { form: 'dense', balancer: 1.5 })).toThrow(/balancer/);
  });
});
