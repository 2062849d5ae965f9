/**
 * k-means as scikit-learn's `KMeans` does it: greedy k-means++ seeding (2 + ⌊ln k⌋ local trials), Lloyd iterations
 * until the labels stop changing or the total squared centre shift ≤ tol · mean feature variance, `nInit` restarts
 * keeping the lowest inertia, empty clusters relocated to the points farthest from their centres.
 *
 * Speed: the Lloyd iterations use Hamerly's bounds (one upper bound to the own centre, one lower bound to the
 * second-closest centre, per point). It is an *exact* acceleration: labels and centres are those of plain Lloyd
 * (up to exact ties), but after the first few iterations most points skip the k distance computations.
 *
 * Threads: the restarts are independent (each its own RNG stream, forked in order from the seed), so `threads > 1`
 * runs them on worker threads (`kmeans-threads.ts`) with the same result as one thread. (sklearn's KMeans uses every
 * core too, through OpenMP over chunks of the data; splitting restarts keeps our result independent of the split.)
 */
import type { Matrix } from '@scbench/api';
import { assertFinite } from './dense.ts';
import { restartsOnThreads } from './kmeans-threads.ts';
import { createRng, type Rng } from './rng.ts';

export interface KMeansOptions {
  /** Restarts with different seeding; the run with the lowest inertia wins. Default 10 (sklearn's classic value; scCDCG uses 20). */
  nInit?: number;
  /** Lloyd iterations per run. Default 300. */
  maxIter?: number;
  /** Relative tolerance on the total squared centre shift, scaled by the mean feature variance (sklearn). Default 1e-4. */
  tol?: number;
  seed?: number;
  /** Explicit initial centres (k × d). Then only one run is made, as sklearn does for an array init. */
  init?: Matrix;
  /** Threads for the restarts (the calling one included). Any value gives the same result. Default 1. */
  threads?: number;
}

export interface KMeansResult {
  labels: Int32Array;
  centers: Matrix;
  /** Σ squared distance of each point to its centre. */
  inertia: number;
  /** Lloyd iterations of the winning run. */
  iterations: number;
}

