import { describe, expect, it } from '@jest/globals';
import { csrFromTriplets, csrMatmulDense, csrToDense } from './csr.ts';
import { relabelSymmetric, reverseCuthillMcKee } from './reorder.ts';
import { createRng } from './rng.ts';

/** A symmetric path graph 0–1–2–…–(n−1) with its cells numbered in a random order. */
function shuffledPath(n: number, seed: number) {
  const label = createRng(seed).shuffle(Array.from({ length: n }, (_, i) => i));
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i + 1 < n; i++) {
    r.push(label[i], label[i + 1]);
    c.push(label[i + 1], label[i]);
    v.push(1 + i / n, 1 + i / n);
  }
  return csrFromTriplets(n, n, r, c, v);
}

function bandwidth(a: ReturnType<typeof shuffledPath>): number {
  let w = 0;
  for (let i = 0; i < a.rows; i++) for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) w = Math.max(w, Math.abs(a.indices[p] - i));
  return w;
}

describe('reverseCuthillMcKee / relabelSymmetric', () => {
  it('orders a shuffled path graph back into a band of width 1', () => {
    const a = shuffledPath(200, 3);
    expect(bandwidth(a)).toBeGreaterThan(50);
    const order = reverseCuthillMcKee(a);
    expect(Array.from(order).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i)); // a permutation
    expect(bandwidth(relabelSymmetric(a, order))).toBe(1);
  });

  it('relabels to PAPᵀ, and products with it are the file-order products permuted, bit for bit', () => {
    const r = createRng(5);
    const n = 60;
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < 6; t++) {
        const j = r.randint(n);
        rows.push(i, j);
        cols.push(j, i);
        const w = r.uniform();
        vals.push(w, w);
      }
    }
    const a = csrFromTriplets(n, n, rows, cols, vals);
    const order = reverseCuthillMcKee(a);
    const b = relabelSymmetric(a, order);
    const A = csrToDense(a).data;
    const B = csrToDense(b).data;
    for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) expect(B[x * n + y]).toBe(A[order[x] * n + order[y]]);
    const d = 5;
    const z = Float32Array.from({ length: n * d }, () => r.normal());
    const zp = new Float32Array(n * d);
    for (let x = 0; x < n; x++) for (let c = 0; c < d; c++) zp[x * d + c] = z[order[x] * d + c];
    const want = csrMatmulDense(a, { rows: n, cols: d, data: z }).data;
    const got = csrMatmulDense(b, { rows: n, cols: d, data: zp }).data;
    for (let x = 0; x < n; x++) for (let c = 0; c < d; c++) expect(got[x * d + c]).toBe(want[order[x] * d + c]);
  });

  it('rejects a non-square matrix and an order that is not a permutation', () => {
    const a = shuffledPath(4, 1);
    expect(() => reverseCuthillMcKee({ ...a, cols: 5 })).toThrow(/square/);
    expect(() => relabelSymmetric(a, Int32Array.of(0, 0, 1, 2))).toThrow(/not a permutation/);
  });
});
