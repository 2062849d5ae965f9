import { describe, expect, it } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { topGenes } from './top-genes.ts';
import { weightedPath } from './weighted-path.ts';

// Three genes with 2-d embeddings; gene 2 has none.
const emb = { matrix: { rows: 3, cols: 2, data: Float32Array.from([1, 0, 0, 1, 9, 9]) }, known: Uint8Array.from([1, 1, 0]) };

function row(m: Matrix, i: number): number[] {
  return Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
}

describe('weightedPath', () => {
  const x: Matrix = {
    rows: 3,
    cols: 3,
    // cell 0: weights 3 and 1 on the known genes, 5 on the unknown one; cell 1: only the unknown gene;
    // cell 2: values below 1 and 1.9 (paper truncation).
    data: Float32Array.from([3, 1, 5, /**/ 0, 0, 2, /**/ 0.7, 1.9, 0]),
  };
  const top = topGenes(x, 0);

  it("'mean' is Σ w·e / Σ w over the genes that have an embedding (hand computation)", () => {
    const out = weightedPath(top, emb, 'mean');
    expect(row(out.z, 0)[0]).toBeCloseTo(3 / 4, 6);
    expect(row(out.z, 0)[1]).toBeCloseTo(1 / 4, 6);
    expect(row(out.z, 2)[0]).toBeCloseTo(0.7 / 2.6, 6);
    expect(row(out.z, 2)[1]).toBeCloseTo(1.9 / 2.6, 6);
    expect(Array.from(out.knownPerCell)).toEqual([2, 0, 2]);
  });
  it('a cell whose genes have no embedding is a zero row and is reported', () => {
    const out = weightedPath(top, emb, 'mean');
    expect(row(out.z, 1)).toEqual([0, 0]);
    expect(out.cellsWithoutKnownGenes).toEqual([1]);
  });
  it("'paper' sums int()-truncated values without dividing: 1.9 → 1, 0.7 → 0", () => {
    const out = weightedPath(top, emb, 'paper');
    expect(row(out.z, 0)).toEqual([3, 1]);
    expect(row(out.z, 2)).toEqual([0, 1]);
  });
  it("'paper' reports cells whose known genes all truncate to 0", () => {
    const small = topGenes({ rows: 1, cols: 3, data: Float32Array.from([0.9, 0.5, 4]) }, 0);
    const out = weightedPath(small, emb, 'paper');
    expect(row(out.z, 0)).toEqual([0, 0]);
    expect(out.cellsWithZeroWeight).toEqual([0]);
    expect(out.cellsWithoutKnownGenes).toEqual([]);
  });
});
