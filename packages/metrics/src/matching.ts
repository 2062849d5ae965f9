import { linearSumAssignment } from '@scbench/numerics';
import type { Contingency } from './contingency.ts';

/** One-to-one assignment of true classes to predicted clusters, shared by ACC and F1. */
export interface Matching {
  /** Predicted cluster (column) matched to true class r, or −1 when r is left unmatched. */
  readonly rowToCol: Int32Array;
  /** Samples in the matched cell of row r (0 when unmatched). */
  readonly rowMatched: Int32Array;
  /** Σ rowMatched: the number of correctly labelled samples after mapping. */
  readonly matched: number;
}

/** A dense assignment block above this many cells is refused rather than silently taking minutes. */
const MAX_BLOCK_CELLS = 25_000_000;

/**
 * The best one-to-one mapping between true classes and predicted clusters (rectangular when k differs).
 *
 * Objective, lexicographic: (1) maximise matched samples — ACC, whose optimum value is unique; (2) among those
 * mappings, maximise Σ 2·n_rc/(a_r + b_c), i.e. macro-F1. Without (2), F1 would depend on which of several tied
 * ACC-optimal mappings a particular solver returns (scipy and our Hungarian break ties differently). Both are folded
 * into one cost, −(n_rc + f_rc/(K+1)) with f_rc ∈ [0,1] and K = min(rows, cols): a mapping has at most K pairs, so the
 * F1 part adds < 1 and can never outweigh one matched sample. fixtures/make_reference.py builds the same cost.
 *
 * The Hungarian method is O(k³) on a dense matrix, but a class and a cluster with no sample in common never gain
 * from being paired, so the problem splits into the connected components of the table's nonzero pattern: all
 * singletons (n components of 1×1) cost O(n), a 100×100 block costs ~1 ms.
 */
export function bestMatching(c: Contingency): Matching {
  const { rows, cols } = c;
  const rowToCol = new Int32Array(rows).fill(-1);
  const rowMatched = new Int32Array(rows);
  const K = Math.min(rows, cols);
  // A class whose only cell is also its cluster's only cell is a 1×1 component: matched outright, no union–find
  // (this is every class when both sides are singletons).
  const colCells = new Int32Array(cols);
  for (let k = 0; k < c.indices.length; k++) colCells[c.indices[k]]++;
  let matched = 0;
  const isolated = (r: number): boolean => c.indptr[r + 1] - c.indptr[r] === 1 && colCells[c.indices[c.indptr[r]]] === 1;
  for (let r = 0; r < rows; r++) {
    if (!isolated(r)) continue;
    rowToCol[r] = c.indices[c.indptr[r]];
    rowMatched[r] = c.counts[c.indptr[r]];
    matched += rowMatched[r];
  }
  // Union–find over the remaining rows (0..rows−1) and columns (rows..rows+cols−1).
  const parent = new Int32Array(rows + cols);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let r = 0; r < rows; r++) {
    if (isolated(r)) continue;
    for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) {
      const a = find(r);
      const b = find(rows + c.indices[k]);
      if (a !== b) parent[a] = b;
    }
  }
  // Group members by component root, ascending within each component.
  const rowsOf = new Map<number, number[]>();
  const colsOf = new Map<number, number[]>();
  for (let r = 0; r < rows; r++) {
    if (isolated(r)) continue;
    const root = find(r);
    const list = rowsOf.get(root);
    if (list) list.push(r);
    else rowsOf.set(root, [r]);
  }
  for (let j = 0; j < cols; j++) {
    const root = find(rows + j);
    if (!rowsOf.has(root)) continue; // an isolated column, already matched
    const list = colsOf.get(root);
    if (list) list.push(j);
    else colsOf.set(root, [j]);
  }
  const localCol = new Int32Array(cols);
  for (const [root, rs] of rowsOf) {
    const cs = colsOf.get(root)!; // every class has a sample, so every component has a column
    const h = rs.length;
    const w = cs.length;
    if (h * w > MAX_BLOCK_CELLS) {
      throw new Error(`metrics: optimal matching needs a dense ${h}×${w} assignment block, more than ${MAX_BLOCK_CELLS} cells`);
    }
    cs.forEach((j, idx) => (localCol[j] = idx));
    const cost = new Float64Array(h * w);
    for (let i = 0; i < h; i++) {
      const r = rs[i];
      const a = c.rowSums[r];
      for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) {
        const j = c.indices[k];
        const v = c.counts[k];
        cost[i * w + localCol[j]] = -(v + (2 * v) / (a + c.colSums[j]) / (K + 1));
      }
    }
    const assign = linearSumAssignment(cost, h, w);
    for (let i = 0; i < h; i++) {
      if (assign[i] < 0) continue;
      const r = rs[i];
      const j = cs[assign[i]];
      let v = 0;
      for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) if (c.indices[k] === j) v = c.counts[k];
      if (v === 0) continue; // a zero cell carries no sample: leave the class unmatched
      rowToCol[r] = j;
      rowMatched[r] = v;
      matched += v;
    }
  }
  return { rowToCol, rowMatched, matched };
}
