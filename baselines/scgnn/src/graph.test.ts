import { describe, expect, it } from '@jest/globals';
import { gaeGraph, louvainGraph, prunedKnn } from './graph.ts';

describe('scgnn graph', () => {
  // Points on a line: 0, 1, 2, 3 close together, 10 far away.
  const z = { rows: 5, cols: 1, data: Float32Array.from([0, 1, 2, 3, 10]) };

  it('prunes edges farther than mean + population sd of the cell\'s k distances', () => {
    const g = prunedKnn(z, 3);
    // cell 4 (at 10): neighbours 3, 2, 1 at 7, 8, 9 → mean 8, sd √(2/3) ≈ 0.816: 9 > 8.816 is pruned
    expect(Array.from(g.indices.subarray(12, 15))).toEqual([3, 2, 1]);
    expect(Array.from(g.kept.subarray(12, 15))).toEqual([1, 1, 0]);
    // cell 0: 1, 2, 3 at distance 1, 2, 3 → boundary 2 + 0.816: 3 pruned
    expect(Array.from(g.kept.subarray(0, 3))).toEqual([1, 1, 0]);
  });

  it('Louvain\'s graph keeps the later-written weight of a pair; the GAE\'s keeps every listed edge', () => {
    const g = prunedKnn(z, 3);
    const lg = louvainGraph(g);
    const has = (i: number, j: number): boolean => Array.from(lg.indices.subarray(lg.indptr[i], lg.indptr[i + 1])).includes(j);
    // 0–2: kept by cell 0, pruned by cell 2, whose entry is written later → absent
    expect(has(0, 2) || has(2, 0)).toBe(false);
    // 1–3: pruned by cell 1, kept by cell 3 (later) → present both ways
    expect(has(1, 3) && has(3, 1)).toBe(true);
    // 1–4: listed only by cell 4, pruned → absent
    expect(has(1, 4)).toBe(false);
    const gg = gaeGraph(g);
    expect(gg.indices.length).toBe(15);
  });

  it('names knnK when the dataset is too small', () => {
    expect(() => prunedKnn(z, 5)).toThrow(/knnK=5 needs more than 5 cells/);
  });
});
