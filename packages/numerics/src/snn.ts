/**
 * Shared-nearest-neighbour graph as Seurat's `FindNeighbors` builds it (ComputeSNN): with N(i) the neighbourhood of
 * i *including i itself*, the weight of (i, j) is the Jaccard index |N(i) ∩ N(j)| / |N(i) ∪ N(j)| for every pair
 * sharing at least one neighbour, and weights below `prune` (default 1/15) are set to 0.
 *
 * Seurat's k.param = 20 counts the cell itself, so it corresponds to a knn with k = 19 here. Seurat keeps the
 * diagonal (each cell shares all k + 1 with itself: weight 1); `selfLoops: false` drops it.
 */
import type { Csr } from '@scbench/api';
import type { KnnResult } from './knn.ts';

export interface SnnOptions {
  /** Weights below this become 0 (Seurat's prune.SNN, default 1/15). */
  prune?: number;
  /** Keep the unit diagonal as Seurat does (default true). */
  selfLoops?: boolean;
}

export function snn(knn: KnnResult, options: SnnOptions = {}): Csr {
  const { k, indices } = knn;
  const prune = options.prune ?? 1 / 15;
  const selfLoops = options.selfLoops ?? true;
  if (indices.length % k !== 0) throw new Error(`snn: knn.indices has ${indices.length} entries, not a multiple of k = ${k}`);
  if (!(prune >= 0 && prune <= 1)) throw new Error(`snn: prune must be in [0, 1], got ${prune}`);
  const n = indices.length / k;
  const m = k + 1; // neighbourhood size with self
  const nbr = (i: number, t: number): number => (t === 0 ? i : indices[i * k + t - 1]);
  // Reverse lists: who has `c` in their neighbourhood.
  const revPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < m; t++) {
      const c = nbr(i, t);
      if (c < 0 || c >= n) throw new Error(`snn: knn.indices[${i * k + t - 1}] = ${c} out of range [0, ${n})`);
      revPtr[c + 1]++;
    }
  }
  for (let c = 0; c < n; c++) revPtr[c + 1] += revPtr[c];
  const rev = new Int32Array(revPtr[n]);
  const cursor = revPtr.slice(0, n);
  for (let i = 0; i < n; i++) for (let t = 0; t < m; t++) rev[cursor[nbr(i, t)]++] = i;
  // Row i of N·Nᵀ: count, for every j, the c ∈ N(i) with c ∈ N(j).
  const count = new Int32Array(n);
  const touched = new Int32Array(n);
  const indptr = new Int32Array(n + 1);
  const outIdx: number[] = [];
  const outVal: number[] = [];
  for (let i = 0; i < n; i++) {
    let nt = 0;
    for (let t = 0; t < m; t++) {
      const c = nbr(i, t);
      for (let p = revPtr[c]; p < revPtr[c + 1]; p++) {
        const j = rev[p];
        if (count[j] === 0) touched[nt++] = j;
        count[j]++;
      }
    }
    const row = Array.from(touched.subarray(0, nt)).sort((a, b) => a - b);
    for (const j of row) {
      const s = count[j];
      count[j] = 0;
      const w = s / (2 * m - s);
      if (w < prune || (j === i && !selfLoops)) continue;
      outIdx.push(j);
      outVal.push(w);
    }
    indptr[i + 1] = outIdx.length;
  }
  return { rows: n, cols: n, indptr, indices: Int32Array.from(outIdx), data: Float32Array.from(outVal) };
}
