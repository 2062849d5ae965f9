import { describe, expect, it } from '@jest/globals';
import { fromRows, zeros } from './dense.ts';
import { createRng } from './rng.ts';
import { sinkhorn, sinkhornBalance } from './sinkhorn.ts';

function softAssignments(n: number, k: number, seed: number) {
  const r = createRng(seed);
  const q = zeros(n, k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += q.data[i * k + j] = r.uniform() + (j === i % k ? 2 : 0);
    for (let j = 0; j < k; j++) q.data[i * k + j] /= s;
  }
  return q;
}

describe('sinkhornBalance (scCDCG / scLLM-DSC form)', () => {
  it('gives rows summing to 1 and columns summing to the cluster sizes', () => {
    const q = softAssignments(60, 4, 1);
    const sizes = [10, 20, 25, 5];
    const p = sinkhornBalance(q, sizes);
    for (let i = 0; i < 60; i++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += p.data[i * 4 + j];
      expect(s).toBeCloseTo(1, 5);
    }
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let i = 0; i < 60; i++) s += p.data[i * 4 + j];
      expect(Math.abs(s - sizes[j])).toBeLessThan(1e-3);
    }
  });

  it('equals diag(u)·pred^λ·diag(v) computed the original way for a few iterations', () => {
    const q = softAssignments(5, 3, 2);
    const col = [1, 2, 2];
    const lambda = 5;
    // Reference: the original loop, written out with plain arrays.
    const p = Array.from({ length: 5 }, (_, i) => Array.from({ length: 3 }, (_, j) => q.data[i * 3 + j] ** lambda));
    let u = new Array(5).fill(1);
    let v = new Array(3).fill(1);
    for (let it = 0; it < 3; it++) {
      u = p.map((r) => 1 / r.reduce((s, x, j) => s + x * v[j], 0));
      v = col.map((c, j) => c / p.reduce((s, r, i) => s + u[i] * r[j], 0));
    }
    u = p.map((r) => 1 / r.reduce((s, x, j) => s + x * v[j], 0));
    const res = sinkhornBalance(q, col, { iterations: 3, power: lambda });
    for (let i = 0; i < 5; i++) for (let j = 0; j < 3; j++) {
      expect(res.data[i * 3 + j]).toBeCloseTo(u[i] * p[i][j] * v[j], 6);
    }
  });

  it('stops at the bitwise fixed point with exactly the numbers of all 1000 iterations', () => {
    const q = softAssignments(400, 6, 3);
    const col = [50, 60, 70, 80, 90, 50];
    // Reference: every one of the 1000 iterations, in the implementation's own summation order (float64).
    const p = Float64Array.from(q.data, (x) => x ** 5);
    const v = new Float64Array(6).fill(1);
    const u = new Float64Array(400);
    let fixedAt = -1;
    for (let it = 0; it < 1000; it++) {
      const uT = new Float64Array(6);
      for (let i = 0; i < 400; i++) {
        let s = 0;
        for (let j = 0; j < 6; j++) s += p[i * 6 + j] * v[j];
        u[i] = 1 / s;
        for (let j = 0; j < 6; j++) uT[j] += u[i] * p[i * 6 + j];
      }
      let same = true;
      for (let j = 0; j < 6; j++) {
        const vj = col[j] / uT[j];
        if (vj !== v[j]) same = false;
        v[j] = vj;
      }
      if (same && fixedAt < 0) fixedAt = it;
    }
    expect(fixedAt).toBeGreaterThan(0);
    expect(fixedAt).toBeLessThan(999); // the early stop is exercised
    for (let i = 0; i < 400; i++) {
      let s = 0;
      for (let j = 0; j < 6; j++) s += p[i * 6 + j] * v[j];
      u[i] = 1 / s;
    }
    const want = Float32Array.from({ length: 400 * 6 }, (_, t) => u[Math.floor(t / 6)] * p[t] * v[t % 6]);
    expect(Array.from(sinkhornBalance(q, col).data)).toEqual(Array.from(want));
  });

  it('keeps the −9e-15 sentinel for an all-zero row, as the original code does', () => {
    const q = fromRows([[0, 0], [0.5, 0.5], [0.9, 0.1]]);
    const p = sinkhornBalance(q, [1, 1], { iterations: 10 });
    expect(Math.abs(p.data[0]) + Math.abs(p.data[1])).toBe(0); // −9e-15 × 0
    expect(p.data[2] + p.data[3]).toBeCloseTo(1, 6);
    expect(() => sinkhornBalance(q, [1])).toThrow(/colMarginals has 1 entries/);
  });
});

describe('sinkhorn (entropic OT)', () => {
  it('matches both marginals and approaches the exact assignment as ε → 0', () => {
    const cost = fromRows([[4, 1, 3], [2, 0, 5], [3, 2, 2]]);
    const a = [1, 1, 1];
    const res = sinkhorn(cost, a, a, 0.05, 5000);
    expect(res.marginalError).toBeLessThan(1e-6);
    // optimum of this cost (scipy docs example) is rows → columns [1, 0, 2], total 5
    let total = 0;
    for (let t = 0; t < 9; t++) total += res.plan.data[t] * cost.data[t];
    expect(total).toBeCloseTo(5, 2);
    expect(res.plan.data[0 * 3 + 1]).toBeGreaterThan(0.99);
  });

  it('with uneven marginals and large ε tends to the product a·bᵀ', () => {
    const r = createRng(3);
    const cost = zeros(6, 4);
    for (let t = 0; t < cost.data.length; t++) cost.data[t] = r.uniform();
    const a = [0.1, 0.2, 0.1, 0.3, 0.2, 0.1];
    const b = [0.25, 0.25, 0.4, 0.1];
    const res = sinkhorn(cost, a, b, 1e4);
    expect(res.marginalError).toBeLessThan(1e-9);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 4; j++) expect(res.plan.data[i * 4 + j]).toBeCloseTo(a[i] * b[j], 4);
    expect(() => sinkhorn(cost, a, [1, 1, 1, 1], 1)).toThrow(/equal mass/);
    expect(() => sinkhorn(cost, a, b, 0)).toThrow(/eps must be > 0/);
  });
});
