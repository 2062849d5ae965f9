import { describe, expect, it } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { eigs } from 'mathjs';
import { csrFromDense } from './csr.ts';
import { fromRows, zeros } from './dense.ts';
import { householderQr } from './linalg.ts';
import { pca } from './pca.ts';
import { createRng } from './rng.ts';

/** X = U diag(s) Vᵀ + 1μᵀ with U ⟂ 1, so the centred matrix has exactly the singular values s. */
function knownSpectrum(n: number, p: number, s: number[], seed: number): { x: Matrix; v: Float64Array } {
  const r = createRng(seed);
  const rank = s.length;
  const g = Float64Array.from({ length: n * rank }, () => r.normal());
  for (let c = 0; c < rank; c++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += g[i * rank + c] / n;
    for (let i = 0; i < n; i++) g[i * rank + c] -= m;
  }
  const u = householderQr(g, n, rank).q;
  const v = householderQr(Float64Array.from({ length: p * rank }, () => r.normal()), p, rank).q;
  const x = zeros(n, p);
  const mu = Array.from({ length: p }, () => 5 + r.normal());
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) {
    let t = mu[j];
    for (let c = 0; c < rank; c++) t += u[i * rank + c] * s[c] * v[j * rank + c];
    x.data[i * p + j] = t;
  }
  return { x, v };
}

function covariance(x: Matrix): number[][] {
  const { rows: n, cols: p, data } = x;
  const mu = new Array(p).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mu[j] += data[i * p + j] / n;
  const c = Array.from({ length: p }, () => new Array(p).fill(0));
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
    c[a][b] += ((data[i * p + a] - mu[a]) * (data[i * p + b] - mu[b])) / (n - 1);
  }
  return c;
}

describe('pca', () => {
  it('recovers known singular values, explained variance and axes exactly', () => {
    const s = [40, 20, 10, 5, 2, 1];
    const { x, v } = knownSpectrum(300, 40, s, 1);
    const res = pca(x, 4, { seed: 7 });
    for (let c = 0; c < 4; c++) {
      expect(Math.abs(res.singularValues[c] - s[c]) / s[c]).toBeLessThan(1e-4);
      expect(Math.abs(res.explainedVariance[c] - (s[c] * s[c]) / 299) / ((s[c] * s[c]) / 299)).toBeLessThan(1e-4);
      const total = s.reduce((a, b) => a + b * b, 0) / 299;
      expect(res.explainedVarianceRatio[c]).toBeCloseTo((s[c] * s[c]) / 299 / total, 4);
      let dot = 0; // |⟨component, true axis⟩| = 1
      for (let j = 0; j < 40; j++) dot += res.components.data[c * 40 + j] * v[j * 6 + c];
      expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-4);
    }
  });

  it('matches a full eigendecomposition of the covariance (mathjs) on a noisy full-rank matrix', () => {
    const r = createRng(2);
    const p = 25;
    const x = zeros(200, p);
    for (let i = 0; i < 200; i++) for (let j = 0; j < p; j++) x.data[i * p + j] = r.normal() * (8 / (1 + j)) + (j % 3);
    const values = (eigs(covariance(x)).values as unknown as number[]).slice().sort((a, b) => b - a);
    const res = pca(x, 5, { seed: 3 });
    const trace = values.reduce((a, b) => a + b, 0);
    for (let c = 0; c < 5; c++) {
      expect(Math.abs(res.explainedVariance[c] - values[c]) / values[c]).toBeLessThan(1e-4);
      expect(Math.abs(res.explainedVarianceRatio[c] - values[c] / trace)).toBeLessThan(1e-5);
    }
  });

  it('gives scores = (X − μ)·componentsᵀ, orthonormal components, and the svd_flip sign convention', () => {
    const { x } = knownSpectrum(120, 15, [9, 6, 4, 2, 1.5, 1], 4);
    const res = pca(x, 3, { seed: 1 });
    const { components: cmp, scores, mean } = res;
    for (let i = 0; i < 120; i += 7) for (let c = 0; c < 3; c++) {
      let t = 0;
      for (let j = 0; j < 15; j++) t += (x.data[i * 15 + j] - mean[j]) * cmp.data[c * 15 + j];
      expect(Math.abs(scores.data[i * 3 + c] - t)).toBeLessThan(1e-4);
    }
    for (let a = 0; a < 3; a++) {
      let big = 0;
      for (let j = 0; j < 15; j++) if (Math.abs(cmp.data[a * 15 + j]) > Math.abs(big)) big = cmp.data[a * 15 + j];
      expect(big).toBeGreaterThan(0);
      for (let b = 0; b < 3; b++) {
        let dot = 0;
        for (let j = 0; j < 15; j++) dot += cmp.data[a * 15 + j] * cmp.data[b * 15 + j];
        expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-5);
      }
    }
  });

  it('gives the same result on CSR input (implicit centring) as on dense input, and across seeds', () => {
    const r = createRng(5);
    const x = zeros(150, 30);
    for (let i = 0; i < 150; i++) for (let j = 0; j < 30; j++) {
      if (r.uniform() < 0.4) x.data[i * 30 + j] = r.poisson(1 + (i % 3) * (j % 5));
    }
    const dense = pca(x, 4, { seed: 1, powerIterations: 10 });
    const sparse = pca(csrFromDense(x), 4, { seed: 1, powerIterations: 10 });
    const other = pca(x, 4, { seed: 99, powerIterations: 10 });
    for (let t = 0; t < dense.scores.data.length; t++) {
      expect(Math.abs(dense.scores.data[t] - sparse.scores.data[t])).toBeLessThan(1e-4);
      expect(Math.abs(dense.scores.data[t] - other.scores.data[t])).toBeLessThan(1e-2);
    }
    expect(Array.from(pca(x, 4, { seed: 1, powerIterations: 10 }).scores.data)).toEqual(Array.from(dense.scores.data));
  });

  it('rejects bad input, naming the argument', () => {
    const x = fromRows([[1, 2], [3, 4], [5, 7]]);
    expect(() => pca(x, 3)).toThrow(/nComponents = 3 exceeds min/);
    expect(() => pca(fromRows([[1, NaN], [0, 1]]), 1)).toThrow(/pca: x: entry 1 is NaN/);
    expect(() => pca(x, 1, { powerIterations: -1 })).toThrow(/powerIterations/);
  });
});
