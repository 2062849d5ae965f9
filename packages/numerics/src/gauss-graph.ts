/**
 * Scanpy's Gaussian-kernel connectivities (`pp.neighbors(method='gauss')`, Haghverdi et al. 2016 via `_connectivity.gauss`
 * in scverse/scanpy), used by AttentionAE-sc and DESC:
 *   σ_i² = d²(i, its (n_neighbors − 1)-th nearest other cell) / 4        (scanpy counts the cell itself as neighbour 0)
 *   W_ij = √(2σ_iσ_j / (σ_i² + σ_j²)) · exp(−d_ij² / (σ_i² + σ_j²)),      W_ii = 1
 * - `knn: false` (AttentionAE-sc's setting): every pair, entries ≤ 1e-14 set to 0. Dense N×N: small N only.
 * - `knn: true` with dense distances: W kept on the kNN pairs, symmetrised (j→i added where i→j is a neighbour pair),
 *   diagonal 0 (the mask holds neighbours only); the form whose memory grows with N·k. `knn: false` keeps W_ii = 1.
 * Distances are euclidean or cosine (1 − cos), as `knn` computes them.
 */
import type { Csr, Matrix } from '@scbench/api';
import { csrFromTriplets } from './csr.ts';
import { gemmTransB } from './dense.ts';
import { knn, type KnnMetric } from './knn.ts';

export interface GaussGraphOptions {
  /** scanpy's n_neighbors (the cell itself included), default 15. */
  nNeighbors?: number;
  metric?: KnnMetric;
}

/** Pairwise distances as scanpy's `pairwise_distances` gives them (euclidean, or cosine 1 − cos). N×N: small N only. */
export function pairwiseDistances(x: Matrix, metric: KnnMetric = 'euclidean'): Matrix {
  const { rows: n, cols: d } = x;
  const X = metric === 'cosine' ? unitRows(x) : x.data;
  const dots = new Float64Array(n * n);
  gemmTransB(X, 0, n, X, 0, n, d, dots, n, 0);
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i * n + j] = metric === 'cosine'
        ? (i === j ? 0 : Math.max(0, 1 - dots[i * n + j]))
        : Math.sqrt(Math.max(0, dots[i * n + i] + dots[j * n + j] - 2 * dots[i * n + j]));
    }
  }
  return { rows: n, cols: n, data: out };
}

function unitRows(x: Matrix): Float32Array {
  const { rows: n, cols: d, data } = x;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += data[i * d + f] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let f = 0; f < d; f++) out[i * d + f] = data[i * d + f] * inv;
  }
  return out;
}

function checkNeighbors(n: number, nNeighbors: number): void {
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2) throw new Error(`gaussGraph: nNeighbors must be an integer ≥ 2 (it counts the cell itself), got ${nNeighbors}`);
  if (nNeighbors > n) throw new Error(`gaussGraph: nNeighbors = ${nNeighbors} but the data have ${n} cells; lower nNeighbors`);
}

/** σ_i² from each row's distances to its neighbours, nearest first (self excluded): the last one squared / 4. */
function sigmasSq(distances: Float32Array, n: number, k: number): Float64Array {
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = distances[i * k + k - 1] ** 2 / 4;
  return s;
}

function weight(d2: number, si: number, sj: number): number {
  const den = si + sj;
  if (!(den > 0)) return d2 === 0 ? 1 : 0; // both cells have k duplicates: σ = 0
  return Math.sqrt((2 * Math.sqrt(si * sj)) / den) * Math.exp(-d2 / den);
}

/** `knn=False`: the dense kernel over every pair (and the distances it came from, AttentionAE-sc's r_adj). */
export function gaussGraphDense(x: Matrix, o: GaussGraphOptions = {}): { connectivities: Matrix; distances: Matrix } {
  const n = x.rows;
  const k = (o.nNeighbors ?? 15) - 1;
  checkNeighbors(n, k + 1);
  const dist = pairwiseDistances(x, o.metric ?? 'euclidean');
  // Each row's k nearest others (ties by index), for σ.
  const nearest = new Float32Array(n * k);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < n; j++) if (j !== i) row[t++] = dist.data[i * n + j];
    const sorted = row.subarray(0, n - 1).slice().sort();
    for (let c = 0; c < k; c++) nearest[i * k + c] = sorted[c];
  }
  const s = sigmasSq(nearest, n, k);
  const w = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = weight(dist.data[i * n + j] ** 2, s[i], s[j]);
      w[i * n + j] = v > 1e-14 ? v : 0;
    }
  }
  return { connectivities: { rows: n, cols: n, data: w }, distances: dist };
}

/** `knn=True` form from the kNN search: memory N·k. The weights equal the dense kernel's on the kept pairs. */
export function gaussGraphKnn(x: Matrix, o: GaussGraphOptions = {}): Csr {
  const n = x.rows;
  const k = (o.nNeighbors ?? 15) - 1;
  checkNeighbors(n, k + 1);
  const nn = knn(x, k, { metric: o.metric ?? 'euclidean' });
  const s = sigmasSq(nn.distances, n, k);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const seen = new Set<number>();
  const add = (i: number, j: number, d: number): void => {
    const key = i * n + j;
    if (seen.has(key)) return;
    seen.add(key);
    r.push(i); c.push(j); v.push(weight(d * d, s[i], s[j]));
  };
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = nn.indices[i * k + t];
      const d = nn.distances[i * k + t];
      add(i, j, d);
      add(j, i, d);
    }
  }
  return csrFromTriplets(n, n, r, c, v);
}
