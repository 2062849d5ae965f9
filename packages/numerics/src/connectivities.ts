/**
 * UMAP's fuzzy simplicial set on a kNN graph — the `connectivities` that scanpy's `pp.neighbors` (method 'umap')
 * hands to Leiden. For each point: ρ = distance to the nearest neighbour at distance > 0, σ found by binary search
 * so that Σ_j exp(−max(0, d_j − ρ)/σ) = log2(nNeighbors); membership w_ij = exp(−max(0, d_ij − ρ_i)/σ_i);
 * then the fuzzy union W + Wᵀ − W∘Wᵀ.
 *
 * Self as neighbour: scanpy/umap count the point itself as neighbour 0 (distance 0, weight 0). Our kNN excludes it,
 * so `nNeighbors` defaults to knn.k + 1, and the self's zero distance enters the mean distance used by the σ floor,
 * exactly as in umap's smooth_knn_dist (local_connectivity 1, bandwidth 1, 64 bisection steps, tolerance 1e-5).
 */
import type { Csr } from '@scbench/api';
import { csrFromTriplets } from './csr.ts';
import type { KnnResult } from './knn.ts';

export interface ConnectivitiesOptions {
  /** Neighbourhood size counting the point itself, as scanpy's n_neighbors (default knn.k + 1). */
  nNeighbors?: number;
}

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

export function smoothKnnDistances(knn: KnnResult, nNeighbors = knn.k + 1): { sigma: Float64Array; rho: Float64Array } {
  const { k, distances } = knn;
  const n = distances.length / k;
  const target = Math.log2(nNeighbors);
  const sigma = new Float64Array(n);
  const rho = new Float64Array(n);
  let meanAll = 0;
  for (let t = 0; t < distances.length; t++) meanAll += distances[t];
  meanAll /= n * (k + 1); // umap's mean over the full distance matrix, self column (zeros) included
  for (let i = 0; i < n; i++) {
    const off = i * k;
    let r = 0;
    let sumI = 0;
    for (let t = 0; t < k; t++) sumI += distances[off + t];
    for (let t = 0; t < k; t++) {
      if (distances[off + t] > 0) {
        r = distances[off + t]; // sorted ascending: the first positive one
        break;
      }
    }
    rho[i] = r;
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let it = 0; it < 64; it++) {
      let psum = 0;
      for (let t = 0; t < k; t++) {
        const d = distances[off + t] - r;
        psum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    // Floor σ at 1e-3 × the mean neighbour distance (of this point if ρ > 0, else of all points), as umap does.
    const floor = MIN_K_DIST_SCALE * (r > 0 ? sumI / (k + 1) : meanAll);
    sigma[i] = mid < floor ? floor : mid;
  }
  return { sigma, rho };
}

/** Symmetric CSR of fuzzy-union connectivities (zero diagonal), from a kNN result that excludes self. */
export function connectivities(knn: KnnResult, options: ConnectivitiesOptions = {}): Csr {
  const { k, indices, distances } = knn;
  if (indices.length !== distances.length || indices.length % k !== 0) {
    throw new Error(`connectivities: knn.indices (${indices.length}) and knn.distances (${distances.length}) must both be n × k`);
  }
  const n = indices.length / k;
  const nNeighbors = options.nNeighbors ?? k + 1;
  if (!(nNeighbors > 1)) throw new Error(`connectivities: nNeighbors must be > 1, got ${nNeighbors}`);
  const { sigma, rho } = smoothKnnDistances(knn, nNeighbors);
  // Directed memberships W (row i → its neighbours), stored as CSR for the transpose lookup.
  const rows = new Int32Array(n * k);
  const cols = new Int32Array(n * k);
  const vals = new Float64Array(n * k);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      if (j < 0 || j >= n) throw new Error(`connectivities: knn.indices[${i * k + t}] = ${j} out of range [0, ${n})`);
      if (j === i) continue;
      const d = distances[i * k + t] - rho[i];
      const w = d <= 0 || sigma[i] === 0 ? 1 : Math.exp(-d / sigma[i]);
      rows[e] = i;
      cols[e] = j;
      vals[e++] = w;
    }
  }
  const directed = csrFromTriplets(n, n, rows.subarray(0, e), cols.subarray(0, e), vals.subarray(0, e));
  return fuzzyUnion(directed);
}

/** W + Wᵀ − W∘Wᵀ, entries computed in float64 from W's float32 memberships; zeros dropped. */
function fuzzyUnion(w: Csr): Csr {
  const n = w.rows;
  const lookup = (i: number, j: number): number => {
    let lo = w.indptr[i];
    let hi = w.indptr[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = w.indices[mid];
      if (c === j) return w.data[mid];
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  };
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let p = w.indptr[i]; p < w.indptr[i + 1]; p++) {
      const j = w.indices[p];
      const a = w.data[p];
      const b = lookup(j, i);
      const v = a + b - a * b;
      if (v === 0) continue;
      rows.push(i, j);
      cols.push(j, i);
      // Each unordered pair is emitted from both sides when both directions exist: halve to sum back to v.
      const share = b > 0 ? v / 2 : v;
      vals.push(share, share);
    }
  }
  return csrFromTriplets(n, n, rows, cols, vals);
}
