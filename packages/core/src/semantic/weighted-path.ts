// Path 1, Z⁽¹⁾: each cell as an expression-weighted combination of its top genes' description embeddings.
//
// 'mean' (default): z_i = Σ_g w_ig e_g / Σ_g w_ig over the cell's top-K genes that have an embedding, with w the
//   expression values the view hands in (log1p(normalize_total) on raw counts). This is GenePT-w's idea
//   (normalised expression × embeddings, yiqunchen/GenePT) with the average taken over the genes actually used
//   rather than GenePT's constant n_genes, so cells of different depth and coverage are on one scale.
// 'paper': the original GeneEmbeddingWeighter (METHODS.md §3.4): z_i = Σ_g int(float('%.4g' % v_ig)) · e_g on
//   the stored values, no division. int() truncates toward zero, so every value < 1 contributes nothing and 1.9
//   counts as 1; the sum grows with library size (norm in the hundreds–thousands on counts), which is why it
//   swamps the unit-norm sentence path in the unnormalised fusion (§3.5, bug 10).
//
// A cell none of whose top genes has an embedding gets a zero row; it is always reported (cellsWithoutKnownGenes),
// never mixed silently into the clustering. In paper mode a cell can also be all-zero because every known gene's
// value truncates to 0 (cellsWithZeroWeight), as in the original.
import type { Matrix } from '@scbench/api';
import { paperWeight } from './sig-digits.ts';
import type { TopGenes } from './top-genes.ts';

export type Weighting = 'mean' | 'paper';

export interface WeightedPath {
  readonly z: Matrix;
  /** Cells (row indices) none of whose selected genes has an embedding: zero rows. */
  readonly cellsWithoutKnownGenes: readonly number[];
  /** Cells with known genes whose weights are all 0 (paper mode's truncation): zero rows too. */
  readonly cellsWithZeroWeight: readonly number[];
  /** Per cell, how many of its selected genes had an embedding. */
  readonly knownPerCell: Int32Array;
}

export function weightedPath(top: TopGenes, embeddings: { readonly matrix: Matrix; readonly known: Uint8Array }, weighting: Weighting): WeightedPath {
  const { matrix: e, known } = embeddings;
  const d = e.cols;
  const z = new Float32Array(top.cells * d);
  const acc = new Float64Array(d);
  const without: number[] = [];
  const zeroWeight: number[] = [];
  const knownPerCell = new Int32Array(top.cells);
  for (let i = 0; i < top.cells; i++) {
    acc.fill(0);
    let wSum = 0;
    let nKnown = 0;
    for (let p = top.indptr[i]; p < top.indptr[i + 1]; p++) {
      const g = top.genes[p];
      if (!known[g]) continue;
      nKnown++;
      const w = weighting === 'paper' ? paperWeight(top.values[p]) : top.values[p];
      if (w === 0) continue;
      wSum += w;
      const off = g * d;
      for (let c = 0; c < d; c++) acc[c] += w * e.data[off + c];
    }
    knownPerCell[i] = nKnown;
    if (nKnown === 0) {
      without.push(i);
      continue;
    }
    if (wSum === 0) {
      zeroWeight.push(i);
      continue;
    }
    const scale = weighting === 'paper' ? 1 : 1 / wSum;
    for (let c = 0; c < d; c++) z[i * d + c] = acc[c] * scale;
  }
  return { z: { rows: top.cells, cols: d, data: z }, cellsWithoutKnownGenes: without, cellsWithZeroWeight: zeroWeight, knownPerCell };
}
