// Per-cell gene selection: the genes a cell expresses, ranked by value, cut at K (METHODS.md §3.3).
//
// Fidelity: the original keeps genes with value > 0, takes the top k = min(2048, nnz) with numpy argpartition and
// sorts them descending. Neither numpy step is stable, so among equal values (very common on counts: most expressed
// genes of a cell have count 1 or 2) the order — and, at the cut, the membership — is arbitrary. Cell2Sentence
// breaks ties randomly with a fixed seed (42). Here ties are broken by gene index (column order), ascending: the
// result is deterministic and independent of any RNG, and it differs from both originals only among equal values.
import { isCsr, type Csr, type Matrix } from '@scbench/api';

/** Ragged per-cell lists (CSR-like): cell i's genes are genes[indptr[i] .. indptr[i+1]), highest value first. */
export interface TopGenes {
  readonly cells: number;
  readonly indptr: Int32Array;
  readonly genes: Int32Array;
  readonly values: Float32Array;
}

export interface TopGenesOptions {
  /** Genes never selected (e.g. ERCC spike-ins): 1 = excluded. */
  readonly exclude?: Uint8Array;
}

/**
 * For every cell, the genes with value > 0, ranked by value descending (ties: lower gene index first), at most `k`
 * of them. `k ≤ 0` keeps every expressed gene.
 */
export function topGenes(x: Matrix | Csr, k: number, options: TopGenesOptions = {}): TopGenes {
  const { rows, cols } = x;
  const exclude = options.exclude;
  if (exclude && exclude.length !== cols) throw new Error(`topGenes: exclude has ${exclude.length} entries for ${cols} genes`);
  const limit = k > 0 ? k : Infinity;
  const indptr = new Int32Array(rows + 1);
  const chunksG: Int32Array[] = [];
  const chunksV: Float32Array[] = [];
  let total = 0;
  // Scratch for one cell: candidate columns and their values.
  let candG = new Int32Array(256);
  let candV = new Float32Array(256);
  for (let i = 0; i < rows; i++) {
    let n = 0;
    const push = (j: number, v: number): void => {
      if (!(v > 0) || (exclude && exclude[j])) return;
      if (n === candG.length) {
        const g = new Int32Array(n * 2);
        g.set(candG);
        candG = g;
        const w = new Float32Array(n * 2);
        w.set(candV);
        candV = w;
      }
      candG[n] = j;
      candV[n++] = v;
    };
    if (isCsr(x)) {
      for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) push(x.indices[p], x.data[p]);
    } else {
      const off = i * cols;
      for (let j = 0; j < cols; j++) {
        const v = x.data[off + j];
        if (v > 0) push(j, v);
      }
    }
    // Sort positions by (value desc, gene asc). Candidates arrive in ascending gene order, so a stable sort on the
    // value alone already gives the gene-index tie-break; the explicit second key keeps that true for any input.
    const order = Array.from({ length: n }, (_, t) => t);
    order.sort((a, b) => candV[b] - candV[a] || candG[a] - candG[b]);
    const m = Math.min(n, limit);
    const g = new Int32Array(m);
    const v = new Float32Array(m);
    for (let t = 0; t < m; t++) {
      g[t] = candG[order[t]];
      v[t] = candV[order[t]];
    }
    chunksG.push(g);
    chunksV.push(v);
    total += m;
    indptr[i + 1] = total;
  }
  const genes = new Int32Array(total);
  const values = new Float32Array(total);
  for (let i = 0; i < rows; i++) {
    genes.set(chunksG[i], indptr[i]);
    values.set(chunksV[i], indptr[i]);
  }
  return { cells: rows, indptr, genes, values };
}
