import { describe, expect, it } from '@jest/globals';
import {
  assertCsr, csrColSums, csrFromDense, csrFromTriplets, csrMatmulDense, csrRowSums, csrSelectColumns, csrSelectRows,
  csrToDense, csrTranspose,
} from './csr.ts';
import { fromRows, matmul, toRows, transpose, zeros } from './dense.ts';
import { createRng } from './rng.ts';
import type { Matrix } from '@scbench/api';

function randomSparse(rows: number, cols: number, seed: number): Matrix {
  const r = createRng(seed);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) if (r.uniform() < 0.3) m.data[i] = r.poisson(3) + 1;
  return m;
}

describe('csr', () => {
  it('builds from triplets, summing duplicates and sorting columns', () => {
    const a = csrFromTriplets(3, 4, [2, 0, 2, 0, 2], [3, 1, 0, 1, 3], [1, 2, 5, 3, 4]);
    assertCsr('a', a);
    expect(Array.from(a.indptr)).toEqual([0, 1, 1, 3]);
    expect(Array.from(a.indices)).toEqual([1, 0, 3]);
    expect(Array.from(a.data)).toEqual([5, 5, 5]);
    expect(toRows(csrToDense(a))).toEqual([[0, 5, 0, 0], [0, 0, 0, 0], [5, 0, 0, 5]]);
    expect(() => csrFromTriplets(2, 2, [0, 2], [0, 0], [1, 1])).toThrow(/rowIdx\[1\] = 2/);
    expect(() => csrFromTriplets(2, 2, [0], [0, 1], [1])).toThrow(/equal lengths/);
  });

  it('round-trips dense ↔ csr, transposes, multiplies and sums like the dense equivalents', () => {
    const d = randomSparse(13, 9, 1);
    const a = csrFromDense(d);
    assertCsr('a', a);
    expect(csrToDense(a).data).toEqual(d.data);
    const t = csrTranspose(a);
    assertCsr('t', t);
    expect(csrToDense(t).data).toEqual(transpose(d).data);
    const b = randomSparse(9, 5, 2);
    expect(csrMatmulDense(a, b).data).toEqual(matmul(d, b).data);
    const rs = csrRowSums(a);
    const cs = csrColSums(a);
    for (let i = 0; i < 13; i++) expect(rs[i]).toBe(d.data.slice(i * 9, i * 9 + 9).reduce((x, y) => x + y, 0));
    for (let j = 0; j < 9; j++) {
      let s = 0;
      for (let i = 0; i < 13; i++) s += d.data[i * 9 + j];
      expect(cs[j]).toBe(s);
    }
    expect(() => csrMatmulDense(a, zeros(4, 2))).toThrow(/csrMatmulDense/);
  });

  it('selects rows and (reordered) columns', () => {
    const d = fromRows([[1, 0, 2], [0, 3, 0], [4, 5, 6]]);
    const a = csrFromDense(d);
    expect(toRows(csrToDense(csrSelectRows(a, [2, 0, 2])))).toEqual([[4, 5, 6], [1, 0, 2], [4, 5, 6]]);
    const c = csrSelectColumns(a, [2, 0]);
    assertCsr('c', c);
    expect(toRows(csrToDense(c))).toEqual([[2, 1], [0, 0], [6, 4]]);
    expect(() => csrSelectColumns(a, [0, 0])).toThrow(/selected twice/);
    expect(() => csrSelectRows(a, [3])).toThrow(/out of range/);
  });

  it('assertCsr names the problem', () => {
    const bad = { rows: 1, cols: 3, indptr: Int32Array.from([0, 2]), indices: Int32Array.from([2, 1]), data: Float32Array.from([1, 1]) };
    expect(() => assertCsr('graph', bad)).toThrow(/graph: column indices of row 0/);
  });
});
