import { describe, expect, it } from '@jest/globals';
import { rankMeanPath } from './rank-mean-path.ts';
import type { TopGenes } from './top-genes.ts';

describe('rankMeanPath', () => {
  // Gene vectors: e0 = (1,0), e1 = (0,1), e2 = (1,1), gene 3 unknown.
  const vectors = { matrix: { rows: 4, cols: 2, data: Float32Array.from([1, 0, 0, 1, 1, 1, 9, 9]) }, known: Uint8Array.from([1, 1, 1, 0]) };

  it('weights the r-th gene of a cell by 1/(r+1), skips genes without a vector, and leaves cells without any at zero', () => {
    const top: TopGenes = {
      cells: 3,
      indptr: Int32Array.from([0, 3, 5, 6]),
      genes: Int32Array.from([1, 3, 0, /* cell 1 */ 2, 0, /* cell 2 */ 3]),
      values: Float32Array.from([9, 5, 1, 4, 4, 2]),
    };
    const z = rankMeanPath(top, vectors);
    // cell 0: ranks 0 (e1, w 1) and 2 (e0, w 1/3); the unknown gene at rank 1 keeps its rank but adds nothing.
    expect(z.data[0]).toBeCloseTo((1 / 3) / (4 / 3), 6);
    expect(z.data[1]).toBeCloseTo(1 / (4 / 3), 6);
    // cell 1: e2 (w 1) + e0 (w 1/2), over 3/2; values play no part.
    expect(z.data[2]).toBeCloseTo(1.5 / 1.5, 6);
    expect(z.data[3]).toBeCloseTo(1 / 1.5, 6);
    expect(Array.from(z.data.subarray(4))).toEqual([0, 0]);
  });
});
