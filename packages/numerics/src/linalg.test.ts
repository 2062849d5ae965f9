import { describe, expect, it } from '@jest/globals';
import { householderQr, jacobiSvd } from './linalg.ts';
import { createRng } from './rng.ts';

function randomMatrix(n: number, l: number, seed: number): Float64Array {
  const r = createRng(seed);
  return Float64Array.from({ length: n * l }, () => r.normal());
}

function mul(a: Float64Array, n: number, k: number, b: Float64Array, m: number, transA = false): Float64Array {
  // transA: a is k × n, use aᵀ
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += (transA ? a[t * n + i] : a[i * k + t]) * b[t * m + j];
    out[i * m + j] = s;
  }
  return out;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function identity(l: number): Float64Array {
  const e = new Float64Array(l * l);
  for (let j = 0; j < l; j++) e[j * l + j] = 1;
  return e;
}

describe('householderQr', () => {
  it('gives orthonormal Q and upper-triangular R with QR = A', () => {
    const a = randomMatrix(40, 7, 1);
    const { q, r } = householderQr(a, 40, 7);
    expect(maxAbsDiff(mul(q, 40, 7, r, 7), a)).toBeLessThan(1e-12);
    expect(maxAbsDiff(mul(q, 7, 40, q, 7, true), identity(7))).toBeLessThan(1e-13);
    for (let i = 0; i < 7; i++) for (let j = 0; j < i; j++) expect(r[i * 7 + j]).toBe(0);
  });

  it('keeps Q orthonormal for rank-deficient input (zero and repeated columns)', () => {
    const a = randomMatrix(20, 4, 2);
    for (let i = 0; i < 20; i++) {
      a[i * 4 + 1] = 0;
      a[i * 4 + 3] = a[i * 4];
    }
    const { q, r } = householderQr(a, 20, 4);
    expect(maxAbsDiff(mul(q, 4, 20, q, 4, true), identity(4))).toBeLessThan(1e-13);
    expect(maxAbsDiff(mul(q, 20, 4, r, 4), a)).toBeLessThan(1e-12);
  });
});

describe('jacobiSvd', () => {
  it('reconstructs A = U S Vᵀ with orthonormal factors and descending singular values', () => {
    const a = randomMatrix(9, 6, 3);
    const { u, s, v } = jacobiSvd(a, 9, 6);
    const us = Float64Array.from(u, (x, t) => x * s[t % 6]);
    const vt = new Float64Array(36);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) vt[j * 6 + i] = v[i * 6 + j];
    expect(maxAbsDiff(mul(us, 9, 6, vt, 6), a)).toBeLessThan(1e-12);
    expect(maxAbsDiff(mul(v, 6, 6, v, 6, true), identity(6))).toBeLessThan(1e-13);
    expect(maxAbsDiff(mul(u, 6, 9, u, 6, true), identity(6))).toBeLessThan(1e-12);
    for (let j = 1; j < 6; j++) expect(s[j]).toBeLessThanOrEqual(s[j - 1]);
  });

  it('recovers known singular values of Q₁ diag(s) Q₂ᵀ', () => {
    const sv = [50, 7, 3, 1e-3, 0];
    const q1 = householderQr(randomMatrix(8, 5, 4), 8, 5).q;
    const q2 = householderQr(randomMatrix(5, 5, 5), 5, 5).q;
    const q1s = Float64Array.from(q1, (x, t) => x * sv[t % 5]);
    const q2t = new Float64Array(25);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) q2t[j * 5 + i] = q2[i * 5 + j];
    const { s } = jacobiSvd(mul(q1s, 8, 5, q2t, 5), 8, 5);
    for (let j = 0; j < 5; j++) expect(Math.abs(s[j] - sv[j])).toBeLessThan(1e-12 * 50);
  });

  it('rejects shape errors', () => {
    expect(() => householderQr(new Float64Array(6), 2, 3)).toThrow(/rows ≥ columns/);
    expect(() => jacobiSvd(new Float64Array(5), 2, 3)).toThrow(/expected 2×3/);
  });
});
