/**
 * SDCN-style cell graphs (SDCN `calcu_graph.py`, bdy9527/SDCN; scDSC `calcu_graph_*.py`, DHUDBlab/scDSC@1247a63
 * MTAB/calcu_graph_mtab.py lines 7–52, and `utils.py:load_graph` lines 22–56): for each cell the top-(k+1) cells by
 * a similarity, itself dropped from the list; the directed edges are symmetrised (union), self-loops added, and each
 * row normalised to sum 1.
 *
 * The originals build the dense N×N similarity and `argpartition` each row. Every similarity here is a score
 * s(i, j) = scale·(a_i · a_j) + bias_j on transformed rows a, so the same top-(k+1) comes from a blocked search that
 * holds one block of scores and an N·(k+1) heap: memory grows with N·k, not N² (time is still O(N²·d)).
 *
 * Similarities (the originals' names):
 * - `heat`: exp(−‖x_i − x_j‖²/2), ranked by the euclidean distance it decreases with (SDCN; scDSC's copy uses the
 *   manhattan distance). In float64 the kernel underflows to exactly 0 beyond ‖·‖² ≈ 1490, where the originals' ranks
 *   become arbitrary ties; ranking by the distance is what the kernel means.
 * - `cos`: x > 0 set to 1 (other entries kept, as the original), then the inner product.
 * - `ncos`: as `cos`, then each row divided by its L1 norm, then the inner product.
 * - `p`: scDSC's "Pearson": both sides centred by the one global mean; the product divided by a constant (the
 *   Frobenius norms), which does not change the ranking.
 * Ties are broken by the smaller cell index (the originals' argpartition breaks them arbitrarily).
 */
import type { Csr, Matrix } from '@scbench/api';
import { csrFromTriplets } from './csr.ts';
import { assertFinite, gemmTransB } from './dense.ts';
import { offer } from './knn.ts';

export type Similarity = 'heat' | 'cos' | 'ncos' | 'p';
export const SIMILARITIES: readonly Similarity[] = ['heat', 'cos', 'ncos', 'p'];

interface Scored {
  rows: Float32Array;
  scale: number;
  bias: Float64Array | null;
}

/** The rows a and the (scale, bias) with s(i, j) = scale·a_i·a_j + bias_j ranking j for i as the similarity does. */
function scored(x: Matrix, kind: Similarity): Scored {
  const { rows: n, cols: d, data } = x;
  if (kind === 'heat') {
    // −‖a−b‖² = 2a·b − ‖a‖² − ‖b‖²; ‖a‖² is the same for all j of row i.
    const bias = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += data[i * d + f] * data[i * d + f];
      bias[i] = -s;
    }
    return { rows: data, scale: 2, bias };
  }
  if (kind === 'p') {
    let mean = 0;
    for (let e = 0; e < data.length; e++) mean += data[e];
    mean /= Math.max(1, data.length);
    const rows = new Float32Array(data.length);
    for (let e = 0; e < data.length; e++) rows[e] = data[e] - mean;
    return { rows, scale: 1, bias: null };
  }
  const rows = new Float32Array(data.length);
  for (let e = 0; e < data.length; e++) rows[e] = data[e] > 0 ? 1 : data[e];
  if (kind === 'ncos') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += Math.abs(rows[i * d + f]);
      if (s > 0) for (let f = 0; f < d; f++) rows[i * d + f] /= s;
    }
  }
  return { rows, scale: 1, bias: null };
}

function checkKind(kind: Similarity): void {
  if (!SIMILARITIES.includes(kind)) throw new Error(`similarity must be one of ${SIMILARITIES.join(', ')}, got '${String(kind)}'`);
}

