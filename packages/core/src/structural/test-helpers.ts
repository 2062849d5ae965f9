/** Shared by the structural tests: a tiny count matrix and dense float64 reference operators. */
import type { Matrix } from '@scbench/api';

export function tinyCounts(n: number, p: number, seed = 1): Matrix {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const data = new Float32Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) data[i * p + j] = Math.floor(next() * 4 * (1 + ((i + j) % 3)));
  return { rows: n, cols: p, data };
}

export type Dense64 = Float64Array[];

export function matmul64(a: Dense64, b: Dense64): Dense64 {
  return a.map((row) => {
    const out = new Float64Array(b[0].length);
    row.forEach((v, t) => b[t].forEach((w, j) => (out[j] += v * w)));
    return out;
  });
}

/** D^{-1/2} A D^{-1/2} with NaN → 0, as get_laplace_matrix. */
export function normalise64(a: Dense64): Dense64 {
  const s = a.map((row) => {
    const d = row.reduce((x, y) => x + y, 0);
    return d > 0 ? 1 / Math.sqrt(d) : 0;
  });
  return a.map((row, i) => row.map((v, j) => s[i] * v * s[j]));
}

/** The original's M = b·Â₁ + (1 − b)·Â₂ for x, by hand. */
export function referenceM(x: Matrix, b: number): Dense64 {
  const xh: Dense64 = [];
  for (let i = 0; i < x.rows; i++) {
    const r = Float64Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols));
    const norm = Math.max(Math.hypot(...r), 1e-12);
    xh.push(r.map((v) => v / norm));
  }
  const xt = xh[0].length ? Array.from({ length: x.cols }, (_, j) => Float64Array.from(xh, (r) => r[j])) : [];
  const a1 = matmul64(xh, xt);
  const abs = a1.map((r) => r.map(Math.abs));
  const a2 = matmul64(abs, abs);
  const n1 = normalise64(a1);
  const n2 = normalise64(a2);
  return n1.map((row, i) => row.map((v, j) => b * v + (1 - b) * n2[i][j]));
}

export function apply64(m: Dense64, z: Float32Array, d: number): Float64Array {
  const out = new Float64Array(m.length * d);
  m.forEach((row, i) => row.forEach((v, j) => {
    for (let c = 0; c < d; c++) out[i * d + c] += v * z[j * d + c];
  }));
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let t = 0; t < a.length; t++) m = Math.max(m, Math.abs(a[t] - b[t]));
  return m;
}
