/**
 * scCDCG's two cell–cell graphs and their balancer mix (METHODS.md §3.6, §4.2; `train_scCDCG.py` lines 246–252,
 * `utils.py:get_laplace_matrix`):
 *
 *   X̂  = rows of x scaled to unit L2 norm (F.normalize, eps 1e-12: an all-zero cell stays zero)
 *   A₁ = X̂X̂ᵀ                          cosine similarity, diagonal 1 ("self loop")
 *   A₂ = |cos(X̂,X̂)|·|cos(X̂,X̂)|ᵀ        = A₁² for non-negative input (counts): the two-hop graph
 *   Âᵢ = D^{-1/2} Aᵢ D^{-1/2}, D = diag(row sums), NaN → 0 (so a zero-degree cell gets an empty row/column)
 *   M  = b·Â₁ + (1 − b)·Â₂             with b = balancer; the loss only ever needs M·z for z of width 16
 *
 * The original materialises A₁, A₂ and both normalised matrices densely (N×N each) and forms A₂ by an N³
 * product; it does no thresholding or kNN sparsification — every pair of cells is connected. Three forms here:
 *
 * - `dense`: the original's construction, materialised on the engine (N×N float32; A₂ by the N³ product).
 *   For `paper` mode on small data; refused above `DENSE_MAX_CELLS`.
 * - `factored`: the *same operator*, never materialised. A₁ = X̂X̂ᵀ has rank ≤ genes, so
 *   A₁v = X̂(X̂ᵀv), A₂v = A₁(A₁v), and the degrees are D₁ = A₁·1 and D₂ = A₂·1 = A₁·D₁. Exact up to float
 *   rounding, O(N·genes·16) per product and O(N·genes) memory — no N² anything. Needs non-negative input
 *   (then |cos| = cos and A₂ = A₁²).
 * - `sparse`: a kNN approximation. A keeps, for each cell, its k most cosine-similar cells (union-symmetrised,
 *   weights = the exact cosine, self loop 1); Â₁ = D^{-1/2}AD^{-1/2}; the two-hop operator is A² applied as
 *   A·(A·z) with D₂ = A·(A·1) — exact for the two-hop *product of the kNN graph*, never materialised. What it
 *   changes: the original's graph is complete (every cosine, typically 0.3–0.9 on raw counts, enters), so its
 *   leading eigenvector is near-constant and the NCut term is weak and global; the kNN graph keeps only local
 *   structure, which makes the NCut term a sharper, spectral-clustering-like signal. Neighbours are searched on
 *   the top `knnPcs` principal components of X̂ (euclidean there ≈ √(2 − 2cos) on unit rows) unless
 *   `knnPcs` is 0 (exact search on X̂, O(N²·genes)); the edge weights are always the exact cosines.
 *
 * `deflate` (not in the original; scLLM-DSC's corrected mode): each Âᵢ has the trivial top eigenvector
 * uᵢ = D_i^{1/2}·1/‖·‖ with eigenvalue exactly 1 — it carries degree, not clusters. Shi & Malik's relaxation
 * constrains the cut vectors to be orthogonal to it; the original's −tr(zᵀMz) has no such constraint, so on a
 * complete cosine graph (where every other eigenvalue is far below 1) the cheapest way to lower the loss is to
 * turn every column of z toward uᵢ, and the embedding collapses over the train epochs. Deflation applies
 * M' = b·(Â₁ − u₁u₁ᵀ) + (1 − b)·(Â₂ − u₂u₂ᵀ) instead: the same cut, with the trivial solution removed.
 */
import { type Csr, type Matrix } from '@scbench/api';
import { engineKnn, tf } from '@scbench/engine';
import { csrFromTriplets, csrMatmulDense, knn, pca, relabelSymmetric, reverseCuthillMcKee } from '@scbench/numerics';
import { engineProduct } from './engine-product.ts';

export type GraphForm = 'dense' | 'factored' | 'sparse';

/** Above this the dense form needs > 1.6 GB per N×N float32 matrix and an N³ product: use factored or sparse. */
export const DENSE_MAX_CELLS = 20000;

export interface GraphOptions {
  form: GraphForm;
  /** b in M = b·Â₁ + (1 − b)·Â₂. */
  balancer: number;
  /** Sparse form: neighbours per cell (excluding itself) before symmetrisation. Default 15. */
  k?: number;
  /** Sparse form: principal components for the neighbour search (0 = exact cosine on all genes). Default 50. */
  knnPcs?: number;
  /** Seed of the randomized PCA used by the sparse neighbour search. */
  seed?: number;
  /** Remove each normalised graph's trivial eigenvector (see the file comment). Default false (the original). */
  deflate?: boolean;
}

