import { describe, expect, it } from '@jest/globals';
import { canonicalCsr, chooseStorage, toCsr, toDense, transposeDense } from './sparse.ts';
import { dense, nested } from './test-helpers.ts';

const A = [
  [0, 1, 0],
  [2, 0, 3],
  [0, 0, 0],
  [4, 0, 0],
];

describe('sparse helpers', () => {
  it('dense ⇄ CSR round trip', () => {
    const c = toCsr(dense(A));
    expect(Array.from(c.indptr)).toEqual([0, 1, 3, 3, 4]);
    expect(Array.from(c.indices)).toEqual([1, 0, 2, 0]);
    expect(Array.from(c.data)).toEqual([1, 2, 3, 4]);
    expect(nested(toDense(c))).toEqual(A);
  });
  it('transposes a dense matrix (CSR transposes and triplets: numerics csr.test.ts)', () => {
    const t = A[0].map((_, j) => A.map((r) => r[j]));
    expect(nested(transposeDense(dense(A)))).toEqual(t);
  });
  it('canonicalCsr sorts unsorted rows', () => {
    const m = canonicalCsr({ rows: 1, cols: 3, indptr: Int32Array.of(0, 2), indices: Int32Array.of(2, 0), data: Float32Array.of(7, 8) });
    expect(Array.from(m.indices)).toEqual([0, 2]);
    expect(Array.from(m.data)).toEqual([8, 7]);
  });
  it('chooseStorage: CSR only when large and sparse', () => {
    expect(chooseStorage('auto', 10_000, 10_000, 1e6)).toBe('csr');
    expect(chooseStorage('auto', 10_000, 10_000, 5e7)).toBe('dense');
    expect(chooseStorage('auto', 100, 100, 1)).toBe('dense');
    expect(chooseStorage('csr', 1, 1, 1)).toBe('csr');
  });
});
