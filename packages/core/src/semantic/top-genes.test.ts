import { describe, expect, it } from '@jest/globals';
import type { Csr, Matrix } from '@scbench/api';
import { topGenes } from './top-genes.ts';

const dense: Matrix = {
  rows: 3,
  cols: 5,
  // cell 0: ties at 2 (genes 1, 3, 4); cell 1: nothing expressed; cell 2: one gene.
  data: Float32Array.from([0, 2, 5, 2, 2, /**/ 0, 0, 0, 0, 0, /**/ 0, 0, 0, 0.5, 0]),
};
const csr: Csr = {
  rows: 3,
  cols: 5,
  indptr: Int32Array.from([0, 4, 4, 5]),
  indices: Int32Array.from([1, 2, 3, 4, 3]),
  data: Float32Array.from([2, 5, 2, 2, 0.5]),
};

function cell(t: ReturnType<typeof topGenes>, i: number): number[] {
  return Array.from(t.genes.subarray(t.indptr[i], t.indptr[i + 1]));
}

describe('topGenes', () => {
  it('ranks by value descending and breaks ties by gene index', () => {
    const t = topGenes(dense, 0);
    expect(cell(t, 0)).toEqual([2, 1, 3, 4]);
    expect(Array.from(t.values.subarray(0, 4))).toEqual([5, 2, 2, 2]);
    expect(cell(t, 1)).toEqual([]);
    expect(cell(t, 2)).toEqual([3]);
  });
  it('cuts at K, keeping the lower gene indices among tied values', () => {
    expect(cell(topGenes(dense, 2), 0)).toEqual([2, 1]);
    expect(cell(topGenes(dense, 3), 0)).toEqual([2, 1, 3]);
  });
  it('gives the same result for dense and CSR storage', () => {
    const a = topGenes(dense, 3);
    const b = topGenes(csr, 3);
    expect(Array.from(b.indptr)).toEqual(Array.from(a.indptr));
    expect(Array.from(b.genes)).toEqual(Array.from(a.genes));
  });
  it('never selects excluded genes (spike-ins)', () => {
    expect(cell(topGenes(dense, 0, { exclude: Uint8Array.from([0, 0, 1, 0, 0]) }), 0)).toEqual([1, 3, 4]);
  });
  it('grows its scratch buffers for cells with many genes', () => {
    const cols = 1000;
    const data = new Float32Array(cols).map((_, j) => (j % 7) + 1);
    const t = topGenes({ rows: 1, cols, data }, 0);
    expect(t.indptr[1]).toBe(cols);
    expect(t.values[0]).toBe(7);
    expect(t.genes[0]).toBe(6);
    expect(t.values[cols - 1]).toBe(1);
  });
});