export interface GraphInfo {
  form: GraphForm;
  cells: number;
  /** Stored non-zeros of the kNN adjacency (sparse form). */
  nnz?: number;
  /** Whether the trivial eigenvectors are removed. */
  deflated: boolean;
  /** Bytes held by the operator's constants (outside the input matrix itself). */
  bytes: number;
  /** Seconds spent building. */
  seconds: number;
}

/** M = b·Â₁ + (1 − b)·Â₂ as a constant, symmetric linear operator on N×d tensors. */
export interface StructuralGraph {
  readonly info: GraphInfo;
  /** M·z (no gradient: call inside a custom gradient or on constants). */
  apply(z: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/**
 * Whether the factored form keeps A₁ = X̂X̂ᵀ as an N×N matrix: when genes ≥ 4·cells (applying it is then ≥ 4×
 * cheaper than the two factor products) and N×N float32 stays ≤ 256 MB.
 */
export const GRAM_MAX_CELLS = 8192;
export function useGram(cells: number, genes: number): boolean {
  return genes >= 4 * cells && cells <= GRAM_MAX_CELLS;
}

/**
 * The originals' graph at a given size: the complete cosine graph (exact, in the factored form) up to `sparseAbove`
 * cells, the kNN form above it — the one deviation scale forces (the complete graph's N×N products).
 */
export function originalGraphForm(cells: number, sparseAbove: number): GraphForm {
  return cells > sparseAbove ? 'sparse' : 'factored';
}

/** Build the graph operator for input x (cells × genes, the structural input). */
export function structuralGraph(x: Matrix, opts: GraphOptions): StructuralGraph {
  const b = opts.balancer;
  if (!(b >= 0 && b <= 1)) throw new Error(`structuralGraph: balancer must lie in [0, 1], got ${b}`);
  const t0 = performance.now();
  const built = opts.form === 'dense' ? denseGraph(x, b) : opts.form === 'factored' ? factoredGraph(x, b) : sparseGraph(x, b, opts);
  const g = opts.deflate ? deflated(built, b) : built;
  (g.info as { seconds: number }).seconds = (performance.now() - t0) / 1000;
  return g;
}

/** A form's operator plus both degree vectors (row sums of A₁ and A₂), which define the trivial eigenvectors. */
interface BuiltGraph extends StructuralGraph {
  readonly degrees: readonly [ArrayLike<number>, ArrayLike<number>];
}

/** Unit √d (zero where d ≤ 0, as invSqrtDegrees zeroes those rows): Âu = u for Â = D^{-1/2}AD^{-1/2}. */
function trivialEigenvector(deg: ArrayLike<number>): Float32Array {
  const u = Float32Array.from(deg, (d) => (d > 0 ? Math.sqrt(d) : 0));
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * u[i];
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < u.length; i++) u[i] *= inv;
  return u;
}

/** M'z = Mz − b·u₁(u₁ᵀz) − (1 − b)·u₂(u₂ᵀz): two rank-one corrections, O(N·d) per product. */
function deflated(g: BuiltGraph, b: number): StructuralGraph {
  const n = g.info.cells;
  const u = tf.tidy(() => tf.keep(tf.stack([
    tf.tensor1d(trivialEigenvector(g.degrees[0])), tf.tensor1d(trivialEigenvector(g.degrees[1])),
  ], 1) as tf.Tensor2D)); // N×2
  const w = tf.keep(tf.tensor2d([b, 1 - b], [2, 1]));
  return {
    info: { ...g.info, deflated: true, bytes: g.info.bytes + 8 * n },
    apply: (z) => tf.tidy(() => tf.sub(g.apply(z), tf.matMul(u, tf.mul(w, tf.matMul(u, z, true, false)))) as tf.Tensor2D),
    dispose: () => {
      g.dispose();
      tf.dispose([u, w]);
    },
  };
}

/** 1/‖x_i‖ per row with F.normalize's eps: zero rows get factor 0 after the multiplication (0 · 1e12 = 0). */
export function inverseRowNorms(x: Matrix): Float32Array {
  const r = new Float32Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    for (let j = 0, o = i * x.cols; j < x.cols; j++, o++) s += x.data[o] * x.data[o];
    r[i] = 1 / Math.max(Math.sqrt(s), 1e-12);
  }
  return r;
}

