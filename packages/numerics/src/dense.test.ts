import { describe, expect, it } from '@jest/globals';
import {
  l2NormalizeRows,
  colMeans, colVariances, fromRows, matmul, matmulTransB, matrix, row, rowNorms, rowSquaredNorms, selectRowsDense, toRows,
  transpose, zeros, assertFinite,
} from './dense.ts';
import { createRng } from './rng.ts';
import type { Matrix } from '@scbench/api';

function random(rows: number, cols: number, seed: number, sparsity = 0): Matrix {
  const r = createRng(seed);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = r.uniform() < sparsity ? 0 : r.normal();
  return m;
}

function naiveMatmul(a: Matrix, b: Matrix): number[][] {
  return Array.from({ length: a.rows }, (_, i) => Array.from({ length: b.cols }, (_, j) => {
    let s = 0;
    for (let t = 0; t < a.cols; t++) s += a.data[i * a.cols + t] * b.data[t * b.cols + j];
    return s;
  }));
}

function expectClose(actual: Matrix, expected: number[][], tol: number): void {
  expect(actual.rows).toBe(expected.length);
  for (let i = 0; i < actual.rows; i++) {
    for (let j = 0; j < actual.cols; j++) expect(Math.abs(actual.data[i * actual.cols + j] - expected[i][j])).toBeLessThan(tol);
  }
}

describe('dense helpers', () => {
  it('l2NormalizeRows returns unit rows in a copy; zero rows stay zero', () => {
    const m = { rows: 3, cols: 2, data: Float32Array.of(3, 4, 0, 0, -2, 0) };
    const u = l2NormalizeRows(m);
    expect(Array.from(u.data)).toEqual([0.6000000238418579, 0.800000011920929, 0, 0, -1, 0]);
    expect(Array.from(m.data)).toEqual([3, 4, 0, 0, -2, 0]);
  });

  it('builds, views and transposes', () => {
    const m = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(m.rows).toBe(2);
    expect(Array.from(row(m, 1))).toEqual([4, 5, 6]);
    row(m, 1)[0] = 40; // a view, not a copy
    expect(m.data[3]).toBe(40);
    expect(toRows(transpose(m))).toEqual([[1, 40], [2, 5], [3, 6]]);
    const big = random(37, 70, 1);
    expect(transpose(transpose(big)).data).toEqual(big.data);
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => matrix(2, 2, new Float32Array(3))).toThrow(/expected 2×2/);
    expect(() => row(m, 2)).toThrow(/out of range/);
  });

  it('matmul and matmulTransB agree with the naive triple loop (odd sizes, blocks, zeros)', () => {
    for (const [n, k, m] of [[1, 1, 1], [7, 5, 3], [33, 300, 17], [65, 9, 260]]) {
      const a = random(n, k, n + k, 0.3);
      const b = random(k, m, m);
      expectClose(matmul(a, b), naiveMatmul(a, b), 1e-3);
      const bt = transpose(b);
      expectClose(matmulTransB(a, bt), naiveMatmul(a, b), 1e-3);
    }
    expect(() => matmul(zeros(2, 3), zeros(2, 3))).toThrow(/matmul: a is 2×3 but b is 2×3/);
    expect(() => matmulTransB(zeros(2, 3), zeros(2, 4))).toThrow(/columns must match/);
  });

  it('computes row norms and column statistics', () => {
    const m = fromRows([[3, 4], [0, 0], [1, 2]]);
    expect(Array.from(rowSquaredNorms(m))).toEqual([25, 0, 5]);
    expect(Array.from(rowNorms(m))[0]).toBe(5);
    expect(Array.from(colMeans(m))).toEqual([4 / 3, 2]);
    const v0 = colVariances(m);
    const v1 = colVariances(m, 1);
    expect(v0[1]).toBeCloseTo(((4 - 2) ** 2 + 4 + 0) / 3, 12);
    expect(v1[1]).toBeCloseTo(8 / 2, 12);
    expect(toRows(selectRowsDense(m, [2, 0]))).toEqual([[1, 2], [3, 4]]);
    expect(() => assertFinite('x', [1, NaN])).toThrow(/x: entry 1 is NaN/);
  });
});
