// Path 2 under a gene-knowledge encoder (knowledge-encoder.ts), which has gene vectors but reads no text: the cell
// "sentence" — its top-K genes in expression order — becomes the rank-weighted mean of those genes' vectors,
//   z_i = Σ_r w_r v_{g_r} / Σ_r w_r,   w_r = 1 / (r + 1),
// over the genes with a vector, r = 0 the cell's most expressed gene. The weights fall off as a reader of the
// sentence attends to its start (USE-lite reads only the first ~30 names, sentence-path.ts): half the weight of a
// 2048-gene cell sits on its first ~35 genes. Path 1 weighs the same vectors by expression value instead; the two
// differ where a cell's ranking and its values disagree (many tied low counts, a few dominant genes).
// The vectors are path 1's, after the geneVectors choice (encoder / whitened / random), so under 'random' both paths
// lose the knowledge together. A cell with no known gene among its top genes gets a zero row.
import type { Matrix } from '@scbench/api';
import type { TopGenes } from './top-genes.ts';

export function rankMeanPath(top: TopGenes, vectors: { readonly matrix: Matrix; readonly known: Uint8Array }): Matrix {
  const { matrix: e, known } = vectors;
  const d = e.cols;
  const z = new Float32Array(top.cells * d);
  const acc = new Float64Array(d);
  for (let i = 0; i < top.cells; i++) {
    acc.fill(0);
    let wSum = 0;
    for (let p = top.indptr[i]; p < top.indptr[i + 1]; p++) {
      const g = top.genes[p];
      if (!known[g]) continue;
      const w = 1 / (p - top.indptr[i] + 1);
      wSum += w;
      for (let c = 0; c < d; c++) acc[c] += w * e.data[g * d + c];
    }
    if (wSum > 0) for (let c = 0; c < d; c++) z[i * d + c] = acc[c] / wSum;
  }
  return { rows: top.cells, cols: d, data: z };
}