/** D^{-1/2} with get_laplace_matrix's NaN → 0: a zero (or negative) degree gives a zero row and column. */
export function invSqrtDegrees(deg: ArrayLike<number>): Float32Array {
  return Float32Array.from(deg, (d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
}

function denseGraph(x: Matrix, b: number): BuiltGraph {
  const n = x.rows;
  if (n > DENSE_MAX_CELLS) throw new Error(`structuralGraph: the dense form materialises N×N matrices; ${n} cells exceed ${DENSE_MAX_CELLS} — use graph 'factored' (same operator) or 'sparse'`);
  const degrees: Float32Array[] = [];
  const m = tf.tidy(() => {
    const xt = tf.tensor2d(x.data, [n, x.cols]);
    const xh = tf.mul(xt, tf.tensor2d(inverseRowNorms(x), [n, 1]));
    const a1 = tf.matMul(xh, xh, false, true);
    const abs1 = tf.abs(a1);
    const a2 = tf.matMul(abs1, abs1, false, true); // the original's N³ product
    const norm = (a: tf.Tensor): tf.Tensor => {
      const deg = a.sum(1).dataSync() as Float32Array;
      degrees.push(deg);
      const s = tf.tensor2d(invSqrtDegrees(deg), [n, 1]);
      return tf.mul(tf.mul(s, a), tf.reshape(s, [1, n]));
    };
    return tf.add(tf.mul(b, norm(a1)), tf.mul(1 - b, norm(a2))) as tf.Tensor2D;
  });
  return {
    info: { form: 'dense', cells: n, bytes: 4 * n * n, seconds: 0, deflated: false },
    degrees: [degrees[0], degrees[1]],
    apply: (z) => tf.matMul(m, z),
    dispose: () => m.dispose(),
  };
}

function factoredGraph(x: Matrix, b: number): BuiltGraph {
  const n = x.rows;
  const p = x.cols;
  for (let t = 0; t < x.data.length; t++) {
    if (x.data[t] < 0) throw new Error(`structuralGraph: the factored form needs non-negative input (then A₂ = A₁²); found ${x.data[t]} — use graph 'sparse' for signed input such as 'hvg-scaled' (scLLM-DSC's corrected default), or a non-negative input ('hvg-log', 'log1p', 'raw')`);
  }
  // Degrees in float64 on the CPU: D₁ = X̂(X̂ᵀ1), D₂ = A₁D₁ = X̂(X̂ᵀD₁).
  const r = inverseRowNorms(x);
  const a1Times = (v: Float64Array): Float64Array => {
    const u = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const w = v[i] * r[i];
      if (w !== 0) for (let j = 0, o = i * p; j < p; j++, o++) u[j] += w * x.data[o];
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0, o = i * p; j < p; j++, o++) s += x.data[o] * u[j];
      out[i] = s * r[i];
    }
    return out;
  };
  const d1 = a1Times(new Float64Array(n).fill(1));
  const d2 = a1Times(d1);
  const consts = tf.tidy(() => ({
    xt: tf.tensor2d(x.data, [n, p]),
    r: tf.tensor2d(r, [n, 1]),
    s1: tf.tensor2d(invSqrtDegrees(d1), [n, 1]),
    s2: tf.tensor2d(invSqrtDegrees(d2), [n, 1]),
  }));
  const { xt, r: rt, s1, s2 } = consts;
  // With many more genes than cells (pbmc3k: 2638 × 13714) A₁ = X̂X̂ᵀ itself (N×N, built once by one product) is
  // far cheaper to apply than the factors: N²·d per product instead of 2·N·genes·d, ≈ 10× fewer flops per step;
  // the build (N²·genes) pays for itself within ~30 applications. Same operator, re-associated.
  const gram = useGram(n, p)
    ? tf.tidy(() => {
      const xh = tf.mul(xt, rt);
      return tf.keep(tf.matMul(xh, xh, false, true)) as tf.Tensor2D;
    })
    : null;
  // A₁v = r ⊙ (x (xᵀ (r ⊙ v))): two skinny products through the engine's (ORT) matmul; or X̂X̂ᵀv.
  const a1 = (v: tf.Tensor): tf.Tensor2D => gram
    ? tf.matMul(gram, v as tf.Tensor2D)
    : tf.mul(rt, tf.matMul(xt, tf.matMul(xt, tf.mul(rt, v) as tf.Tensor2D, true, false))) as tf.Tensor2D;
  return {
    info: { form: 'factored', cells: n, bytes: 4 * n * (p + 3) + (gram ? 4 * n * n : 0), seconds: 0, deflated: false },
    degrees: [d1, d2],
    apply: (z) => tf.tidy(() => {
      const d = z.shape[1];
      // One pass for both first hops: A₁[s₁⊙z | s₂⊙z], then the second hop of the two-hop half.
      const first = a1(tf.concat([tf.mul(s1, z), tf.mul(s2, z)], 1));
      const one = tf.mul(s1, tf.slice(first, [0, 0], [n, d]));
      const two = tf.mul(s2, a1(tf.slice(first, [0, d], [n, d]) as tf.Tensor2D));
      return tf.add(tf.mul(b, one), tf.mul(1 - b, two)) as tf.Tensor2D;
    }),
    dispose: () => tf.dispose([xt, rt, s1, s2, ...(gram ? [gram] : [])]),
  };
}

