/**
 * Exact k-nearest neighbours of every row among the other rows (the point itself excluded by index; exact
 * duplicates of it stay, at distance 0). Brute force, blocked: a block of queries × a block of references goes
 * through one A·Bᵀ product and ‖q‖² + ‖r‖² − 2 q·r, and each query keeps its k best in a small max-heap.
 *
 * Relation to scanpy: `pp.neighbors(n_neighbors=15)` counts the cell itself as its first neighbour, so it
 * corresponds to k = 14 here (see connectivities.ts, which adds the self back the way umap does).
 */
import type { Matrix } from '@scbench/api';
import { assertFinite, gemmTransB } from './dense.ts';

export type KnnMetric = 'euclidean' | 'cosine';

export interface KnnResult {
  k: number;
  /** n × k, row i = neighbours of point i, nearest first. */
  indices: Int32Array;
  /** n × k, matching `indices`: euclidean distance, or cosine distance 1 − cos(x, y). */
  distances: Float32Array;
}

export interface KnnOptions {
  metric?: KnnMetric;
  /** Rows per block, for queries and references alike (default 256: a 256×256 float64 block of dots is 512 KB). */
  blockSize?: number;
}

export function knn(data: Matrix, k: number, options: KnnOptions = {}): KnnResult {
  const { rows: n, cols: d } = data;
  const metric = options.metric ?? 'euclidean';
  if (data.data.length !== n * d) throw new Error(`knn: data has ${data.data.length} entries, expected ${n}×${d}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`knn: k must be a positive integer, got ${k}`);
  if (k > n - 1) throw new Error(`knn: k = ${k} but only ${n - 1} other points exist (data has ${n} rows)`);
  if (metric !== 'euclidean' && metric !== 'cosine') throw new Error(`knn: unknown metric '${String(metric)}'`);
  assertFinite('knn: data', data.data);
  const X = metric === 'cosine' ? normalizedRows(data.data, n, d) : data.data;
  const norms = new Float64Array(n);
  // Cosine: every row counts as unit norm, so the key 2 − 2·q·r is 2 × (1 − cos) — also for zero rows (cos 0).
  if (metric === 'cosine') norms.fill(1);
  else for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += X[i * d + f] * X[i * d + f];
    norms[i] = s;
  }
  const B = options.blockSize ?? 256;
  if (!Number.isInteger(B) || B < 1) throw new Error(`knn: blockSize must be a positive integer, got ${B}`);
  const heapD = new Float64Array(n * k).fill(Infinity); // squared distances, a max-heap per row
  const heapI = new Int32Array(n * k).fill(-1);
  const dots = new Float64Array(B * B);
  // The distance is symmetric, so only blocks with r0 ≥ q0 are multiplied; an off-diagonal block feeds the heaps
  // of its query rows and of its reference rows. That halves the dominant O(n²·d) cost.
  for (let q0 = 0; q0 < n; q0 += B) {
    const q1 = Math.min(n, q0 + B);
    for (let r0 = q0; r0 < n; r0 += B) {
      const r1 = Math.min(n, r0 + B);
      const w = r1 - r0;
      gemmTransB(X, q0, q1, X, r0, r1, d, dots, w, 0);
      for (let i = q0; i < q1; i++) {
        const rowOff = (i - q0) * w - r0;
        const ni = norms[i];
        const hOff = i * k;
        for (let j = r0; j < r1; j++) {
          const dist = ni + norms[j] - 2 * dots[rowOff + j];
          if (dist <= heapD[hOff] && j !== i) offer(heapD, heapI, hOff, k, dist, j);
        }
      }
      if (r0 === q0) continue;
      for (let j = r0; j < r1; j++) {
        const nj = norms[j];
        const hOff = j * k;
        for (let i = q0; i < q1; i++) {
          const dist = norms[i] + nj - 2 * dots[(i - q0) * w + j - r0];
          if (dist <= heapD[hOff]) offer(heapD, heapI, hOff, k, dist, i);
        }
      }
    }
  }
  return finish(heapD, heapI, n, k, metric);
}

/**
 * Exact euclidean kNN where the caller supplies the dot products, a block of query rows at a time: `dots(q0, q1)`
 * returns the (q1 − q0) × n products of those rows with every row. For a fast matrix product outside this
 * package (the engine's), with the same heaps, tie-breaking and output as `knn`. `norms` are the squared row norms.
 */
export function knnFromRowBlocks(n: number, k: number, norms: Float64Array, dots: (q0: number, q1: number) => Float32Array, blockRows: number): KnnResult {
  if (!Number.isInteger(k) || k < 1) throw new Error(`knn: k must be a positive integer, got ${k}`);
  if (k > n - 1) throw new Error(`knn: k = ${k} but only ${n - 1} other points exist (data has ${n} rows)`);
  if (norms.length !== n) throw new Error(`knnFromRowBlocks: ${norms.length} norms for ${n} rows`);
  const heapD = new Float64Array(n * k).fill(Infinity);
  const heapI = new Int32Array(n * k).fill(-1);
  for (let q0 = 0; q0 < n; q0 += blockRows) {
    const q1 = Math.min(n, q0 + blockRows);
    const block = dots(q0, q1);
    if (block.length !== (q1 - q0) * n) throw new Error(`knnFromRowBlocks: block ${q0}–${q1} has ${block.length} dots, expected ${(q1 - q0) * n}`);
    for (let i = q0; i < q1; i++) {
      const off = (i - q0) * n;
      const ni = norms[i];
      const hOff = i * k;
      for (let j = 0; j < n; j++) {
        const dist = ni + norms[j] - 2 * block[off + j];
        if (dist <= heapD[hOff] && j !== i) offer(heapD, heapI, hOff, k, dist, j);
      }
    }
  }
  return finish(heapD, heapI, n, k, 'euclidean');
}

/** Rows scaled to unit norm (zero rows stay zero, so they sit at cosine distance 1 from everything). */
function normalizedRows(X: Float32Array, n: number, d: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += X[i * d + f] * X[i * d + f];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let f = 0; f < d; f++) out[i * d + f] = X[i * d + f] * inv;
  }
  return out;
}

/**
 * Offer (dist, idx) to a row's max-heap of its k best, ordered by (distance, index): equal distances are broken by
 * the smaller index, so the result is the same whatever order the blocks come in. Also the heap of
 * similarity-graph.ts (top-k by a similarity, as distance = −similarity).
 */
export function offer(hd: Float64Array, hi: Int32Array, off: number, k: number, dist: number, idx: number): void {
  if (dist === hd[off] && idx > hi[off]) return;
  siftDownReplace(hd, hi, off, k, dist, idx);
}

/** Replace the root of a max-heap (the current worst) and restore the heap property. */
function siftDownReplace(hd: Float64Array, hi: Int32Array, off: number, k: number, dist: number, idx: number): void {
  let pos = 0;
  for (;;) {
    const l = 2 * pos + 1;
    if (l >= k) break;
    const r = l + 1;
    let c = l;
    if (r < k && (hd[off + r] > hd[off + l] || (hd[off + r] === hd[off + l] && hi[off + r] > hi[off + l]))) c = r;
    if (hd[off + c] < dist || (hd[off + c] === dist && hi[off + c] < idx)) break;
    hd[off + pos] = hd[off + c];
    hi[off + pos] = hi[off + c];
    pos = c;
  }
  hd[off + pos] = dist;
  hi[off + pos] = idx;
}

function finish(heapD: Float64Array, heapI: Int32Array, n: number, k: number, metric: KnnMetric): KnnResult {
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const order = Array.from({ length: k }, (_, t) => t);
  for (let i = 0; i < n; i++) {
    const off = i * k;
    // Nearest first; equal distances by index, so results do not depend on the blocking.
    order.sort((a, b) => heapD[off + a] - heapD[off + b] || heapI[off + a] - heapI[off + b]);
    for (let t = 0; t < k; t++) {
      const sq = Math.max(0, heapD[off + order[t]]); // rounding can make ‖q‖²+‖r‖²−2q·r slightly negative
      indices[off + t] = heapI[off + order[t]];
      distances[off + t] = metric === 'cosine' ? sq / 2 : Math.sqrt(sq);
    }
    for (let t = 0; t < k; t++) order[t] = t;
  }
  return { k, indices, distances };
}