export function kmeans(data: Matrix, k: number, options: KMeansOptions = {}): KMeansResult {
  const { rows: n, cols: d, data: X } = data;
  if (X.length !== n * d) throw new Error(`kmeans: data has ${X.length} entries, expected ${n}×${d}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`kmeans: k must be a positive integer, got ${k}`);
  if (k > n) throw new Error(`kmeans: k = ${k} exceeds the number of points (data has ${n} rows)`);
  const maxIter = options.maxIter ?? 300;
  const tolRel = options.tol ?? 1e-4;
  let nInit = options.nInit ?? 10;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new Error(`kmeans: maxIter must be a positive integer, got ${maxIter}`);
  if (!Number.isInteger(nInit) || nInit < 1) throw new Error(`kmeans: nInit must be a positive integer, got ${nInit}`);
  assertFinite('kmeans: data', X);
  if (options.init) {
    if (options.init.rows !== k || options.init.cols !== d) {
      throw new Error(`kmeans: init is ${options.init.rows}×${options.init.cols}, expected k × d = ${k}×${d}`);
    }
    assertFinite('kmeans: init', options.init.data);
    nInit = 1;
  }
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`kmeans: threads must be a positive integer, got ${threads}`);
  const tol = tolRel * meanVariance(X, n, d);
  if (options.init) return lloyd(X, n, d, k, Float64Array.from(options.init.data), maxIter, tol);
  // One independent stream per restart (what master.fork() draws): run r does not depend on run r-1's draws,
  // so the restarts can run anywhere, in any order.
  const master = createRng(options.seed ?? 0);
  const seeds = Array.from({ length: nInit }, () => master.nextUint32());
  const job = { X, n, d, k, seeds, maxIter, tol };
  const results = threads > 1 && nInit > 1 ? restartsOnThreads(job, threads, kmeansRestarts) : kmeansRestarts(job);
  let best = results[0];
  for (const res of results) if (res.inertia < best.inertia) best = res; // first lowest, as one thread in order
  return best;
}

/** A batch of k-means++ restarts on shared data: what one thread runs. */
export interface RestartJob {
  X: Float32Array;
  n: number;
  d: number;
  k: number;
  /** One RNG seed per restart. */
  seeds: readonly number[];
  maxIter: number;
  /** Absolute tolerance on the total squared centre shift. */
  tol: number;
}

/** Runs each restart of `job` in order; one result per seed. */
export function kmeansRestarts(job: RestartJob): KMeansResult[] {
  const { X, n, d, k, maxIter, tol } = job;
  return job.seeds.map((seed) => {
    const seeding = seedPlusPlus(X, n, d, k, createRng(seed));
    return lloyd(X, n, d, k, seeding.centers, maxIter, tol, seeding);
  });
}

/** Index of the nearest centre for each row of `data`, with the squared distance. */
export function nearestCenters(data: Matrix, centers: Matrix): { labels: Int32Array; distances: Float64Array } {
  if (data.cols !== centers.cols) throw new Error(`nearestCenters: data has ${data.cols} columns but centers has ${centers.cols}`);
  const C = Float64Array.from(centers.data);
  const labels = new Int32Array(data.rows);
  const distances = new Float64Array(data.rows);
  for (let i = 0; i < data.rows; i++) {
    let bestD = Infinity;
    let bestJ = 0;
    for (let j = 0; j < centers.rows; j++) {
      const dist = sqDist(data.data, i * data.cols, C, j * data.cols, data.cols);
      if (dist < bestD) {
        bestD = dist;
        bestJ = j;
      }
    }
    labels[i] = bestJ;
    distances[i] = bestD;
  }
  return { labels, distances };
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii 2007, with sklearn's greedy local trials): each new centre is the best of
 * 2 + ⌊ln k⌋ candidates drawn with probability ∝ D(x)², "best" meaning lowest resulting potential. Returns k × d
 * centres (float64, copies of data rows).
 */
export function kmeansPlusPlus(X: Float32Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  return seedPlusPlus(X, n, d, k, rng).centers;
}

interface Seeding {
  centers: Float64Array;
  /** Index of the nearest chosen centre and the squared distance to it, per point: a free first E-step. */
  nearest: Int32Array;
  closest: Float64Array;
  /** A lower bound on the squared distance to the second-nearest centre: Hamerly's lower bound for free. */
  second: Float64Array;
}

function seedPlusPlus(X: Float32Array, n: number, d: number, k: number, rng: Rng): Seeding {
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.randint(n);
  copyRow(X, first, centers, 0, d);
  const nearest = new Int32Array(n);
  const closest = new Float64Array(n);
  const second = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) closest[i] = sqDist(X, i * d, centers, 0, d);
  let pot = sum(closest);
  const cum = new Float64Array(n);
  const cand = new Int32Array(trials);
  const candDist = new Float64Array(trials * n); // min(D², distance to candidate)
  const candLower = new Float64Array(trials * n); // exact squared distance to the candidate, or a lower bound
  const candPot = new Float64Array(trials);
  const candRows = new Float64Array(trials * d);
  const gap = new Float64Array(trials * k); // squared distance from each chosen centre to each candidate
  const dist = new Float64Array(trials);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cum[i] = acc += closest[i];
    for (let t = 0; t < trials; t++) {
      // When every point already coincides with a centre (duplicates), D² is 0 everywhere: draw uniformly.
      cand[t] = pot > 0 ? Math.min(n - 1, searchSorted(cum, rng.uniform() * pot)) : rng.randint(n);
      copyRow(X, cand[t], candRows, t * d, d);
      for (let j = 0; j < c; j++) gap[t * k + j] = sqDist(X, cand[t] * d, centers, j * d, d);
    }
    candPot.fill(0);
    for (let i = 0; i < n; i++) {
      const v = closest[i];
      // Triangle inequality: ‖cand − c_a‖ ≥ 2‖x − c_a‖ ⇒ ‖x − cand‖ ≥ ‖x − c_a‖, so x keeps its distance for that
      // candidate. Exact pruning: the distances are only computed when some candidate might come closer.
      let needed = false;
      for (let t = 0; t < trials; t++) if (gap[t * k + nearest[i]] < 4 * v) needed = true;
      if (needed) distancesToRows(X, i * d, candRows, trials, d, dist);
      for (let t = 0; t < trials; t++) {
        let lb: number;
        if (needed) lb = dist[t];
        else {
          const r = Math.sqrt(gap[t * k + nearest[i]]) - Math.sqrt(v);
          lb = r * r;
        }
        const w = lb < v ? lb : v;
        candLower[t * n + i] = lb;
        candDist[t * n + i] = w;
        candPot[t] += w;
      }
    }
    let bestT = 0;
    for (let t = 1; t < trials; t++) if (candPot[t] < candPot[bestT]) bestT = t;
    copyRow(X, cand[bestT], centers, c * d, d);
    const best = candLower.subarray(bestT * n, (bestT + 1) * n);
    for (let i = 0; i < n; i++) {
      if (best[i] < closest[i]) {
        second[i] = closest[i];
        closest[i] = best[i];
        nearest[i] = c;
      } else if (best[i] < second[i]) second[i] = best[i];
    }
    pot = candPot[bestT];
  }
  return { centers, nearest, closest, second };
}

/** Lloyd iterations with Hamerly bounds. `centers` (k·d, float64) is consumed. */
function lloyd(
  X: Float32Array, n: number, d: number, k: number, centers: Float64Array, maxIter: number, tol: number, seeding?: Seeding,
): KMeansResult {
  const labels = new Int32Array(n);
  const upper = new Float64Array(n).fill(Infinity); // ≥ distance to own centre
  const lower = new Float64Array(n); // ≤ distance to any other centre; 0 forces a full scan unless u ≤ half-gap
  if (seeding) {
    // k-means++ already knows each point's nearest centre exactly and a lower bound on the second nearest.
    labels.set(seeding.nearest);
    for (let i = 0; i < n; i++) {
      upper[i] = Math.sqrt(seeding.closest[i]);
      lower[i] = Math.sqrt(seeding.second[i]);
    }
  }
  const half = new Float64Array(k); // half the distance from each centre to its nearest other centre
  const shift = new Float64Array(k);
  // Per-cluster sums and counts are kept in step with `labels`, so the M-step costs O(changed · d), not O(n · d).
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) addPoint(X, i, d, labels[i], sums, counts, 1);
  let next: Float64Array = new Float64Array(k * d);
  let cur: Float64Array = centers;
  let iterations = 0;
  let strict = false;
  let relocated = 0;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    halfNearestCenterDistances(cur, k, d, half);
    const changed = assign(X, n, d, k, cur, labels, upper, lower, half, sums, counts) + relocated;
    relocated = relocateEmpty(X, n, d, k, labels, cur, sums, counts, upper, lower);
    centersFromSums(k, d, sums, counts, cur, next);
    // Each centre's movement loosens the bounds: u += own shift, l −= largest other shift.
    let shiftTot = 0;
    let max1 = 0;
    let max2 = 0;
    let argMax1 = -1;
    for (let j = 0; j < k; j++) {
      const s2 = sqDist64(cur, j * d, next, j * d, d);
      shiftTot += s2;
      const sj = Math.sqrt(s2);
      shift[j] = sj;
      if (sj > max1) {
        max2 = max1;
        max1 = sj;
        argMax1 = j;
      } else if (sj > max2) max2 = sj;
    }
    [cur, next] = [next, cur];
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      upper[i] += shift[a];
      lower[i] -= a === argMax1 ? max2 : max1;
    }
    if (it > 0 && changed === 0) {
      strict = true; // labels unchanged since the previous E-step: a fixed point (sklearn's strict convergence)
      break;
    }
    if (shiftTot <= tol) break;
  }
  if (!strict) {
    // The last centres moved after the last E-step: reassign so labels and centres agree (as sklearn does).
    halfNearestCenterDistances(cur, k, d, half);
    assign(X, n, d, k, cur, labels, upper, lower, half, sums, counts);
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(X, i * d, cur, labels[i] * d, d);
  return { labels, centers: { rows: k, cols: d, data: Float32Array.from(cur) }, inertia, iterations };
}

/** Hamerly's E-step; moves changed points between the cluster sums. Returns how many labels changed. */
function assign(
  X: Float32Array, n: number, d: number, k: number, C: Float64Array, labels: Int32Array,
  upper: Float64Array, lower: Float64Array, half: Float64Array, sums: Float64Array, counts: Float64Array,
): number {
  let changed = 0;
  const dist = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    const bound = half[a] > lower[i] ? half[a] : lower[i];
    if (upper[i] <= bound) continue;
    const off = i * d;
    upper[i] = Math.sqrt(sqDist(X, off, C, a * d, d)); // tighten, then test again before a full scan
    if (upper[i] <= bound) continue;
    distancesToRows(X, off, C, k, d, dist);
    let b1 = Infinity;
    let b2 = Infinity;
    let j1 = 0;
    for (let j = 0; j < k; j++) {
      const v = dist[j];
      if (v < b1) {
        b2 = b1;
        b1 = v;
        j1 = j;
      } else if (v < b2) b2 = v;
    }
    if (j1 !== a) {
      changed++;
      addPoint(X, i, d, a, sums, counts, -1);
      addPoint(X, i, d, j1, sums, counts, 1);
      labels[i] = j1;
    }
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
  }
  return changed;
}

function addPoint(X: Float32Array, i: number, d: number, j: number, sums: Float64Array, counts: Float64Array, sign: number): void {
  counts[j] += sign;
  const off = i * d;
  const co = j * d;
  for (let f = 0; f < d; f++) sums[co + f] += sign * X[off + f];
}

function centersFromSums(k: number, d: number, sums: Float64Array, counts: Float64Array, old: Float64Array, out: Float64Array): void {
  for (let j = 0; j < k; j++) {
    const co = j * d;
    if (counts[j] === 0) {
      // Still empty (fewer distinct points than k): keep the old centre rather than inventing one.
      for (let f = 0; f < d; f++) out[co + f] = old[co + f];
    } else {
      for (let f = 0; f < d; f++) out[co + f] = sums[co + f] / counts[j];
    }
  }
}

/**
 * sklearn's empty-cluster rule: each empty cluster takes one of the points farthest from their current centres,
 * which leaves its old cluster. The moved point's label changes here, so its bounds are reset. Returns how many moved.
 */
function relocateEmpty(
  X: Float32Array, n: number, d: number, k: number, labels: Int32Array, C: Float64Array,
  sums: Float64Array, counts: Float64Array, upper: Float64Array, lower: Float64Array,
): number {
  let empty = 0;
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty++;
  if (empty === 0) return 0;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = sqDist(X, i * d, C, labels[i] * d, d);
  // Farthest first (a partial selection would do; n log n is fine for a rare event).
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b] - dist[a] || a - b);
  let t = 0;
  let moved = 0;
  for (let j = 0; j < k && t < n; j++) {
    if (counts[j] !== 0) continue;
    const i = order[t++];
    if (dist[i] === 0) break; // only points sitting on their centre are left: nothing to gain
    const from = labels[i];
    if (counts[from] <= 1) continue;
    addPoint(X, i, d, from, sums, counts, -1);
    addPoint(X, i, d, j, sums, counts, 1);
    labels[i] = j;
    upper[i] = Infinity;
    lower[i] = 0;
    moved++;
  }
  return moved;
}

function halfNearestCenterDistances(C: Float64Array, k: number, d: number, out: Float64Array): void {
  out.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const dist = 0.5 * Math.sqrt(sqDist64(C, a * d, C, b * d, d));
      if (dist < out[a]) out[a] = dist;
      if (dist < out[b]) out[b] = dist;
    }
  }
}

function sqDist(X: Float32Array, xo: number, C: Float64Array, co: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = X[xo + f] - C[co + f];
    s += t * t;
  }
  return s;
}

function sqDist64(A: Float64Array, ao: number, B: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = A[ao + f] - B[bo + f];
    s += t * t;
  }
  return s;
}

/**
 * Squared distances from row X[xo..xo+d) to the m rows of C, four rows at a time: x is loaded once per four
 * centres, which is about twice as fast in V8 as one distance at a time.
 */
function distancesToRows(X: Float32Array, xo: number, C: Float64Array, m: number, d: number, out: Float64Array): void {
  let j = 0;
  for (; j + 3 < m; j += 4) {
    const c0 = j * d;
    const c1 = c0 + d;
    const c2 = c1 + d;
    const c3 = c2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let f = 0; f < d; f++) {
      const x = X[xo + f];
      const t0 = x - C[c0 + f];
      const t1 = x - C[c1 + f];
      const t2 = x - C[c2 + f];
      const t3 = x - C[c3 + f];
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    out[j] = s0;
    out[j + 1] = s1;
    out[j + 2] = s2;
    out[j + 3] = s3;
  }
  for (; j < m; j++) out[j] = sqDist(X, xo, C, j * d, d);
}

function meanVariance(X: Float32Array, n: number, d: number): number {
  if (n === 0 || d === 0) return 0;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += X[i * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) {
      const t = X[i * d + f] - mean[f];
      s += t * t;
    }
  }
  return s / (n * d); // mean of the population variances (numpy's np.var default)
}

function copyRow(X: Float32Array, i: number, out: Float64Array, off: number, d: number): void {
  for (let f = 0; f < d; f++) out[off + f] = X[i * d + f];
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** First index with cum[index] ≥ value (numpy searchsorted, side='left'). */
function searchSorted(cum: Float64Array, value: number): number {
  let lo = 0;
  let hi = cum.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