/** The union-symmetrised kNN cosine adjacency with self loops (see the file comment). Exposed for tests. */
export function knnCosineAdjacency(x: Matrix, k: number, knnPcs = 50, seed = 0): Csr {
  const n = x.rows;
  const p = x.cols;
  const r = inverseRowNorms(x);
  const xh = new Float32Array(x.data.length);
  for (let i = 0; i < n; i++) for (let j = 0, o = i * p; j < p; j++, o++) xh[o] = x.data[o] * r[i];
  const xhat: Matrix = { rows: n, cols: p, data: xh };
  const kk = Math.min(k, n - 1);
  const pcs = Math.min(knnPcs, p, n - 1);
  // Euclidean distance between unit rows is monotone in cosine, and PCA keeps euclidean geometry best.
  // On PCs, the PCA's products and the search's N² products run on the engine (engine-product.ts, the engine's engineKnn);
  // the exact-cosine search stays in numerics.
  let nb;
  if (pcs > 0 && pcs < p) {
    const product = engineProduct(xhat);
    try {
      nb = engineKnn(pca(xhat, pcs, { seed, product: product.product }).scores, kk);
    } finally {
      product.dispose();
    }
  } else nb = knn(xhat, kk, { metric: 'cosine' });
  const dot = (i: number, j: number): number => {
    let s = 0;
    for (let t = 0, a = i * p, c = j * p; t < p; t++, a++, c++) s += xh[a] * xh[c];
    return s;
  };
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const seen = new Set<number>();
  const push = (i: number, j: number, v: number): void => {
    rows.push(i);
    cols.push(j);
    vals.push(v);
  };
  for (let i = 0; i < n; i++) {
    push(i, i, dot(i, i)); // the cosine graph's diagonal: 1, or 0 for an all-zero cell
    for (let t = 0; t < kk; t++) {
      const j = nb.indices[i * kk + t];
      if (j < 0 || j === i) continue;
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      const key = lo * n + hi;
      if (seen.has(key)) continue; // union: an edge found from both ends is stored once per direction
      seen.add(key);
      const v = dot(i, j);
      if (!(v > 0)) continue; // signed input ('hvg-scaled'): an anti-correlated neighbour is no edge
      push(i, j, v);
      push(j, i, v);
    }
  }
  return csrFromTriplets(n, n, rows, cols, vals);
}

/** y = A·z on typed arrays. */
function spmmDense(a: Csr, z: Float32Array, d: number): Float32Array {
  return csrMatmulDense(a, { rows: a.cols, cols: d, data: z }).data;
}

function sparseGraph(x: Matrix, b: number, opts: GraphOptions): BuiltGraph {
  const n = x.rows;
  const a = knnCosineAdjacency(x, opts.k ?? 15, opts.knnPcs ?? 50, opts.seed ?? 0);
  const ones = new Float32Array(n).fill(1);
  const d1 = spmmDense(a, ones, 1);
  const d2 = spmmDense(a, d1, 1);
  const s1 = invSqrtDegrees(d1);
  const s2 = invSqrtDegrees(d2);
  const nnz = a.indptr[n];
  // The products run on the cells renumbered in reverse Cuthill–McKee order (numerics' reorder.ts): neighbours sit
  // close in memory (100,000 cells: ~4× fewer cache misses). Each row keeps its entries' order, so every sum adds the
  // same numbers in the same sequence — bitwise the result of the file-order products, only permuted.
  const order = reverseCuthillMcKee(a);
  const ap = relabelSymmetric(a, order);
  const s1p = Float32Array.from(order, (i) => s1[i]);
  const s2p = Float32Array.from(order, (i) => s2[i]);
  return {
    info: { form: 'sparse', cells: n, nnz, bytes: 8 * nnz + 4 * (n + 1) + 8 * n + 12 * n, seconds: 0, deflated: false },
    degrees: [d1, d2],
    apply: (zt) => {
      const d = zt.shape[1];
      const z = zt.dataSync() as Float32Array;
      const u1 = new Float32Array(n * d);
      const u2 = new Float32Array(n * d);
      for (let r = 0; r < n; r++) {
        for (let c = 0, o = r * d, src = order[r] * d; c < d; c++, o++, src++) {
          u1[o] = s1p[r] * z[src];
          u2[o] = s2p[r] * z[src];
        }
      }
      const one = spmmDense(ap, u1, d);
      const two = spmmDense(ap, spmmDense(ap, u2, d), d);
      const out = new Float32Array(n * d);
      for (let r = 0; r < n; r++) {
        for (let c = 0, o = r * d, dst = order[r] * d; c < d; c++, o++, dst++) out[dst] = b * s1p[r] * one[o] + (1 - b) * s2p[r] * two[o];
      }
      return tf.tensor2d(out, [n, d]);
    },
    dispose: () => undefined,
  };
}