export interface TopSimilar {
  /** Row i's neighbours are indices[indptr[i] .. indptr[i+1]): its top k+1 by similarity without itself (k, or
   * k+1 when the cell is not among its own top k+1, as in the originals). Most similar first. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
}

/**
 * Row-block products for the search: given the transformed rows (n × d, row-major), a function that returns the
 * (q1 − q0) × n products of rows q0..q1 with every row. The engine provides one (`engineRowProducts`, float32 on its
 * SIMD matMul); without it the search multiplies in float64 JS blocks.
 */
export type RowProducts = (rows: Float32Array, n: number, d: number) => { block: (q0: number, q1: number) => Float32Array; release(): void };

export interface TopSimilarOptions {
  /** Rows per block (default 256 for the JS products, 512 with `product`). */
  blockSize?: number;
  product?: RowProducts;
}

/** Each cell's top-(k+1) by the similarity, itself removed; a blocked search with N·(k+1) memory. */
export function topSimilar(x: Matrix, k: number, kind: Similarity, options: TopSimilarOptions = {}): TopSimilar {
  checkKind(kind);
  const { rows: n, cols: d } = x;
  if (x.data.length !== n * d) throw new Error(`topSimilar: data has ${x.data.length} entries, expected ${n}×${d}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`topSimilar: k must be a positive integer, got ${k}`);
  if (k + 1 > n) throw new Error(`topSimilar: k = ${k} needs at least ${k + 1} cells, got ${n}; lower k`);
  assertFinite('topSimilar: data', x.data);
  const m = k + 1;
  const s = scored(x, kind);
  // Max-heaps of −score: the root is the worst of the m best kept so far.
  const heapD = new Float64Array(n * m).fill(Infinity);
  const heapI = new Int32Array(n * m).fill(-1);
  if (options.product) {
    const B = options.blockSize ?? 512;
    const products = options.product(s.rows, n, d);
    try {
      for (let q0 = 0; q0 < n; q0 += B) {
        const q1 = Math.min(n, q0 + B);
        const block = products.block(q0, q1);
        if (block.length !== (q1 - q0) * n) throw new Error(`topSimilar: block ${q0}–${q1} has ${block.length} products, expected ${(q1 - q0) * n}`);
        for (let i = q0; i < q1; i++) offerRow(heapD, heapI, i * m, m, s, block, (i - q0) * n, 0, n);
      }
    } finally {
      products.release();
    }
    return collect(heapD, heapI, n, m);
  }
  const B = options.blockSize ?? 256;
  const dots = new Float64Array(B * B);
  for (let q0 = 0; q0 < n; q0 += B) {
    const q1 = Math.min(n, q0 + B);
    for (let r0 = 0; r0 < n; r0 += B) {
      const r1 = Math.min(n, r0 + B);
      const w = r1 - r0;
      gemmTransB(s.rows, q0, q1, s.rows, r0, r1, d, dots, w, 0);
      for (let i = q0; i < q1; i++) offerRow(heapD, heapI, i * m, m, s, dots, (i - q0) * w - r0, r0, r1);
    }
  }
  return collect(heapD, heapI, n, m);
}

/** Offer cells j0..j1 to one row's heap (at hOff), their products at dots[off + j]; −score is the heap's key. */
function offerRow(heapD: Float64Array, heapI: Int32Array, hOff: number, m: number, s: Scored, dots: Float32Array | Float64Array, off: number, j0: number, j1: number): void {
  for (let j = j0; j < j1; j++) {
    const dist = -(s.scale * dots[off + j] + (s.bias ? s.bias[j] : 0));
    if (dist <= heapD[hOff]) offer(heapD, heapI, hOff, m, dist, j);
  }
}

/** The heaps → each row's neighbours, most similar first (ties by the smaller index), itself dropped. */
function collect(heapD: Float64Array, heapI: Int32Array, n: number, m: number): TopSimilar {
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(n * m);
  const order = Array.from({ length: m }, (_, t) => t);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const off = i * m;
    for (let t = 0; t < m; t++) order[t] = t;
    order.sort((a, b) => heapD[off + a] - heapD[off + b] || heapI[off + a] - heapI[off + b]);
    for (const t of order) if (heapI[off + t] !== i) indices[out++] = heapI[off + t];
    indptr[i + 1] = out;
  }
  return { indptr, indices: indices.slice(0, out) };
}

/** Directed neighbour lists → symmetrised (union) binary adjacency + self-loops, each row normalised to sum 1. */
export function rowNormalisedGraph(n: number, nb: TopSimilar): Csr {
  const e = nb.indices.length;
  const r = new Int32Array(2 * e + n);
  const c = new Int32Array(2 * e + n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    for (let p = nb.indptr[i]; p < nb.indptr[i + 1]; p++) {
      r[t] = i; c[t++] = nb.indices[p];
      r[t] = nb.indices[p]; c[t++] = i;
    }
    r[t] = i; c[t++] = i;
  }
  const g = csrFromTriplets(n, n, r, c, new Float32Array(t).fill(1));
  for (let i = 0; i < n; i++) {
    const deg = g.indptr[i + 1] - g.indptr[i];
    for (let p = g.indptr[i]; p < g.indptr[i + 1]; p++) g.data[p] = 1 / deg;
  }
  return g;
}

/** The SDCN/scDSC graph: top-k by `kind`, symmetrised, self-loops, row-normalised. */
export function similarityGraph(x: Matrix, k: number, kind: Similarity, options: TopSimilarOptions = {}): Csr {
  return rowNormalisedGraph(x.rows, topSimilar(x, k, kind, options));
}
